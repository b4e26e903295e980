"""One clock: what day it is for a company, and what "due soon" and "late" mean.

Every page, filter, badge, e-mail, digest, export and the demo ask this module; nothing else
counts days (tests/test_clock.py holds the screens to it for companies east and west of New
York, at the hours where their days differ).

- A company keeps its days in its own time zone (`Company.time_zone`, New York's by default):
  a response due on December 7 in Tokyo is late from midnight of December 8 in Tokyo, which is
  10 a.m. of December 7 in New York.
- What belongs to no company (the day a letter arrived when nobody says, the latest date a form
  accepts) is counted in Washington, where the staff work (`SEC_TIME_ZONE`).
- Business days are the SEC's: weekdays that are not federal holidays
  (`tracker.parsing.business_days`) nor days the SEC closed for another reason (`SecClosure`,
  edited in the admin; read once per answer).
- A response is **late** when its due date has passed in its company's day and it is not
  approved; **due soon** when it is not approved and due today or within the next
  `DUE_SOON_BUSINESS_DAYS` business days.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Case, DateField, Q, Value, When
from django.utils import timezone

from tracker.enums import ResponseStatus
from tracker.models import SecClosure
from tracker.models.companies import zone_named
from tracker.parsing import business_days

SEC_TIME_ZONE = "America/New_York"
DUE_SOON_BUSINESS_DAYS = 2
FINISHED = ResponseStatus.APPROVED


def today_in(time_zone: str, at: datetime | None = None) -> date:
    """The date in `time_zone` (an IANA name) now, or at the aware datetime `at`."""
    return (at or timezone.now()).astimezone(zone_named(time_zone)).date()


def sec_today(at: datetime | None = None) -> date:
    """The date in Washington: the day of whatever belongs to no company."""
    return today_in(SEC_TIME_ZONE, at)


Closed = frozenset[date] | None  # the SEC's closures when the caller read them, else None


def sec_closures() -> frozenset[date]:
    """The days the SEC closed besides federal holidays: one query."""
    return frozenset(SecClosure.objects.values_list("day", flat=True))


def is_business_day(day: date, closed: Closed = None) -> bool:
    """Whether the SEC is open on `day` (`closed`: the closures, read here when None)."""
    return business_days.is_business_day(day, sec_closures() if closed is None else closed)


def add_business_days(start: date, days: int, closed: Closed = None) -> date:
    """The SEC business day `days` business days after `start` (before it when negative)."""
    closed = sec_closures() if closed is None else closed
    return business_days.add_business_days(start, days, closed)


def due_soon_until(today: date, closed: Closed = None) -> date:
    """The last day still "due soon" when it is `today`."""
    return add_business_days(today, DUE_SOON_BUSINESS_DAYS, closed)


def response_date(received_on: date, business_days: int, closed: Closed = None) -> date:
    """The day a response is due: `business_days` SEC business days after the letter was
    received (ten, unless the letter says otherwise)."""
    return add_business_days(received_on, business_days, closed)


def company_today(company) -> date:
    """Today in the company's own time zone."""
    return today_in(company.time_zone)


def has_passed(due: date | None, today: date) -> bool:
    """Whether the date `due` (None: no date) is before `today`."""
    return due is not None and due < today


def falls_due_soon(due: date | None, today: date, soon: date | None = None) -> bool:
    """Whether `due` is today or a later day up to `soon` (the last day due soon; by default
    DUE_SOON_BUSINESS_DAYS business days after `today`)."""
    return due is not None and today <= due <= (soon or due_soon_until(today))


def is_late(due: date | None, status: str, today: date) -> bool:
    """Whether a response due on `due` with `status` is late on `today`."""
    return status != FINISHED and has_passed(due, today)


def is_due_soon(due: date | None, status: str, today: date, soon: date | None = None) -> bool:
    """Whether a response due on `due` with `status` is due soon on `today`."""
    return status != FINISHED and falls_due_soon(due, today, soon)


def late(today, *, due: str = "due_on", status: str = "response__status") -> Q:
    """`is_late` in SQL, for rows whose due date and response status are at these paths;
    `today` is a date or an expression giving one per row."""
    return Q(**{f"{due}__lt": today}) & ~Q(**{status: FINISHED})


def due_soon(today, soon, *, due: str = "due_on", status: str = "response__status") -> Q:
    """`is_due_soon` in SQL; `today` and `soon` are dates or expressions."""
    return Q(**{f"{due}__gte": today, f"{due}__lte": soon}) & ~Q(**{status: FINISHED})


def place_of(time_zone: str) -> str:
    """The place a time zone is named after: "New York" for America/New_York."""
    return time_zone.rsplit("/", 1)[-1].replace("_", " ")


class Days:
    """Today and the last "due soon" day of each time zone met in one answer: a list across
    companies asks row by row, and each zone is worked out once, at one instant (`at`)."""

    def __init__(self, at: datetime | None = None, *, on: date | None = None):
        """`on`, a date given by hand (a sweep run for a past day), is today in every zone.
        The SEC's closures are read at the first "due soon" asked, once."""
        self.at = at or timezone.now()
        self.on = on
        self.todays: dict[str, date] = {}
        self.days: dict[str, tuple[date, date]] = {}
        self.closed: frozenset[date] | None = None

    def today(self, time_zone: str) -> date:
        if time_zone not in self.todays:
            self.todays[time_zone] = self.on or today_in(time_zone, self.at)
        return self.todays[time_zone]

    def of(self, time_zone: str) -> tuple[date, date]:
        """(today, last day due soon) in `time_zone`."""
        if time_zone not in self.days:
            today = self.today(time_zone)
            self.days[time_zone] = (today, due_soon_until(today, self.closures()))
        return self.days[time_zone]

    def is_business_day(self, day: date) -> bool:
        return is_business_day(day, self.closures())

    def closures(self) -> frozenset[date]:
        """The SEC's closures, read at the first call."""
        if self.closed is None:
            self.closed = sec_closures()
        return self.closed

    def is_late(self, due: date | None, status: str, time_zone: str) -> bool:
        return is_late(due, status, self.today(time_zone))

    def is_due_soon(self, due: date | None, status: str, time_zone: str) -> bool:
        return is_due_soon(due, status, *self.of(time_zone))

    def counted(self) -> list[tuple[str, date, date]]:
        """(place, today, last day due soon) of each zone asked about so far, by place (the
        zone's city: "Tokyo" for Asia/Tokyo); Washington's day when none was."""
        zones = sorted(set(self.todays) | set(self.days)) or [SEC_TIME_ZONE]
        return sorted((place_of(zone), *self.of(zone)) for zone in zones)

    def in_sql(self, zones: Iterable[str], zone_path: str) -> tuple[Case, Case]:
        """Today and the last day due soon as SQL expressions for rows whose company's time
        zone is at `zone_path` (e.g. "comment__letter__review__company__time_zone"): one
        When per zone in `zones`; NULL for a zone not among them."""

        def by_zone(index: int) -> Case:
            whens = [
                When(Q(**{zone_path: zone}), then=Value(self.of(zone)[index])) for zone in zones
            ]
            return Case(*whens, default=Value(None), output_field=DateField())

        return by_zone(0), by_zone(1)
