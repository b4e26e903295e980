"""Rows and cells the comment lists repeat, written in Python: the template engine spends
more on a row of fifty comments' worth of variables, filters and tags than on the rest of the
page. The HTML is what the templates wrote, whitespace included."""

import html
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from django import template
from django.template.defaultfilters import truncatewords
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from tracker.clock import Days, is_late
from tracker.enums import ResponseStatus
from tracker.queries import CommentRow

from .tracker_tags import request_type_label

register = template.Library()

STATUS_LABELS = {status.value: status.label for status in ResponseStatus}


def html_of(template: str, *args) -> SafeString:
    """`format_html` without its lazy-string checks, which cost more than the rest of a row:
    safe arguments go in as they are, the others escaped, as `conditional_escape` does."""
    return SafeString(
        template.format(
            *(a.__html__() if hasattr(a, "__html__") else html.escape(str(a)) for a in args)
        )
    )


# Stands for a pk in a reversed URL, to make one reversed URL into a pattern for every row.
PK_MARK = 2_147_483_647


@lru_cache(maxsize=64)
def url_halves(name: str, prefix: str, resolver: object) -> tuple[str, str]:
    """The URL of `name` for a pk, cut where the pk goes. Keyed by the script prefix and the
    URLconf's resolver it was reversed under, so it always equals what `reverse` gives."""
    before, after = reverse(name, args=[PK_MARK]).split(str(PK_MARK))
    return before, after


def url_of(name: str) -> Callable[[int], str]:
    """pk -> the URL of `name` (a URL with one `<int:pk>`) for it: a row's links cost a
    string join, not a `reverse` apiece."""
    before, after = url_halves(name, get_script_prefix(), get_resolver(get_urlconf()))
    return lambda pk: f"{before}{pk}{after}"


@register.simple_tag
def status_badge(status: str) -> SafeString:
    return html_of(
        '<span class="badge status-{}">{}</span>', status, STATUS_LABELS.get(status, status)
    )


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
    """The due date, marked overdue when the response is late on `today` (tracker.clock)."""
    if due_on is None:
        return SafeString('<span class="text-body-secondary">—</span>')
    shown = short_date(due_on)
    if is_late(due_on, status, today):
        return html_of('{} <span class="badge text-bg-danger">Overdue</span>', shown)
    return html_of("{}", shown)


@register.simple_tag
def assignees(names_and_roles: list[tuple[str, str]]) -> SafeString:
    """Who holds the comment, one per line with the role, or "Unassigned"."""
    if not names_and_roles:
        return SafeString('<span class="text-body-secondary">Unassigned</span>')
    line = (
        '<div><span class="text-nowrap">{}</span> '
        '<span class="text-body-secondary text-nowrap">({})</span></div>'
    )
    return SafeString("".join(html_of(line, name, role) for name, role in names_and_roles))


LIST_ROW = """<tr class="comment-row">
        <td class="small">{}<br><a class="text-nowrap" href="{}">Letter of {}</a></td>
        <td><a href="{}" aria-label="Comment {} of the letter of {}">{}.</a></td>
        <td class="small">{}</td>
        <td class="small d-none d-lg-table-cell">{}</td>
        <td>{}</td>
        <td class="small">{}</td>
        <td class="small text-nowrap">{}</td>
      </tr>"""


@register.simple_tag
def all_comments_row(comment: CommentRow, days: Days, carry: str = "") -> SafeString:
    """One row of All comments, its due date judged in its company's day; `carry`
    ("?from=...") goes on the comment's link, so that its page walks through the list as
    filtered."""
    return html_of(
        LIST_ROW,
        comment.company,
        url_of("letter")(comment.letter_id),
        short_date(comment.letter_date),
        url_of("comment")(comment.pk) + carry,
        comment.number,
        long_date(comment.letter_date),
        comment.number,
        comment.heading or "—",
        truncatewords(comment.text, 12),
        status_badge(comment.status),
        assignees(comment.assignees),
        due_date(comment.due_on, comment.status, days.today(comment.time_zone)),
    )


SELECT_CELL = (
    '<td class="select-cell">\n'
    '            <input type="checkbox" class="form-check-input" name="comments" value="{}"'
    ' id="select-comment-{}">\n'
    '            <label class="visually-hidden" for="select-comment-{}">Select comment {}</label>\n'
    "          </td>"
)
LETTER_ROW = """<tr class="comment-row">
          {}
          <td><a href="{}" aria-label="Comment {}">{}.</a></td>
          <td><a href="{}" class="link-body-emphasis text-decoration-none">{}</a></td>
          <td class="d-none d-lg-table-cell">{}</td>
          <td>{}</td>
          <td class="small">{}</td>
          <td class="small text-nowrap">{}</td>
          <td class="small text-nowrap">{}</td>
        </tr>"""


@register.simple_tag
def letter_comment_row(comment: CommentRow, selectable: object, today: date) -> SafeString:
    """One row of the letter page; `selectable` adds the checkbox of the assign form."""
    pk, number, url = comment.pk, comment.number, url_of("comment")(comment.pk)
    select = html_of(SELECT_CELL, pk, pk, pk, number) if selectable else ""
    badge = '<span class="badge request-type me-1">{}</span>'
    asks = SafeString("".join(html_of(badge, request_type_label(c)) for c in comment.request_types))
    return html_of(
        LETTER_ROW,
        select,
        url,
        number,
        number,
        url,
        truncatewords(comment.text, 20),
        asks,
        status_badge(comment.status),
        assignees(comment.assignees),
        due_date(comment.due_on, comment.status, today),
        short_date(timezone.localtime(comment.updated_at)) if comment.updated_at else "",
    )
