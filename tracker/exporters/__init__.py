"""One exporter class per format over one context (see base.py and context.py)."""

from tracker.enums import ExportFormat, ExportVersion

from .base import Exporter, ExportFile, ascii_replacements, printed_texts
from .context import ResponseLetterContext
from .docx import DocxExporter
from .edgar import EdgarHtmlExporter
from .foia import FoiaRequestExporter, foia_request
from .pdf import PdfExporter
from .text import TextExporter

EXPORTERS: dict[str, type[Exporter]] = {
    ExportFormat.DOCX: DocxExporter,
    ExportFormat.PDF: PdfExporter,
    ExportFormat.HTML: EdgarHtmlExporter,
    ExportFormat.TXT: TextExporter,
}

# What a download is served as, by format.
CONTENT_TYPES = {format: exporter.content_type for format, exporter in EXPORTERS.items()}


def exporter_for(format: str, version: str) -> Exporter:
    """The exporter of this format; the Rule 83 request has its own (ValueError for HTML)."""
    if version == ExportVersion.FOIA_REQUEST:
        return FoiaRequestExporter(format)
    return EXPORTERS[format]()


def text_replacements(context: ResponseLetterContext) -> list[tuple[str, str]]:
    """Each character the text export of this context replaces for EDGAR's ASCII, with what
    stands in for it (see `base.ascii_replacements`); the Rule 83 request prints only its own
    words, the page codes aside, which are ASCII."""
    printed = (
        foia_request(context, []) if context.version == ExportVersion.FOIA_REQUEST else context
    )
    return ascii_replacements("\n".join(printed_texts(printed)))


__all__ = [
    "CONTENT_TYPES",
    "EXPORTERS",
    "ExportFile",
    "Exporter",
    "exporter_for",
    "text_replacements",
]
