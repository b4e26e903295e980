"""The letter as an EDGAR ASCII document: ASCII only, no line longer than 80 characters."""

import re
import textwrap

from tracker.parsing.markup import Block

from .base import Exporter, page_code, shown, to_ascii
from .context import ResponseLetterContext, Section

WIDTH = 80
# Text has no styling: "reproduced below in bold italics" says "reproduced below" here.
_STYLING_RE = re.compile(r"\s+in\s+(?:bold\s+italics?|bold(?:\s+type)?|italics?)\b", re.I)


class TextExporter(Exporter):
    extension = "txt"
    content_type = "text/plain; charset=us-ascii"

    def data(self, context: ResponseLetterContext) -> bytes:
        lines = head(context) + body(context) + tail(context)
        lines = [part for line in lines for part in within_width(to_ascii(line).rstrip())]
        return ("\n".join(lines).strip("\n") + "\n").encode("ascii")


def within_width(line: str) -> list[str]:
    """The line as it is, or cut into pieces of at most 80 characters: a letterhead or name
    typed without spaces must not break EDGAR's line length either."""
    if len(line) <= WIDTH:
        return [line]
    return textwrap.wrap(line, WIDTH, break_on_hyphens=False) or [line[:WIDTH]]


def wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """The paragraph wrapped to 80 columns, after a blank line."""
    filled = textwrap.wrap(
        to_ascii(text), WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    return ["", *(filled or [first.rstrip()])]


def marks(context: ResponseLetterContext) -> list[str]:
    """DRAFT, the Rule 83 legend and the page code; text has no pages, so the whole letter is
    one page code."""
    lines = []
    if context.draft:
        lines += wrap("DRAFT - NOT FOR FILING")
    if context.page_codes:
        lines += wrap(" - ".join(filter(None, [context.legend, page_code(context, 1)])))
    return lines


def head(context: ResponseLetterContext) -> list[str]:
    lines = marks(context)
    if context.omission_legend:
        lines += wrap(context.omission_legend)
    lines += [""] + context.letterhead
    lines += ["", context.dated_text, "", context.delivery_line.upper(), "", *context.addressee]
    if context.attention:
        lines.append("")
    lines += [
        f"{'Attention:' if i == 0 else '':11}{name}" for i, name in enumerate(context.attention)
    ]
    lines.append("")
    lines += [f"{'Re:' if i == 0 else '':5}{line}" for i, line in enumerate(context.re_lines)]
    return lines + ["", context.salutation] + wrap(unstyled(context.opening))


def unstyled(text: str) -> str:
    """The opening without the words saying how the staff's comments are set ("in bold
    italics"), which a text file cannot show."""
    return _STYLING_RE.sub("", text)


def body(context: ResponseLetterContext) -> list[str]:
    lines: list[str] = []
    for section in context.sections:
        for _, heading in section.new_headings:  # flush left, as in the other formats
            lines += wrap(heading)
        lines += staff(section)
        lines += response(section, context)
    return lines


def staff(section: Section) -> list[str]:
    lines, first = [], f"{section.number}."
    for block in section.staff:
        for item in block.items:
            text = "".join(run.text for run in item)
            bullet = block.kind == "ul"
            lead = f"{first:<5}" if first else "     "
            lines += wrap(text, lead + ("- " if bullet else ""), "       " if bullet else "     ")
            first = ""
    return lines


def response(section: Section, context: ResponseLetterContext) -> list[str]:
    """The label as the style words it (text has no emphasis to give it)."""
    label = f"{context.style.label} " if context.style.label else ""
    alone = section.label_alone and (label or section.note)
    lines = wrap(f"{label}{section.note}".strip()) if alone else []
    for i, block in enumerate(section.response):
        lines += paragraphs(block, context, "" if lines or i else label)
    if section.redacted:
        lines += wrap(f"[***] {context.footnote}.", "", "      ")
    return lines


def paragraphs(block: Block, context: ResponseLetterContext, lead: str) -> list[str]:
    lines = []
    for item in block.items:
        text = "".join(text for _, text in shown(item, context))
        if block.kind == "ul":
            lines += wrap(text, "  - ", "    ")
        else:
            lines += wrap(lead + text)
        lead = ""
    return lines


def tail(context: ResponseLetterContext) -> list[str]:
    lines = [line for paragraph in context.closing for line in wrap(paragraph)]
    lines += ["", context.style.sign_off_words, ""] if context.style.sign_off_words else [""]
    if context.signer_name:
        lines += [f"/s/ {context.signer_name}", context.signer_name]
    lines += [line for line in (context.signer_title, context.signer_firm) if line]
    for i, name in enumerate(context.cc):
        lines += wrap(name, "cc: " if i == 0 else "    ", "        ")[1 if i else 0 :]
    return lines + marks(context)
