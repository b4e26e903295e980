"""The exporter pattern: one class per format, `render(context) -> ExportFile`."""

import dataclasses
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

from anyascii import anyascii

from tracker.enums import ExportVersion
from tracker.parsing.markup import Run

from .context import ResponseLetterContext

# Where the transliteration library's choice is wrong for a legal letter, and what stands in:
# "*" for "x" would read as a footnote mark, a single hyphen for an em dash as a hyphenated word,
# "*" for a bullet as a footnote mark, ">" for an arrow as
# "greater than".
ASCII_STAND_INS = str.maketrans(
    {
        "\u00d7": "x",
        "\u2014": "--",
        "\u2022": "-",
        "\u2192": "->",
    }
)
# A currency sign before an amount stands apart from it: "EUR 150 million", not "EUR150".
_CURRENCY_BEFORE_AMOUNT_RE = re.compile(r"([\u00a3\u20ac])(?=\d)")
# A section sign is a word in a legal letter ("S 5" would read as a letter): "\u00a7\u00a7 5-6"
# -> "Sections 5-6".
_SECTION_SIGN_RE = re.compile(r"(\u00a7\u00a7?)\s*")
# The version in a file name: "calx-resp-20100104-pub.htm".
VERSION_CODE = {
    ExportVersion.STANDARD: "",
    ExportVersion.CONFIDENTIAL: "-conf",
    ExportVersion.PUBLIC: "-pub",
    ExportVersion.FOIA_REQUEST: "-r83",
}
# EDGAR Filer Manual, Volume II, 5.1.2: a document's name has at most 32 characters, its
# extension included: lower-case letters, digits, hyphens and one period.
EDGAR_NAME_LIMIT = 32


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes


class Exporter(ABC):
    """Turns a response-letter context into one file of one format."""

    extension = ""
    content_type = "application/octet-stream"

    def render(self, context: ResponseLetterContext) -> ExportFile:
        return ExportFile(self.filename(context), self.content_type, self.data(context))

    @abstractmethod
    def data(self, context: ResponseLetterContext) -> bytes:
        """The file's bytes; each format writes its own."""

    def filename(self, context: ResponseLetterContext) -> str:
        """Built from the company's code and the letter's date only, so it never carries
        response text, and unique per version: "calx-resp-20100104-pub.htm", a draft
        "calx-draft-20100104-pub.htm". At most `EDGAR_NAME_LIMIT` characters in every format,
        the company's code shortened to fit."""
        rest = (
            f"-{'draft' if context.draft else 'resp'}-{context.dated:%Y%m%d}"
            f"{VERSION_CODE[context.version]}.{self.extension}"
        )
        company = re.sub(r"[^a-z0-9]", "", context.file_stem.lower())
        return f"{company[: EDGAR_NAME_LIMIT - len(rest)] or 'letter'}{rest}"


def to_ascii(text: str) -> str:
    """The text in ASCII for EDGAR's ASCII documents, transliterated by anyascii ("\u20ac150
    million" -> "EUR 150 million", "\u00bd" -> "1/2", "\u2265" -> ">=", "\u00b0" -> "deg",
    accents dropped) but for the stand-ins above. A character anyascii cannot spell is dropped."""
    text = _CURRENCY_BEFORE_AMOUNT_RE.sub(r"\1 ", text).translate(ASCII_STAND_INS)
    text = _SECTION_SIGN_RE.sub(lambda m: "Sections " if len(m[1]) == 2 else "Section ", text)
    return anyascii(text)


def ascii_replacements(text: str) -> list[tuple[str, str]]:
    """Each character of `text` that `to_ascii` had to replace, with what stands in for it, in
    the order they first occur: [("\u20ac", "EUR"), ("\u00bd", "1/2")]. Found by comparing each
    character with its ASCII form, so it always agrees with the export."""
    found = dict.fromkeys(ch for ch in text if not ch.isascii())
    return [(ch, to_ascii(ch).strip()) for ch in found]


def printed_texts(value) -> list[str]:
    """Every string in a context, a section or any dataclass of them, lists walked through: what
    an export of it can print (for `ascii_replacements`)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in printed_texts(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [text for item in value for text in printed_texts(item)]
    return []


def shown(item: list[Run], context: ResponseLetterContext) -> list[tuple[Run, str]]:
    """Each run with the text to print; in the confidential version each confidential passage
    is bracketed as a whole, as the staff expect omitted portions marked in the full letter."""
    if not context.confidential:
        return [(run, run.text) for run in item]
    result = []
    for i, run in enumerate(item):
        text = run.text
        if run.confidential and (i == 0 or not item[i - 1].confidential):
            text = f"[{text}"
        if run.confidential and (i == len(item) - 1 or not item[i + 1].confidential):
            text = f"{text}]"
        result.append((run, text))
    return result


def page_code(context: ResponseLetterContext, page: int) -> str:
    return f"{context.page_code_prefix}-{page:03d}"
