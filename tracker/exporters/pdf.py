"""The letter as a PDF to circulate: WeasyPrint from templates/exports/letter.html.

The print CSS (in the template) gives letter-size pages with one-inch margins, continuation
heads with "Page N", DRAFT on every page, and in the confidential version the Rule 83 legend and
a page code ("CALX-001") at the foot of every page.
"""

import itertools
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from tracker.parsing.markup import Run

from .base import Exporter, page_code, shown
from .context import ResponseLetterContext, Section

if TYPE_CHECKING:
    from weasyprint.document import Document

# WeasyPrint logs its progress at INFO (from its import on, hence the late import below) and
# CSS it does not know at WARNING; neither says anything about our letters.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class Ids:
    """Fresh numbers for the anchors of confidential passages."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)

    def next(self) -> int:
        return next(self._numbers)


def runs_html(item: list[Run], number: int, context: ResponseLetterContext, ids: Ids) -> str:
    """One paragraph or bullet of a response; each confidential passage of the confidential
    version is highlighted, with anchors where it starts and ends (see confidential_pages)."""
    parts = []
    for run, text in shown(item, context):
        html = escape(text)
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        if run.confidential and context.confidential:
            n = ids.next()
            html = (
                f'<mark class="confidential" id="conf-{number}-{n}">{html}</mark>'
                f'<span id="conf-end-{number}-{n}"></span>'
            )
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped text


def response_blocks(section: Section, context: ResponseLetterContext, ids: Ids) -> list:
    return [
        (block.kind, [runs_html(item, section.number, context, ids) for item in block.items])
        for block in section.response
    ]


def css_string(*lines: str) -> str:
    """The lines as one CSS string, a line break between them."""
    text = "\n".join(lines).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{text}"'


def letter_html(context: ResponseLetterContext) -> str:
    css = {
        "continuation": css_string(*context.continuation, context.dated_text, "Page"),
        "legend": css_string(context.legend),
        "prefix": css_string(f"{context.page_code_prefix}-"),
    }
    ids = Ids()
    sections = [(section, response_blocks(section, context, ids)) for section in context.sections]
    page = {"ctx": context, "css": css, "sections": sections}
    return render_to_string("exports/letter.html", page)


def render_document(context: ResponseLetterContext) -> "Document":
    from weasyprint import HTML

    return HTML(string=letter_html(context)).render()


class PdfExporter(Exporter):
    extension = "pdf"
    content_type = "application/pdf"

    def data(self, context: ResponseLetterContext) -> bytes:
        return render_document(context).write_pdf()


def confidential_pages(context: ResponseLetterContext) -> list[tuple[str, list[int]]]:
    """Each page of the confidential PDF holding a confidential passage: its page code and the
    comments whose passages it holds."""
    found: dict[int, set[int]] = defaultdict(set)
    for number, page in enumerate(render_document(context).pages, start=1):
        for anchor in page.anchors:
            if anchor.startswith("conf-"):
                found[number].add(int(anchor.removeprefix("conf-end-").split("-")[-2]))
    return [(page_code(context, page), sorted(found[page])) for page in sorted(found)]
