"""The redline between two responses as they read, not as they were typed: `**2018**` shows as
a bold 2018, and making a word bold shows as a change of that word.

Pure Python, no Django. The responses' light markup (`markup.blocks`) is turned into a stream
of words in which each styled word carries its style, the stream is compared by `redline`, and
each chunk comes back as runs (text with bold, italic and confidential flags) for a renderer
to escape and mark up. Paragraphs are apart by a blank line; bullets start with "• ", a line each.
"""

import re

from .markup import Run, blocks
from .redline import Op, token_redline, words

# A styled word in the compared stream: \x01 style \x02 word \x03. No stored text holds these
# control characters (`characters.printable` drops them), so the stream reads back exactly.
_STYLED_RE = re.compile(r"\x01([bic]+)\x02(.*?)\x03", re.DOTALL)


def rendered_redline(old: str, new: str) -> list[tuple[Op, list[Run]]]:
    """The chunks that turn response `old` into `new`, as `redline.redline` gives them, each
    chunk's text as the runs it reads as."""
    chunks = token_redline(_tokens(old), _tokens(new))
    return [(op, _runs(text)) for op, text in chunks]


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for block in blocks(text):
        if tokens:
            tokens.append("\n\n")
        for index, item in enumerate(block.items):
            if block.kind == "ul":
                tokens += (["\n"] if index else []) + ["•", " "]
            tokens += _styled(item)
    return tokens


def _styled(item: list[Run]) -> list[str]:
    """The words of a paragraph or bullet, each styled one marked with its style."""
    tokens = []
    for run in item:
        style = "b" * run.bold + "i" * run.italic + "c" * run.confidential
        for word in words(run.text):
            tokens.append(f"\x01{style}\x02{word}\x03" if style else word)
    return tokens


def _runs(text: str) -> list[Run]:
    """The runs of one chunk of the stream, neighbours of one style joined."""
    result: list[Run] = []
    position = 0
    for match in _STYLED_RE.finditer(text):
        _add(result, Run(text[position : match.start()]))
        style = match.group(1)
        _add(result, Run(match.group(2), "b" in style, "i" in style, "c" in style))
        position = match.end()
    _add(result, Run(text[position:]))
    return result


def _add(result: list[Run], run: Run) -> None:
    if not run.text:
        return
    last = result[-1] if result else None
    if last and (last.bold, last.italic, last.confidential) == (
        run.bold,
        run.italic,
        run.confidential,
    ):
        result[-1] = Run(last.text + run.text, run.bold, run.italic, run.confidential)
    else:
        result.append(run)
