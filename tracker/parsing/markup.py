"""The light markup responses are written in: text in, blocks of styled runs out.

Paragraphs are separated by a blank line; a line starting with "- " or "* " is a bullet;
**bold** and *italic* (or _italic_) mark emphasis. Nothing else is special, so a response can
never carry HTML: exporters and pages build their own output from the blocks.
"""

import re
from dataclasses import dataclass, field

_BULLET_RE = re.compile(r"^\s*[-*•]\s+")
_EMPHASIS_RE = re.compile(r"\*\*(?P<bold>.+?)\*\*|(?<![\w*])[*_](?P<italic>[^*_\n]+?)[*_](?![\w*])")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """A paragraph (`kind` "p", one item) or a bullet list (`kind` "ul", an item per bullet)."""

    kind: str
    items: list[list[Run]] = field(default_factory=list)


def runs(text: str) -> list[Run]:
    """Split one line or paragraph into plain, bold and italic runs."""
    result, position = [], 0
    for match in _EMPHASIS_RE.finditer(text):
        if match.start() > position:
            result.append(Run(text[position : match.start()]))
        if match.group("bold") is not None:
            result.append(Run(match.group("bold"), bold=True))
        else:
            result.append(Run(match.group("italic"), italic=True))
        position = match.end()
    if position < len(text):
        result.append(Run(text[position:]))
    return result


def blocks(text: str) -> list[Block]:
    """The paragraphs and bullet lists of a response, in order."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
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
    return result


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
