"""A Word (.docx) file as paragraphs and table rows in document order, read within `Limits`.

Pure Python, no Django. The zip's parts are checked against the caps before any is unpacked
(what the header declares, and the compression ratio), and read with a bound so a header that
lies cannot make a part unpack further. The XML is then walked directly with lxml, not through
python-docx: its table grid honours ``gridSpan`` (a cell spanning 999,999,999 columns allocates
that many), and its paragraphs and tables raise on a missing body, a ``vMerge`` in the first
row or a ``pStyle`` without a value. Every damaged file raises a ParseError.

Tracked changes are read as accepted, the text as it stands once the author accepts them:
insertions (``w:ins``) and text moved here (``w:moveTo``) are kept; deletions (``w:del``), text
moved away (``w:moveFrom``), deleted table rows and cells are dropped; a paragraph whose mark is
deleted runs on into the next one, as Word joins them (ECMA-376 Part 1, 17.13.5).
"""

import io
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from .errors import CorruptDocument, TooLarge
from .limits import RATIO_FLOOR, Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"
# Text boxes, and the fallback copy of a drawing, sit inside a paragraph's runs but are not
# its text; deleted text, and text moved elsewhere, is struck out in a tracked change.
_NOT_PARAGRAPH_TEXT = {f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}del", f"{_W}moveFrom"}
# Where a tracked change marks a paragraph mark, a table row or a cell as deleted.
_DELETED_MARKS = (f"{_W}pPr/{_W}rPr/{_W}del", f"{_W}pPr/{_W}rPr/{_W}moveFrom")
_DELETED_ROW = f"{_W}trPr/{_W}del"
_DELETED_CELL = f"{_W}tcPr/{_W}cellDel"
_FALSE = {"0", "false", "off", "none"}


@dataclass(slots=True)
class DocxParagraph:
    text: str
    style: str = ""  # the style's name as Word shows it ("Heading 2", "List Bullet"), or ""
    bold: bool = False  # every run with text is bold (direct formatting)
    italic: bool = False
    page_breaks: int = 0  # page breaks before or inside this paragraph
    number: int | None = None  # its number in a numbered list of Word's own ("1." not typed)
    list_id: str = ""  # the list (numId) its own numbering puts it in, at the first level


@dataclass(slots=True)
class DocxRow:
    # Each cell's text: its paragraphs split by a blank line, lines within one by "\n".
    cells: list[str] = field(default_factory=list)


def read_docx(data: bytes, limits: Limits) -> list[DocxParagraph | DocxRow]:
    """The body's paragraphs and table rows, top to bottom.

    Raises CorruptDocument for a damaged zip or XML or a file without a body, and TooLarge when
    a part unpacks past `limits` or the tables hold too many cells.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_parts(archive, limits)
            document = _parse(_read_part(archive, DOCUMENT_PART, limits))
            styles = style_names(archive, limits)
            numbering = decimal_lists(archive, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise CorruptDocument() from error
    except (NotImplementedError, RuntimeError) as error:  # an unknown or encrypted compression
        raise CorruptDocument() from error
    body = document.find(f"{_W}body")
    if body is None:
        raise CorruptDocument("This Word file has no document body, so there is no text to read.")
    items = list(_body_items(body, styles, _CellBudget(limits)))
    return _numbered(items, numbering)


def decimal_lists(archive: zipfile.ZipFile, limits: Limits) -> dict[str, int]:
    """Each list (numId) whose first level Word numbers 1, 2, 3: the number it starts at."""
    if NUMBERING_PART not in archive.namelist():
        return {}
    root = _parse(_read_part(archive, NUMBERING_PART, limits))
    starts = {}
    for abstract in root.iterchildren(f"{_W}abstractNum"):
        level = abstract.find(f"{_W}lvl[@{_W}ilvl='0']")
        fmt = level.find(f"{_W}numFmt") if level is not None else None
        if fmt is not None and fmt.get(f"{_W}val") == "decimal":
            start = level.find(f"{_W}start")
            value = start.get(f"{_W}val") if start is not None else "1"
            starts[abstract.get(f"{_W}abstractNumId")] = int(value) if value.isdigit() else 1
    lists = {}
    for num in root.iterchildren(f"{_W}num"):
        abstract = num.find(f"{_W}abstractNumId")
        if abstract is not None and abstract.get(f"{_W}val") in starts:
            lists[num.get(f"{_W}numId")] = starts[abstract.get(f"{_W}val")]
    return lists


def _numbered(items: list, lists: dict[str, int]) -> list:
    """Number the paragraphs of Word's numbered lists in order, list by list, as Word shows
    them (a letter's comments are often such a list): from the list's start, or counting on
    in a "List Number" style, whose numbering the style itself carries."""
    counted: dict[str, int] = {}
    for item in items:
        if not isinstance(item, DocxParagraph):
            continue
        key = item.list_id if item.list_id in lists else None
        if key is None and item.style.lower().startswith("list number") and not item.list_id:
            key = item.style
        if key is not None and item.text.strip():
            counted[key] = counted.get(key, lists.get(key, 1) - 1) + 1
            item.number = counted[key]
    return items


def check_parts(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse before unpacking: no Word document, or parts that declare too much."""
    if DOCUMENT_PART not in archive.namelist():
        raise CorruptDocument("This archive is not a Word document.")
    parts = archive.infolist()
    if sum(part.file_size for part in parts) > limits.max_expanded_bytes:
        raise TooLarge(limits.expands_too_far("This Word file"))
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > limits.max_ratio * max(
            part.compress_size, 1
        ):
            raise TooLarge(limits.compressed_too_far(part.filename))


def _read_part(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    """The part unpacked, reading at most one byte past the cap whatever its header says."""
    with archive.open(name) as part:
        data = part.read(limits.max_expanded_bytes + 1)
    if len(data) > limits.max_expanded_bytes:
        raise TooLarge(limits.expands_too_far("This Word file"))
    return data


def _parse(xml: bytes):
    """The XML part's root, parsed without entities, DTDs or the network (no billion laughs)."""
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        return etree.fromstring(xml, parser)
    except etree.LxmlError as error:
        raise CorruptDocument() from error


def style_names(archive: zipfile.ZipFile, limits: Limits) -> dict[str, str]:
    """Style id to the name Word shows ("heading 1" is stored, "Heading 1" shown)."""
    from docx.styles import BabelFish

    if STYLES_PART not in archive.namelist():
        return {}
    names = {}
    for style in _parse(_read_part(archive, STYLES_PART, limits)).iterchildren(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None and style.get(f"{_W}styleId"):
            names[style.get(f"{_W}styleId")] = BabelFish.internal2ui(name.get(f"{_W}val") or "")
    return names


class _CellBudget:
    """Counts table cells across the document against the cap."""

    def __init__(self, limits: Limits) -> None:
        self.limits, self.left = limits, limits.max_table_cells

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TooLarge(self.limits.too_many_cells())


def _body_items(container, styles: dict[str, str], budget: _CellBudget):
    carried = None  # a paragraph whose mark was deleted, to run on into the next
    for element in container.iterchildren():
        if element.tag == f"{_W}p":
            paragraph = _run_on(carried, _paragraph(element, styles))
            carried = paragraph if _mark_deleted(element) else None
            if carried is None:
                yield paragraph
            continue
        if carried is not None:
            yield carried  # a table or a content control does not join the paragraph before
        carried = None
        if element.tag == f"{_W}tbl":
            yield from _rows(element, budget)
        elif element.tag in {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}:
            # Content controls and custom XML wrap ordinary paragraphs and tables.
            yield from _body_items(element, styles, budget)
    if carried is not None:
        yield carried


def _mark_deleted(paragraph) -> bool:
    return any(paragraph.find(path) is not None for path in _DELETED_MARKS)


def _run_on(before: DocxParagraph | None, paragraph: DocxParagraph) -> DocxParagraph:
    """The paragraph with the text of one whose mark was deleted before it; it keeps its own
    style, and is bold or italic only if the text joined to it was too."""
    if before is None:
        return paragraph
    paragraph.page_breaks += before.page_breaks
    if before.text.strip():
        if paragraph.text.strip():
            paragraph.bold = paragraph.bold and before.bold
            paragraph.italic = paragraph.italic and before.italic
        else:
            paragraph.bold, paragraph.italic = before.bold, before.italic
        paragraph.text = before.text + paragraph.text
    return paragraph


def _paragraph(element, styles: dict[str, str]) -> DocxParagraph:
    runs = [run for run in element.iter(f"{_W}r") if _own(run, element)]
    texts = [_run_text(run) for run in runs]
    marked = [run for run, text in zip(runs, texts, strict=True) if text.strip()]
    style = element.find(f"{_W}pPr/{_W}pStyle")
    return DocxParagraph(
        list_id=_list_id(element),
        text="".join(texts),
        style=styles.get(style.get(f"{_W}val") or "", "") if style is not None else "",
        bold=bool(marked) and all(_flag(run, "b") for run in marked),
        italic=bool(marked) and all(_flag(run, "i") for run in marked),
        page_breaks=_page_breaks(element),
    )


def _list_id(paragraph) -> str:
    """The numId of the paragraph's own numbering at the first level ("" for none)."""
    numbering = paragraph.find(f"{_W}pPr/{_W}numPr")
    if numbering is None:
        return ""
    level, num = numbering.find(f"{_W}ilvl"), numbering.find(f"{_W}numId")
    if level is not None and level.get(f"{_W}val") not in (None, "0"):
        return ""
    return num.get(f"{_W}val") or "" if num is not None else ""


def _own(run, paragraph) -> bool:
    """Whether the run is the paragraph's own text, not a text box or deletion inside it."""
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_PARAGRAPH_TEXT:
            return False
        parent = parent.getparent()
    return True


def _run_text(run) -> str:
    pieces = []
    for child in run.iterchildren():
        if child.tag == f"{_W}t":
            pieces.append(child.text or "")
        elif child.tag in {f"{_W}tab", f"{_W}ptab"}:
            pieces.append("\t")
        elif child.tag == f"{_W}cr" or (
            child.tag == f"{_W}br" and child.get(f"{_W}type") in {None, "textWrapping"}
        ):
            pieces.append("\n")
        elif child.tag == f"{_W}noBreakHyphen":
            pieces.append("-")
    return "".join(pieces)


def _flag(run, name: str) -> bool:
    """A run's own on/off property (w:b, w:i): present and not switched off."""
    element = run.find(f"{_W}rPr/{_W}{name}")
    return element is not None and (element.get(f"{_W}val") or "true").lower() not in _FALSE


def _page_breaks(paragraph) -> int:
    breaks = [br for br in paragraph.iter(f"{_W}br") if _own(br, paragraph)]
    explicit = sum(1 for br in breaks if br.get(f"{_W}type") == "page")
    rendered = paragraph.iter(f"{_W}lastRenderedPageBreak")
    return max(explicit, sum(1 for br in rendered if _own(br, paragraph)))


def _rows(table, budget: _CellBudget):
    """Each row's cells as they stand in the XML: a merged cell is one cell, never repeated."""
    for row in table.iterchildren(f"{_W}tr"):
        cells = []
        for cell in row.iterchildren(f"{_W}tc"):
            budget.spend()
            if cell.find(_DELETED_CELL) is None:
                cells.append(_cell_text(cell))
        if row.find(_DELETED_ROW) is None:
            yield DocxRow(cells)


def _cell_text(cell) -> str:
    """The cell's paragraphs (nested tables' too) split by blank lines, as accepted."""
    texts, carried = [], ""
    for paragraph in cell.iter(f"{_W}p"):
        if _own(paragraph, cell):
            carried += _paragraph_text(paragraph)
            if not _mark_deleted(paragraph):
                texts.append(carried)
                carried = ""
    return "\n\n".join(filter(None, (text.strip() for text in [*texts, carried])))


def _paragraph_text(paragraph) -> str:
    return "".join(_run_text(run) for run in paragraph.iter(f"{_W}r") if _own(run, paragraph))
