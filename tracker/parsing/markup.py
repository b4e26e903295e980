"""The light markup responses are written in: text in, blocks of styled runs out.

Paragraphs are separated by a blank line; a line starting with "- " or "* " is a bullet;
**bold** and *italic* (or _italic_) mark emphasis. Text between [[ and ]] is confidential
(Rule 83): its runs carry `confidential=True`. A confidential passage may span emphasis or lie
inside it, but not a paragraph or bullet break; one left open runs to the end of its paragraph
or bullet, so a forgotten ]] can only hide too much, never too little. Nothing else is special,
so a response can never carry HTML: exporters and pages build their own output from the blocks.

`redacted()` gives the blocks of the public version: each confidential passage becomes the
placeholder "[***]" before any output is made from them.
"""

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

_BULLET_RE = re.compile(r"^\s*[-*•]\s+")
_EMPHASIS_RE = re.compile(r"\*\*(?P<bold>.+?)\*\*|(?<![\w*])[*_](?P<italic>[^*_\n]+?)[*_](?![\w*])")
_CONFIDENTIAL_RE = re.compile(r"(\[\[|\]\])")
PLACEHOLDER = "[***]"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    confidential: bool = False


@dataclass
class Block:
    """A paragraph (`kind` "p", one item) or a bullet list (`kind` "ul", an item per bullet)."""

    kind: str
    items: list[list[Run]] = field(default_factory=list)


def runs(text: str) -> list[Run]:
    """Split one line or paragraph into plain, bold and italic runs, confidential or not."""
    text, spans = _confidential_spans(text)
    result, position = [], 0
    for match in _EMPHASIS_RE.finditer(text):
        if match.start() > position:
            result += _split(text, position, match.start(), spans)
        name = "bold" if match.group("bold") is not None else "italic"
        start, end = match.span(name)
        result += _split(text, start, end, spans, **{name: True})
        position = match.end()
    if position < len(text):
        result += _split(text, position, len(text), spans)
    return result


def _confidential_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its [[ ]] marks, and where the confidential passages lie in it.

    Marks nest (an inner ]] does not end the outer passage); a lone ]] is kept as text."""
    pieces, spans, length, depth, start = [], [], 0, 0, 0
    for piece in _CONFIDENTIAL_RE.split(text):
        if piece == "[[":
            depth += 1
            if depth == 1:
                start = length
                if spans and not "".join(pieces)[spans[-1][1] :].strip():
                    start = spans.pop()[0]  # passages apart only by a line break are one
        elif piece == "]]" and depth:
            depth -= 1
            if not depth:
                spans.append((start, length))
        else:
            pieces.append(piece)
            length += len(piece)
    if depth:
        spans.append((start, length))
    return "".join(pieces), spans


def _split(
    text: str, start: int, end: int, spans: list[tuple[int, int]], **style: bool
) -> list[Run]:
    """Runs of text[start:end], cut where a confidential passage begins or ends."""
    cuts = sorted({start, end} | {p for span in spans for p in span if start < p < end})
    return [
        Run(text[a:b], confidential=any(s <= a and b <= e for s, e in spans), **style)
        for a, b in pairwise(cuts)
        if a < b
    ]


def blocks(text: str) -> list[Block]:
    """The paragraphs and bullet lists of a response, in order."""
    result: list[Block] = []
    text = _confidential_per_line(text.replace("\r\n", "\n").strip())
    for chunk in re.split(r"\n\s*\n", text):
        paragraph: list[str] = []
        for line in chunk.split("\n"):
            if _BULLET_RE.match(line):
                _flush(result, paragraph)
                if not result or result[-1].kind != "ul":
                    result.append(Block("ul"))
                result[-1].items.append(runs(_BULLET_RE.sub("", line).strip()))
            elif result and result[-1].kind == "ul" and not paragraph and line.startswith("  "):
                last = result[-1].items[-1]
                last.extend(runs(" " + line.strip()))
            elif line.strip():
                paragraph.append(line.strip())
        _flush(result, paragraph)
    for block in result:
        block.items = [_joined(item) for item in block.items]
    return result


def _joined(item: list[Run]) -> list[Run]:
    """A line break inside a passage (a bullet's continuation line) stays in the passage."""
    return [
        replace(run, confidential=True)
        if 0 < i < len(item) - 1
        and not run.text.strip()
        and item[i - 1].confidential
        and item[i + 1].confidential
        else run
        for i, run in enumerate(item)
    ]


def _confidential_per_line(text: str) -> str:
    """Close a passage still open at the end of a line and reopen it on the next (after any
    bullet mark), so that each paragraph and bullet carries its own complete marks."""
    lines, is_open = [], False
    for line in text.split("\n"):
        if is_open and line.strip():
            bullet = _BULLET_RE.match(line)
            cut = bullet.end() if bullet else len(line) - len(line.lstrip())
            line = f"{line[:cut]}[[{line[cut:]}"
        if line.strip():
            is_open = _open_at_end(line)
            line += "]]" if is_open else ""
        lines.append(line)
    return "\n".join(lines)


def _open_at_end(line: str) -> bool:
    depth = 0
    for piece in _CONFIDENTIAL_RE.findall(line):
        depth = depth + 1 if piece == "[[" else max(depth - 1, 0)
    return depth > 0


def _flush(result: list[Block], paragraph: list[str]) -> None:
    if paragraph:
        result.append(Block("p", [runs(" ".join(paragraph))]))
        paragraph.clear()


def plain_text(text: str) -> str:
    """The response without its emphasis marks, bullets as "- " lines."""
    lines = []
    for block in blocks(text):
        for item in block.items:
            words = "".join(run.text for run in item)
            lines.append(f"- {words}" if block.kind == "ul" else words)
        lines.append("")
    return "\n".join(lines).strip()


def has_confidential(items: list[Block]) -> bool:
    return any(run.confidential for block in items for item in block.items for run in item)


def redacted(items: list[Block]) -> list[Block]:
    """The blocks with each confidential passage replaced by one placeholder run."""
    return [Block(block.kind, [_redacted_runs(item) for item in block.items]) for block in items]


def _redacted_runs(item: list[Run]) -> list[Run]:
    result: list[Run] = []
    for run in item:
        if not run.confidential:
            result.append(run)
        elif not result or result[-1].text != PLACEHOLDER:
            result.append(Run(PLACEHOLDER))
    return result
