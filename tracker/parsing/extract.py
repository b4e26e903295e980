"""Bytes in, text out: the format is read from the content, never from a file name."""

import re

from .decoding import decode_text, html_root, image_kind, readable
from .docx_reader import DocxParagraph, read_docx
from .errors import CorruptDocument, EmptyDocument, NotADocument, ParseError, TooLarge
from .limits import LETTER, Limits
from .pdf_reader import pdf_pages
from .tables import row_text

_HTML_START_RE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?"
    rb"<(?:!doctype\s+html|html|document|type>|sec-document|head|body|p[\s>]|div|font|table)",
    re.IGNORECASE | re.DOTALL,
)


def sniff_format(data: bytes) -> str:
    """One of "pdf", "docx", "html", "image", "text", read from the bytes themselves."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if image_kind(data):
        return "image"
    if _HTML_START_RE.match(head):
        return "html"
    return "text"


def refuse_image(data: bytes, noun: str) -> None:
    """Raise NotADocument naming the image kind: a photo or scan uploaded as a letter or filing."""
    raise NotADocument(
        f"This is an image ({image_kind(data)}), not a {noun} file. Upload the {noun} as PDF, "
        "Word (.docx), HTML or text; a scan must be run through OCR first."
    )


def extract_text(data: bytes, limits: Limits = LETTER) -> str:
    """The text of a staff letter given as PDF, DOCX, HTML or plain-text bytes.

    Raises a ParseError subclass, whatever the bytes: TooLarge past a cap in `limits`,
    EmptyDocument, NotADocument for an image or binary data, EncryptedDocument, NeedsOCR,
    CorruptDocument. The text holds no control characters but tab, newline and form feed.
    """
    if len(data) > limits.max_bytes:
        raise TooLarge(limits.too_large())
    if not data.strip():
        raise EmptyDocument()
    kind = sniff_format(data)
    if kind == "image":
        refuse_image(data, "letter")
    readers = {"pdf": _pdf_text, "docx": _docx_text, "html": _html_text, "text": _plain_text}
    text = readable(guarded(readers[kind], data, limits))
    if not text.strip():
        raise EmptyDocument()
    return text


def guarded(reader, data: bytes, limits: Limits):
    """The reader's result; any error a damaged file provokes in a library, as CorruptDocument."""
    try:
        return reader(data, limits)
    except ParseError:
        raise
    except Exception as error:  # lxml, zipfile, pdfminer and pypdf each raise their own errors
        raise CorruptDocument() from error


def _plain_text(data: bytes, limits: Limits) -> str:
    return decode_text(data)


def _pdf_text(data: bytes, limits: Limits) -> str:
    # A form feed marks each page break so the running page header can be found.
    return "\n\f\n".join(pdf_pages(data, limits))


def _docx_text(data: bytes, limits: Limits) -> str:
    paragraphs = []
    for item in read_docx(data, limits):
        if isinstance(item, DocxParagraph):
            text = item.text
            if item.number is not None:
                text = f"{item.number}. {text.strip()}"
            elif "list" in item.style.lower() and text.strip():
                text = "- " + text.strip()
            paragraphs.append(text)
        else:
            paragraphs.append(row_text(item.cells))
    return "\n\n".join(paragraphs)


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre"}
_SKIP_TAGS = {"script", "style", "head", "title"}
_CELL_TAGS = {"td", "th"}


def _html_text(data: bytes, limits: Limits) -> str:
    return _tidy("".join(_html_pieces([html_root(data)])))


def _tidy(text: str) -> str:
    # EDGAR pads with non-breaking spaces and indents with runs of spaces.
    text = text.replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _html_pieces(nodes: list) -> list[str]:
    """The text of the nodes (elements and strings) in order, blank lines around block tags,
    a dash before list items (their number in a numbered list), and each table row laid out
    by `row_text`.

    One pass with an explicit stack, linear in the page: inserting the breaks into the tree
    instead searched the parent's children for every tag, and 8,000 paragraphs took seconds.
    """
    pieces: list[str] = []
    stack: list = list(reversed(nodes))
    numbered: dict[int, int] = {}  # the number of each item of an <ol>, by the item's id
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            pieces.append(node)
            continue
        stack.append(node.tail or "")
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:  # comments and processing instructions keep their tail
            continue
        if tag == "tr":
            stack.append(f"\n\n{_row_text(node)}\n\n")
            continue
        around = "\n" if tag == "br" else "\n\n" if tag in _BLOCK_TAGS else ""
        marker = ""
        if tag == "li":
            number = numbered.pop(id(node), None)
            marker = f"{number}. " if number else "- "
        children = list(node)
        if tag == "ol":
            # Numbered while the items wait on the stack (an lxml element's id is stable only
            # while something holds it): a letter's comments are often such a list.
            numbered |= _item_numbers(node, children)
        stack += [around, *reversed(children), node.text or "", marker, around]
    return pieces


def _item_numbers(ordered, children: list) -> dict[int, int]:
    """The number of each <li> of an <ol>: from its start, or an item's own value."""
    numbers, number = {}, _whole(ordered.get("start"), 1) - 1
    for child in children:
        if isinstance(child.tag, str) and child.tag.lower() == "li":
            number = _whole(child.get("value")) or number + 1
            numbers[id(child)] = number
    return numbers


def _whole(text: str | None, default: int = 0) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return default


def _row_text(row) -> str:
    """A table row with its cells kept apart (never "Revenue$1,200$1,350")."""
    cells = (cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in _CELL_TAGS)
    return row_text([_cell_text(cell) for cell in cells])


def _cell_text(cell) -> str:
    if not len(cell):  # most cells hold only text: no need to walk them
        return " ".join((cell.text or "").split())
    return _tidy("".join(_html_pieces([cell.text or "", *cell])))
