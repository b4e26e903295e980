"""My work's rows, written in Python: up to eighty rows of six cells and two links each cost
more in template nodes and `{% url %}` tags than the rest of the page."""

from functools import cache

from django import template
from django.utils.safestring import SafeString

from tracker.clock import Days
from tracker.queries.lists import WorkRow

from .list_tags import due_date, html_of, short_date, status_badge, url_of

register = template.Library()

ROW = """
        <tr class="work-row">
          <td class="small">{}</td>
          <td class="small text-nowrap"><a href="{}">{}</a></td>
          <td class="small text-nowrap"><a href="{}">Comment {}</a></td>
          <td class="small">{}</td>
          <td class="small">{}</td>
          <td>{}</td>
          <td class="small text-nowrap">{}</td>
        </tr>
      """


@register.simple_tag
def work_rows(rows: list[WorkRow], days: Days, carry: str = "") -> SafeString:
    """The <tr> of each row, as a loop over them in the template wrote it, each due date
    judged in its company's day (`days`). Rows share their few statuses, due dates and letter
    dates: each cell is formatted once per value, and every text escaped (`html_of`).
    `carry` ("?from=my_work") goes on the comment links."""
    letter_url, comment_url = url_of("letter"), url_of("comment")
    badge = cache(status_badge)
    due = cache(lambda due_on, status, zone: due_date(due_on, status, days.today(zone)))
    letter_date = cache(short_date)
    return SafeString(
        "".join(
            html_of(
                ROW,
                row.company,
                letter_url(row.letter_id),
                letter_date(row.letter_date),
                comment_url(row.pk) + carry,
                row.number,
                row.heading or "—",
                row.tasks,
                badge(row.status),
                due(row.due_on, row.status, row.time_zone),
            )
            for row in rows
        )
    )
