"""Cells the comment lists repeat on every row, written in Python: an {% include %} per cell
costs more than the rest of the row on a page of fifty comments."""

from datetime import date

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from tracker.enums import ResponseStatus

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> SafeString:
    label = ResponseStatus(status).label if status in ResponseStatus.values else status
    return format_html('<span class="badge status-{}">{}</span>', status, label)


@register.filter
def short_date(day: date) -> str:
    """ "Dec 17, 2009", as Django's `date:"M j, Y"` writes a date, at a tenth of its cost."""
    return f"{day:%b} {day.day}, {day.year}"


@register.filter
def long_date(day: date) -> str:
    """ "December 17, 2009", as Django's `date:"F j, Y"` writes a date."""
    return f"{day:%B} {day.day}, {day.year}"


@register.simple_tag
def due_date(due_on: date | None, status: str, today: date) -> SafeString:
    """The due date, marked overdue when it has passed and the response is not approved."""
    if due_on is None:
        return format_html('<span class="text-body-secondary">—</span>')
    shown = short_date(due_on)
    if due_on < today and status != ResponseStatus.APPROVED:
        return format_html('{} <span class="badge text-bg-danger">Overdue</span>', shown)
    return format_html("{}", shown)


@register.simple_tag
def assignees(names_and_roles: list[tuple[str, str]]) -> SafeString:
    """Who holds the comment, one per line with the role, or "Unassigned"."""
    if not names_and_roles:
        return mark_safe('<span class="text-body-secondary">Unassigned</span>')
    return format_html_join(
        "",
        '<div><span class="text-nowrap">{}</span> '
        '<span class="text-body-secondary text-nowrap">({})</span></div>',
        names_and_roles,
    )
