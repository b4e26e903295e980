"""The letter as a PDF to circulate: WeasyPrint from templates/exports/letter.html.

The print CSS (in the template) gives letter-size pages with one-inch margins, continuation
heads with "Page N", DRAFT on every page, and in the confidential version the Rule 83 legend and
a page code ("CALX-001") at the foot of every page.
"""

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from tracker.parsing.markup import Run

from . import html, weasy
from .base import Exporter, page_code, shown
from .context import ResponseLetterContext, Section
from .html import RunTags, css_string

if TYPE_CHECKING:
    from weasyprint.document import Document


class Ids:
    """Fresh numbers for the anchors of confidential passages."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)

    def next(self) -> int:
        return next(self._numbers)


def runs_html(item: list[Run], number: int, context: ResponseLetterContext, ids: Ids) -> str:
    """One paragraph or bullet of a response; each confidential passage of the confidential
    version is highlighted, with anchors where it starts and ends (see confidential_pages)."""

    def marked(inner: str) -> str:
        n = ids.next()
        return (
            f'<mark class="confidential" id="conf-{number}-{n}">{inner}</mark>'
            f'<span id="conf-end-{number}-{n}"></span>'
        )

    tags = RunTags(confidential=marked if context.confidential else None)
    return mark_safe(html.runs_html(shown(item, context), tags))  # noqa: S308 - escaped there


def response_blocks(section: Section, context: ResponseLetterContext, ids: Ids) -> list:
    return [
        (block.kind, [runs_html(item, section.number, context, ids) for item in block.items])
        for block in section.response
    ]


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
    return weasy.render(letter_html(context))


class PdfExporter(Exporter):
    extension = "pdf"
    content_type = "application/pdf"

    def data(self, context: ResponseLetterContext) -> bytes:
        return weasy.pdf(letter_html(context))


def confidential_pages(context: ResponseLetterContext) -> list[tuple[str, list[int]]]:
    """Each page of the confidential PDF holding a confidential passage: its page code and the
    comments whose passages it holds."""
    found: dict[int, set[int]] = defaultdict(set)
    for number, page in enumerate(render_document(context).pages, start=1):
        for anchor in page.anchors:
            if anchor.startswith("conf-"):
                found[number].add(int(anchor.removeprefix("conf-end-").split("-")[-2]))
    return [(page_code(context, page), sorted(found[page])) for page in sorted(found)]
