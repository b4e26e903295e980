"""A filing (S-1, 10-K, their amendments) cut into its section tree, each section with its pages.

``parse_filing_file(data)`` reads EDGAR HTML, PDF, DOCX, plain text or ``title | body |`` section
records and returns a ``ParsedFiling``. Headings come from the table of contents where there is
one, else from the markup (bold, heading styles) or the look of a line (capitals, title case).
Pages are the numbers printed at the foot of each page (1, 2, ..., F-1), else the physical pages.
Pure Python, no Django.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .decoding import decode_text, readable
from .errors import EmptyDocument, NeedsOCR, TooLarge
from .extract import guarded, refuse_image, sniff_format
from .filing_blocks import Block, docx_blocks, html_blocks, pdf_blocks, text_blocks
from .limits import FILING
from .toc import find_toc, match_toc

MAX_FILING_BYTES = FILING.max_bytes
FRONT_MATTER_TITLE = "Cover page"
WHOLE_DOCUMENT_TITLE = "Full text"
NO_HEADINGS = (
    "No headings were found, so the filing was imported as one section. "
    "Check that the file is the filing itself and not a scan or an exhibit."
)


class FilingTooLarge(TooLarge):
    default_message = FILING.too_large()


class FilingNeedsOCR(NeedsOCR):
    default_message = (
        "This PDF has no text layer (it looks like a scan). Run it through OCR first, "
        "or import the EDGAR HTML version of the filing."
    )


@dataclass
class ParsedSection:
    title: str
    first_page: str = ""
    last_page: str = ""
    text: str = ""
    children: list["ParsedSection"] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "characters": len(self.text),
            "sections": [child.to_json() for child in self.children],
        }


@dataclass
class ParsedFiling:
    sections: list[ParsedSection]
    page_count: int = 0
    message: str = ""

    def walk(self) -> Iterator[tuple[ParsedSection, ParsedSection | None]]:
        """Every section top to bottom, each with its parent (None at the top)."""
        stack: list[tuple[ParsedSection, ParsedSection | None]] = [
            (section, None) for section in reversed(self.sections)
        ]
        while stack:
            section, parent = stack.pop()
            yield section, parent
            stack.extend((child, section) for child in reversed(section.children))

    def to_json(self) -> dict:
        return {
            "pages": self.page_count,
            "message": self.message,
            "sections": [section.to_json() for section in self.sections],
        }


def parse_filing_file(data: bytes) -> ParsedFiling:
    """The filing's section tree; raises a ParseError subclass whose message a user can read,
    whatever the bytes (the caps are FILING's in `limits`)."""
    if len(data) > MAX_FILING_BYTES:
        raise FilingTooLarge()
    if not data.strip():
        raise EmptyDocument()
    kind = sniff_format(data)
    if kind == "image":
        refuse_image(data, "filing")
    if kind == "text":
        text = readable(decode_text(data))
        records = section_records(text)
        return records if records else parse_blocks(text_blocks(text), markup=False)
    if kind == "pdf":
        try:
            return parse_blocks(guarded(pdf_blocks, data, FILING), markup=False)
        except NeedsOCR as error:
            raise FilingNeedsOCR() from error
    reader = html_blocks if kind == "html" else docx_blocks
    return parse_blocks(guarded(reader, data, FILING), markup=True)


_RECORD_RE = re.compile(r"^(?P<title>[^|]{1,500}?)\s*\|\s(?P<body>.*?)\s*\|\s*$")


def section_records(text: str) -> ParsedFiling | None:
    """Sections given as ``title | body |`` lines, one per line; None if the text is not that."""
    lines = [line for line in text.splitlines() if line.strip()]
    matches = [_RECORD_RE.match(line) for line in lines]
    if not lines or not all(matches):
        return None
    sections = [ParsedSection(title=m["title"].strip(), text=m["body"].strip()) for m in matches]
    return ParsedFiling(sections)


def parse_blocks(blocks: list[Block], *, markup: bool) -> ParsedFiling:
    if not blocks:
        raise EmptyDocument()
    page_count = blocks[-1].page + 1
    blocks, labels = strip_page_furniture(blocks, page_count)
    headings = find_headings(blocks, markup=markup)
    if not headings:
        whole = ParsedSection(WHOLE_DOCUMENT_TITLE, text=join_blocks(blocks))
        whole.first_page, whole.last_page = page_span(blocks, labels)
        return ParsedFiling([whole], page_count, NO_HEADINGS)
    return ParsedFiling(build_tree(blocks, labels, headings), page_count)


# --- Pages ------------------------------------------------------------------------------------

_LABEL_RE = re.compile(
    r"^(?:page\s+)?[-–—]?\s*((?:[A-Z]{1,2}-)?\d{1,4}|[ivxl]{1,6})\s*[-–—]?$", re.IGNORECASE
)


def strip_page_furniture(blocks: list[Block], page_count: int) -> tuple[list[Block], list[str]]:
    """Read each page's printed number from its last line and drop it, with running headers;
    return the blocks left and each physical page's label."""
    labels = [""] * page_count
    edges: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        edges.setdefault(block.page, [index, index])[1] = index
    dropped = set()
    for page, (_, last) in edges.items():
        match = None if blocks[last].row else _LABEL_RE.match(blocks[last].text)
        if match:
            label = match.group(1)
            labels[page] = label.lower() if label.isalpha() else label.upper()
            dropped.add(last)
    dropped |= running_lines(blocks, edges, dropped)
    if not any(labels) and page_count > 1:
        labels = [str(page + 1) for page in range(page_count)]
    return [block for i, block in enumerate(blocks) if i not in dropped], labels


def running_lines(blocks: list[Block], edges: dict[int, list[int]], dropped: set) -> set[int]:
    """Short lines repeated at the top or foot of many pages ("Table of Contents")."""
    candidates = [i for first, last in edges.values() for i in {first, last} if i not in dropped]
    counts = Counter(blocks[i].text for i in candidates if len(blocks[i].text) < 80)
    threshold = max(3, len(edges) // 4)
    return {i for i in candidates if counts.get(blocks[i].text, 0) >= threshold}


def page_span(blocks: list[Block], labels: list[str]) -> tuple[str, str]:
    """The first and last printed page among these blocks."""
    pages = [labels[block.page] for block in blocks if labels[block.page]]
    return (pages[0], pages[-1]) if pages else ("", "")


# --- Headings ---------------------------------------------------------------------------------

_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
_SMALL_WORDS |= {"with", "from", "into", "per", "vs", "under", "our", "its", "not"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


Heading = tuple[int, int, str]  # block index, level (1 is the outermost), title


def find_headings(blocks: list[Block], *, markup: bool) -> list[Heading]:
    """Each heading, top to bottom: under a table of contents, its entries are the top level."""
    toc = find_toc(blocks)
    matched = match_toc(toc, blocks) if toc is not None else {}
    if len(matched) < 2:
        levels = ((i, heading_level(block, markup=markup)) for i, block in enumerate(blocks))
        return [(i, level, blocks[i].text) for i, level in levels if level]
    subheading = {1: 2, 2: 2, 3: 3}
    headings = [(index, 1, title) for index, title in matched.items()]
    for index in range(min(matched) + 1, len(blocks)):
        level = heading_level(blocks[index], markup=markup)
        if level and index not in matched:
            headings.append((index, subheading[level], blocks[index].text))
    return sorted(headings)


def heading_level(block: Block, *, markup: bool) -> int:
    """1 to 3 if the block looks like a heading, else 0."""
    text = block.text
    if block.row or not _heading_shape(text):
        return 0
    if block.level:
        return min(block.level, 3)
    caps = text.upper() == text
    if markup:
        return 0 if not block.bold else 1 if caps else 3 if block.italic else 2
    return 1 if caps else 2 if _title_case(text) else 0


def _heading_shape(text: str) -> bool:
    if len(text) > 150 or len(text.split()) > 18 or _LABEL_RE.match(text):
        return False
    if text[-1] in ".,;:" and not text.endswith("..."):
        return False
    return sum(c.isalpha() for c in text) >= 3


def _title_case(text: str) -> bool:
    words = [w for w in _WORD_RE.findall(text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


# --- Tree -------------------------------------------------------------------------------------


def build_tree(
    blocks: list[Block], labels: list[str], headings: list[Heading]
) -> list[ParsedSection]:
    roots: list[ParsedSection] = []
    front = blocks[: headings[0][0]]
    if front:
        first, last = page_span(front, labels)
        roots.append(ParsedSection(FRONT_MATTER_TITLE, first, last, join_blocks(front)))
    stack: list[tuple[int, ParsedSection]] = []
    for k, (index, level, title) in enumerate(headings):
        own_end = headings[k + 1][0] if k + 1 < len(headings) else len(blocks)
        span_end = next((i for i, lv, _ in headings[k + 1 :] if lv <= level), len(blocks))
        first, last = page_span(blocks[index:span_end], labels)
        text = join_blocks(blocks[index + 1 : own_end])
        section = ParsedSection(title[:500], first, last, text)
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(section)
        stack.append((level, section))
    return roots


def join_blocks(blocks: list[Block]) -> str:
    """Paragraphs apart by a blank line; the rows of one table on consecutive lines."""
    parts: list[str] = []
    for previous, block in zip([None, *blocks], blocks, strict=False):
        if parts:
            parts.append("\n" if previous is not None and previous.row and block.row else "\n\n")
        parts.append(block.text)
    return "".join(parts)
