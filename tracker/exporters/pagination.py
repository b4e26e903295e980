"""Where the pages of an HTML letter break, by estimate: EDGAR's HTML has no page layout of its
own, and laying it out as the PDF does (WeasyPrint) takes seconds for a long letter.

The estimate follows the PDF's page (letter size, one-inch margins, 12pt type at 1.25 line
height, 12pt between paragraphs): 43 lines of about 85 characters, a paragraph's space above
it counted as 0.8 of a line. The continuation head takes room of its own, since HTML has no
page margin to put it in; the 100-comment bench letter comes to 35 pages against the PDF's 29,
each comment on the PDF's page or a few later.
"""

import math
import re
from dataclasses import dataclass
from html import unescape

LINES_PER_PAGE = 43.2  # 9 inches of 15pt lines
CHARS_PER_LINE = 85
SPACE = 0.8  # 12pt above a paragraph, in 15pt lines
_BREAK_RE = re.compile(r"<br>|</tr>|</li>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Part:
    """One block of the letter's HTML (a paragraph, list or table), its estimated height in
    lines, and whether it must stay on the page of the part after it (a heading, a comment)."""

    html: str
    lines: float
    keep_with_next: bool = False


def estimated_lines(html: str) -> float:
    """Lines the HTML block takes when printed: each line of its text wrapped at
    CHARS_PER_LINE, plus the space above it."""
    text = unescape(_TAG_RE.sub("", _BREAK_RE.sub("\n", html)))
    return SPACE + sum(max(1, math.ceil(len(line) / CHARS_PER_LINE)) for line in text.split("\n"))


def parts_of(blocks: list[str], *, keep_with_next: bool = False) -> list[Part]:
    return [Part(block, estimated_lines(block), keep_with_next) for block in blocks]


def paginate(parts: list[Part], first: list[str], later: list[str]) -> list[list[Part]]:
    """The parts in pages: a page is full when the next part would pass LINES_PER_PAGE less the
    lines of its fixed blocks (`first` on the first page, `later` on the others); parts kept
    with the next one move to the new page with it, unless they fill their page. A part taller
    than a page stands alone on its own."""
    pages: list[list[Part]] = [[]]
    room = LINES_PER_PAGE - sum(map(estimated_lines, first))
    later_room = LINES_PER_PAGE - sum(map(estimated_lines, later))
    used = 0
    for part in parts:
        if used + part.lines > room and pages[-1]:
            moved = kept_run(pages[-1])
            del pages[-1][len(pages[-1]) - len(moved) :]
            pages.append(moved)
            room, used = later_room, sum(moved_part.lines for moved_part in moved)
        pages[-1].append(part)
        used += part.lines
    return pages


def kept_run(page: list[Part]) -> list[Part]:
    """The parts at the end of the page that must go with the next part; none if they are the
    whole page (they could not stand anywhere else either)."""
    start = len(page)
    while start and page[start - 1].keep_with_next:
        start -= 1
    return page[start:] if start else []
