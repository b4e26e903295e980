"""Bytes of a plain-text file into text, and any extracted text made safe to store.

Pure Python, no Django. `decode_text` lets charset-normalizer find the encoding among those a
staff letter or filing really comes in; `readable` is the one place the text every reader (PDF,
Word, HTML, text and pasted text; letters and filings alike) extracts is made plain: control
characters dropped and compatibility characters (ligatures, full-width forms) normalised.
"""

import re
import unicodedata

from .characters import printable
from .errors import CorruptDocument, NotADocument

# What plain-text letters and filings come in: Unicode with or without a byte-order mark, or the
# Windows code page of older EDGAR text. Limiting the candidates keeps detection from reading
# English text as a Central European code page, and leaves binary data undecodable.
_ENCODINGS = ["utf_8", "utf_16", "utf_32", "utf_16_le", "utf_16_be"]
_ENCODINGS += ["utf_32_le", "utf_32_be", "cp1252"]
# Below this size detection has too little to go on; text without NULs is then read as cp1252.
_TOO_SHORT_TO_JUDGE = 64

# Characters NFKC would rewrite into something that reads differently, kept as they are: spacing
# accents ("´" as an apostrophe would become a space and a combining mark), superscripts and
# subscripts (a footnote mark "¹" would glue a digit onto the word before it, "m²" read "m2"),
# ordinals "ª º", "™" and "℠" (not the letters "TM", "SM"), vulgar fractions ("½", not "1⁄2"),
# the ellipsis, and circled or enclosed numbers and letters ("①", "⒈" are list marks, and "1."
# would read as a comment number).
_KEPT_AS_IS_RE = re.compile(
    "([\u00a8\u00aa\u00af\u00b2-\u00b4\u00b8-\u00ba\u00bc-\u00be\u02b0-\u02ff"
    "\u1d2c-\u1dbf\u2017\u2026\u203e\u2070-\u209f\u2120\u2122\u2150-\u215f\u2189"
    "\u2460-\u24ff\U0001f100-\U0001f1ff])"
)
# NFKC turns the non-breaking hyphen into U+2010 HYPHEN, which no pattern for "Form 10-K" or a
# file number reads; both are the hyphen a typist meant.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

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
    """The text with Windows and old Mac line ends as line feeds, control characters gone (see
    `characters.printable`; form feeds, the PDF reader's page breaks, stay), and compatibility
    characters in their plain form (see `compatible`)."""
    return compatible(printable(text, page_breaks=True))


def compatible(text: str) -> str:
    """The text in Unicode NFKC, but for the characters `_KEPT_AS_IS_RE` names.

    NFKC (Unicode Standard Annex #15) writes ligatures out ("ﬁled", "Oﬃce" become "filed",
    "Office", so dates, "Please confirm" and request types read), full-width and mathematical
    letters and digits as plain ones, and non-breaking and other fixed-width spaces as spaces;
    hyphens U+2010 and U+2011 become "-". Untouched: ASCII, curly quotes, dashes, "§", "•",
    private-use Symbol-font bullets (the clean-up turns those into list items), and the kept
    characters above.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text.translate(_HYPHENS) if "\u2010" in text else text
    pieces = _KEPT_AS_IS_RE.split(text)
    pieces[::2] = [unicodedata.normalize("NFKC", piece) for piece in pieces[::2]]
    return "".join(pieces).translate(_HYPHENS)


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
