import nh3
from django import template
from django.utils.safestring import mark_safe

from tracker.enums import RequestType
from tracker.exporters.html import RunTags, runs_html
from tracker.parsing.markup import Run, blocks

ALLOWED_TAGS = {"p", "ul", "li", "strong", "em", "mark"}
ALLOWED_ATTRIBUTES = {"mark": {"title", "class"}}

register = template.Library()


@register.filter
def request_type_label(code: str) -> str:
    try:
        return RequestType(code).label
    except ValueError:
        return code


@register.simple_tag
def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _marked(inner: str) -> str:
    return f'<mark class="confidential" title="Confidential (Rule 83)">{inner}</mark>'


PAGE_TAGS = RunTags(confidential=_marked)


def _runs_html(items: list[Run]) -> str:
    return runs_html(((run, run.text) for run in items), PAGE_TAGS)


@register.filter
def response_html(text: str) -> str:
    """A response's light markup as safe HTML: paragraphs, bullet lists, bold and italic, and
    confidential (Rule 83) passages highlighted."""
    parts = []
    for block in blocks(text or ""):
        if block.kind == "ul":
            items = "".join(f"<li>{_runs_html(item)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{_runs_html(block.items[0])}</p>")
    # Built from escaped text already; nh3 makes sure only these tags can ever come out.
    return mark_safe(nh3.clean("".join(parts), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES))  # noqa: S308


@register.filter
def runs_as_html(runs: list[Run]) -> str:
    """A redline chunk's runs (`parsing.rendered_redline`) as safe HTML: bold, italic and
    confidential passages marked as on the page, every text escaped."""
    return mark_safe(nh3.clean(_runs_html(runs), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES))  # noqa: S308
