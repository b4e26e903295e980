"""The exporter pattern: one class per format, `render(context) -> ExportFile`."""

import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass

from tracker.enums import ExportVersion
from tracker.parsing.markup import Run

from .context import ResponseLetterContext

# Typographic characters EDGAR's ASCII documents cannot carry, and what stands in for them.
ASCII_STAND_INS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "--",
        "\u2026": "...",
        "\u00a7": "Section ",
        "\u00a0": " ",
        "\u2022": "-",
        "\u00a9": "(c)",
        "\u00ae": "(R)",
        "\u2122": "(TM)",
    }
)
VERSION_SUFFIX = {
    ExportVersion.STANDARD: "",
    ExportVersion.CONFIDENTIAL: "-confidential",
    ExportVersion.PUBLIC: "-public",
    ExportVersion.FOIA_REQUEST: "-rule-83-request",
}


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
        """Built from the company and the date only: a file name never carries response text."""
        draft = "-draft" if context.draft else ""
        return f"{context.file_stem}{VERSION_SUFFIX[context.version]}{draft}.{self.extension}"


def to_ascii(text: str) -> str:
    """The text in ASCII: typographic quotes and dashes as their plain forms, accents dropped,
    anything else as "?"."""
    text = unicodedata.normalize("NFKD", text.translate(ASCII_STAND_INS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.encode("ascii", "replace").decode("ascii")


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
