"""Bytes of a plain-text file into text, and any extracted text made safe to store.

Pure Python, no Django. `decode_text` lets charset-normalizer find the encoding among those a
staff letter or filing really comes in; `readable` is the one place control characters are
dropped from the text every reader (PDF, Word, HTML, text) extracts.
"""

import re

from .errors import CorruptDocument, NotADocument

# What plain-text letters and filings come in: Unicode with or without a byte-order mark, or the
# Windows code page of older EDGAR text. Limiting the candidates keeps detection from reading
# English text as a Central European code page, and leaves binary data undecodable.
_ENCODINGS = ["utf_8", "utf_16", "utf_32", "utf_16_le", "utf_16_be"]
_ENCODINGS += ["utf_32_le", "utf_32_be", "cp1252"]
# Below this size detection has too little to go on; text without NULs is then read as cp1252.
_TOO_SHORT_TO_JUDGE = 64

# C0 controls other than tab, line feed and form feed (a page break), DEL, and lone surrogates:
# PostgreSQL refuses U+0000 in text, and none of them belongs to a letter or filing.
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")

_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}


def readable(text: str) -> str:
    """The text with Windows and old Mac line ends as line feeds, and control characters gone."""
    return _CONTROLS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def image_kind(data: bytes) -> str:
    """ "PNG", "JPEG", "GIF", "TIFF" or "BMP" if the bytes start as that image does, else ""."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return next((kind for magic, kind in _IMAGE_MAGIC.items() if data.startswith(magic)), "")


def decode_text(data: bytes) -> str:
    """Plain-text bytes as text (not yet `readable`).

    UTF-8 without NULs is taken as is; anything else (a byte-order mark, UTF-16 or UTF-32
    without one, cp1252) is left to charset-normalizer. Raises NotADocument for binary data
    that decodes as none of those.
    """
    if b"\x00" not in data:
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_ENCODINGS).best()
    if best is not None:
        return str(best).removeprefix("\ufeff")
    if len(data) < _TOO_SHORT_TO_JUDGE and b"\x00" not in data:
        return data.decode("cp1252", errors="replace")
    raise NotADocument()


def decode_html(data: bytes) -> str:
    """HTML bytes as text: by byte-order mark, else UTF-8, else the declared charset, else
    cp1252 (EDGAR's older pages). No statistical detection: it takes seconds on a large filing,
    and HTML says what it is."""
    from bs4.dammit import EncodingDetector

    data, bom = EncodingDetector.strip_byte_order_mark(data)
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    for encoding in filter(None, [bom, "utf-8", declared, "cp1252"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")


def html_root(data: bytes):
    """The lxml root of an HTML page, decoded by `decode_html` rather than libxml2's guess
    (which reads UTF-8 without a charset as Latin-1). Raises CorruptDocument."""
    import lxml.html
    from lxml.etree import LxmlError, ParserError

    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True)
    try:
        return lxml.html.document_fromstring(decode_html(data).encode("utf-8"), parser=parser)
    except (ParserError, LxmlError, ValueError) as error:
        raise CorruptDocument() from error
