"""Bytes in, text out: the format is read from the content, never from a file name."""

import io
import re
import zipfile

from .errors import (
    MAX_LETTER_BYTES,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    NeedsOCR,
    ParseError,
    TooLarge,
)

_HTML_START_RE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?"
    rb"<(?:!doctype\s+html|html|document|type>|sec-document|head|body|p[\s>]|div|font|table)",
    re.IGNORECASE | re.DOTALL,
)
# Blank line between two text lines when the vertical gap exceeds this share of a line height:
# lines of one paragraph sit about 0.2 apart, paragraphs about 0.8.
_PARAGRAPH_GAP = 0.5


def sniff_format(data: bytes) -> str:
    """One of "pdf", "docx", "html", "text", read from the bytes themselves."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if _HTML_START_RE.match(head):
        return "html"
    return "text"


def extract_text(data: bytes) -> str:
    """The text of a staff letter given as PDF, DOCX, HTML or plain-text bytes."""
    if len(data) > MAX_LETTER_BYTES:
        raise TooLarge()
    if not data.strip():
        raise EmptyDocument()
    reader = {"pdf": _pdf_text, "docx": _docx_text, "html": _html_text, "text": _plain_text}
    text = reader[sniff_format(data)](data)
    if not text.strip():
        raise EmptyDocument()
    return text


def _plain_text(data: bytes) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    # NUL and other C0 controls never belong to a letter; they mark binary junk.
    return re.sub(r"[\x00-\x08\x0b\x0e-\x1f]", "", text)


def _pdf_text(data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        if PdfReader(io.BytesIO(data)).is_encrypted:
            raise EncryptedDocument()
    except ParseError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise CorruptDocument() from error
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_pdf_page_text(page) for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CorruptDocument() from error
    except Exception as error:  # pdfminer raises bare Exceptions on some damaged streams
        raise CorruptDocument() from error
    if not any(page.strip() for page in pages):
        raise NeedsOCR()
    # A form feed marks each page break so the running page header can be found.
    return "\n\f\n".join(pages)


def _pdf_page_text(page) -> str:
    """A page's lines, with a blank line wherever the vertical gap shows a new paragraph."""
    out: list[str] = []
    previous = None
    for line in page.extract_text_lines(keep_blank_chars=False):
        height = max(line["bottom"] - line["top"], 1.0)
        if previous is not None and line["top"] - previous["bottom"] > _PARAGRAPH_GAP * height:
            out.append("")
        out.append(line["text"])
        previous = line
    return "\n".join(out)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise CorruptDocument("This archive is not a Word document.")
        document = docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise CorruptDocument() from error
    except Exception as error:  # lxml raises its own errors on damaged XML parts
        raise CorruptDocument() from error
    paragraphs = []
    for paragraph in document.paragraphs:
        text = paragraph.text
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if "list" in style and text.strip():
            text = "- " + text.strip()
        paragraphs.append(text)
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    return "\n\n".join(paragraphs)


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre")


def _html_text(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    for tag in soup(["script", "style", "head", "title"]):
        tag.decompose()
    for tag in soup.find_all("li"):
        tag.insert(0, "- ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n" if tag.name != "br" else "\n")
        tag.insert_after("\n\n" if tag.name != "br" else "\n")
    text = soup.get_text()
    # EDGAR pads with non-breaking spaces and indents with runs of spaces.
    text = text.replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
