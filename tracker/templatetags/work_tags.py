"""My work's rows, written in Python: up to eighty rows of six cells and two links each cost
more in template nodes and `{% url %}` tags than the rest of the page."""

from collections.abc import Callable
from datetime import date

from django import template
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from tracker.queries.lists import WorkRow

from .list_tags import due_date, status_badge

register = template.Library()

ROW = """
        <tr class="work-row">
          <td class="small">{}</td>
          <td class="small text-nowrap"><a href="{}">{}</a></td>
          <td class="small text-nowrap"><a href="{}">Comment {}</a></td>
          <td class="small">{}</td>
          <td>{}</td>
          <td class="small text-nowrap">{}</td>
        </tr>
      """
# Stands for a pk in a reversed URL, to make one URL per page into a pattern for every row.
PK_MARK = 2_147_483_647


def url_of(name: str) -> Callable[[int], str]:
    """pk -> the URL of `name` for it, reversing once per page instead of once per row."""
    before, after = reverse(name, args=[PK_MARK]).split(str(PK_MARK))
    return lambda pk: f"{before}{pk}{after}"


@register.simple_tag
def work_rows(rows: list[WorkRow], today: date) -> SafeString:
    """The <tr> of each row, as a loop over them in the template wrote it."""
    letter_url, comment_url = url_of("letter"), url_of("comment")
    cells = (
        (
            row.company,
            letter_url(row.letter_id),
            format_date(row.letter_date, "M j, Y"),
            comment_url(row.pk),
            row.number,
            row.heading or "—",
            status_badge(row.status),
            due_date(row.due_on, row.status, today),
        )
        for row in rows
    )
    return format_html_join("", ROW, cells)
