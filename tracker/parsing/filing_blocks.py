"""A filing document as blocks of text on pages: the raw material the section tree is cut from.

EDGAR HTML, PDF, DOCX and plain text each become a list of ``Block``s (paragraphs, headings,
table rows) with the physical page each sits on and what its markup says about it (bold, italic,
heading level). Pure Python, no Django.
"""

import re
from dataclasses import dataclass

from .decoding import html_root, readable
from .docx_reader import DocxParagraph, read_docx
from .errors import CorruptDocument
from .limits import Limits

_SPACE_RE = re.compile(r"\s+")


@dataclass(slots=True)
class Block:
    """A paragraph, heading or table row; `page` is the physical page, counted from 0."""

    text: str
    page: int
    bold: bool = False
    italic: bool = False
    level: int = 0  # from the markup: <h2>, "Heading 2"; 0 when the markup says nothing
    row: bool = False


def clean(text: str) -> str:
    """One line of text, safe to store: every block's text passes here."""
    return _SPACE_RE.sub(" ", readable(text).replace("\xa0", " ")).strip()


# --- EDGAR HTML -------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "center", "pre"}
_BLOCK_TAGS |= {"blockquote", "dl", "dt", "dd", "ul", "ol", "section", "article", "table"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript"}
_PAGE_BREAK_RE = re.compile(r"(?:page-)?break-(before|after):(?:always|page)")
_CELL_END = "\x1f"


class _HtmlWalker:
    """Walks the element tree once, cutting blocks at block tags and pages at page breaks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.page = 0
        self.buffer: list[tuple[str, bool, bool]] = []
        self.bold = 0
        self.italic = 0
        self.level = 0
        self.in_row = False

    def visit(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag and tag not in _SKIP_TAGS:
            self.visit_element(element, tag)
        if element.tail:
            self.add(element.tail)

    def visit_element(self, element, tag: str) -> None:
        breaks = _PAGE_BREAK_RE.findall((element.get("style") or "").lower().replace(" ", ""))
        if "before" in breaks or tag == "page":
            self.new_page()
        bold, italic, block = _is_bold(element, tag), _is_italic(element, tag), tag in _BLOCK_TAGS
        if tag == "tr" and not self.in_row:
            self.row(element)
        else:  # a table inside a cell adds its cells to the row it sits in
            if block:
                self.end_block()
            self.bold += bold
            self.italic += italic
            self.level = int(tag[1]) if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else self.level
            if element.text:
                self.add(element.text)
            for child in element:
                self.visit(child)
            self.bold -= bold
            self.italic -= italic
            if tag in {"td", "th"} and self.in_row:
                self.buffer.append((_CELL_END, False, False))
            elif block:
                self.end_block()
        if "after" in breaks:
            self.new_page()

    def end_block(self) -> None:
        """A block ends a paragraph; inside a table cell, a line ("Total<br>assets")."""
        if self.in_row:
            self.add(" ")
        else:
            self.flush()

    def row(self, element) -> None:
        self.flush()
        self.in_row = True
        for child in element:
            self.visit(child)
        self.in_row = False
        self.flush(row=True)

    def add(self, text: str) -> None:
        self.buffer.append((text, self.bold > 0, self.italic > 0))

    def new_page(self) -> None:
        self.flush()
        self.page += 1

    def flush(self, row: bool = False) -> None:
        if not self.buffer:
            return
        pieces, self.buffer, level, self.level = self.buffer, [], self.level, 0
        text = _row_text(pieces) if row else clean("".join(piece for piece, _, _ in pieces))
        if text:
            marks = [(b, i) for piece, b, i in pieces if piece != _CELL_END and piece.strip()]
            bold = bool(marks) and all(b for b, _ in marks)
            italic = bool(marks) and all(i for _, i in marks)
            self.blocks.append(Block(text, self.page, bold, italic, level, row))


def _is_bold(element, tag: str) -> bool:
    style = (element.get("style") or "").lower().replace(" ", "")
    weight = re.search(r"font-weight:(bold|[6-9]00)", style)
    return tag in {"b", "strong"} or weight is not None


def _is_italic(element, tag: str) -> bool:
    style = (element.get("style") or "").lower().replace(" ", "")
    return tag in {"i", "em"} or "font-style:italic" in style


def _row_text(pieces: list[tuple[str, bool, bool]]) -> str:
    """A table row as one readable line: its non-empty cells joined by " | ", with EDGAR's
    separate "$" and ")" cells put back beside their numbers."""
    cells = [clean(cell) for cell in "".join(piece for piece, _, _ in pieces).split(_CELL_END)]
    merged: list[str] = []
    for cell in filter(None, cells):
        if merged and (cell in {")", "%", ")%"} or merged[-1] in {"$", "(", "$(", "€", "£"}):
            merged[-1] += cell
        else:
            merged.append(cell)
    return " | ".join(merged)


def html_blocks(data: bytes, limits: Limits) -> list[Block]:
    root = html_root(data)
    walker = _HtmlWalker()
    try:
        walker.visit(root)
    except RecursionError as error:
        raise CorruptDocument("The HTML is nested too deeply to be read.") from error
    walker.flush()
    return walker.blocks


# --- Plain text and PDF -----------------------------------------------------------------------

_TEXT_PAGE_RE = re.compile(r"\f|^\s*<PAGE>\s*$", re.MULTILINE | re.IGNORECASE)


def text_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; pages by form feeds (or EDGAR's <PAGE> lines)."""
    blocks = []
    for page, page_text in enumerate(_TEXT_PAGE_RE.split(text)):
        for paragraph in re.split(r"\n\s*\n", page_text):
            if cleaned := clean(paragraph):
                blocks.append(Block(cleaned, page))
    return blocks


def pdf_blocks(data: bytes, limits: Limits) -> list[Block]:
    from .pdf_reader import pdf_pages

    return text_blocks("\f".join(pdf_pages(data, limits)))


# --- DOCX -------------------------------------------------------------------------------------


def docx_blocks(data: bytes, limits: Limits) -> list[Block]:
    """Paragraphs and table rows in document order; pages at explicit and rendered breaks."""
    blocks: list[Block] = []
    page = 0
    for item in read_docx(data, limits):
        if isinstance(item, DocxParagraph):
            page += item.page_breaks
            if text := clean(item.text):
                heading = re.match(r"Heading (\d)", item.style)
                level = int(heading.group(1)) if heading else (1 if item.style == "Title" else 0)
                blocks.append(Block(text, page, item.bold, item.italic, level))
        else:
            pieces = [(f"{cell}{_CELL_END}", False, False) for cell in item.cells]
            if text := _row_text(pieces):
                blocks.append(Block(text, page, row=True))
    return blocks
