"""A person's response dates as an iCalendar feed (RFC 5545), written with `icalendar`.

One all-day event per letter still owed a response and per own assignment with a date. Each
event's UID is made from what it is about (the letter's or the assignment's id and the site's
host), so when a date moves the calendar updates the event it already shows instead of
adding a second one. Names typed by users reach the feed only as iCalendar TEXT values, which
the library escapes; no value is ever read as markup."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.urls import reverse
from icalendar import Calendar, Event

from tracker.enums import AssignmentRole
from tracker.models import letter_title
from tracker.queries.calendar import AssignmentDate, LetterDate

PRODUCT_ID = "-//corresp//Response dates//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
ASKED_TO = {
    AssignmentRole.DRAFTER: "Draft",
    AssignmentRole.REVIEWER: "Review",
    AssignmentRole.APPROVER: "Approve",
}


def calendar_feed(
    letters: Iterable[LetterDate],
    assignments: Iterable[AssignmentDate],
    *,
    site_url: str,
    stamped: datetime,
) -> bytes:
    """The feed as bytes (UTF-8, CRLF lines). `site_url` gives links and the UIDs' host;
    `stamped` (an aware datetime) is every event's DTSTAMP."""
    host = urlsplit(site_url).hostname or "corresp"
    base = site_url.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "corresp: response dates")
    for letter in letters:
        title = f"{letter.company}, {letter_title(letter.letter_date)}"
        url = base + reverse("letter", args=[letter.pk])
        calendar.add_component(
            all_day(
                f"letter-{letter.pk}@{host}", letter.due_on, f"Response due: {title}", url, stamped
            )
        )
    for item in assignments:
        title = f"{ASKED_TO[item.role]} the response to comment {item.number}"
        where = f"{item.company}, {letter_title(item.letter_date)}"
        url = base + reverse("comment", args=[item.comment_id])
        calendar.add_component(
            all_day(f"assignment-{item.pk}@{host}", item.due_on, f"{title}: {where}", url, stamped)
        )
    return calendar.to_ical()


def all_day(uid: str, day: date, summary: str, url: str, stamped: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamped)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day events end the next day (RFC 5545)
    event.add("summary", summary)
    event.add("description", url)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a date to meet, not time taken
    return event
