"""The morning digest and the deadline sweep: who is told what, built in a fixed number of queries.

Open work is an assignment on a comment whose response is not approved, in a review the staff
have not closed, held by an active user who is still a member of that company. The digest
counts it in SQL per person, letter and due date, so its cost does not grow with the comments.

Dates: today, "due soon" and "late" are the clock's (tracker.clock), in each company's own
time zone, as every page shows them.

Preferences decide the e-mail only: a person who turned the digest (or the immediate notices)
off still finds each message in the notification centre, so nothing is hidden from him.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from tracker import clock
from tracker.enums import AssignmentRole, NotificationKind, ResponseStatus, ReviewStatus
from tracker.models import Assignment, CommentLetter, Company, Membership
from tracker.permissions import APPROVING
from tracker.queries.team import OPEN_WORK

from . import notifications
from .notifications import Message

# The digest details the letters most pressing (late first, then by date) and counts the rest.
DIGEST_LETTERS = 10
# A response date that passed longer ago than this is old news, not a warning.
PASSED_WARNING_DAYS = 7
OPEN_RESPONSES = [s for s in ResponseStatus.values if s != ResponseStatus.APPROVED]
COMPANY_ZONE = "comment__letter__review__company__time_zone"  # from an assignment
OPEN_DUE = {"due": "due", "status": "comment__response__status"}
REVIEWING_ROLES = [AssignmentRole.REVIEWER, AssignmentRole.APPROVER]


def still_a_member() -> Exists:
    return Exists(
        Membership.objects.filter(
            user=OuterRef("user"), company=OuterRef("comment__letter__review__company")
        )
    )


def open_assignments() -> QuerySet[Assignment]:
    """Assignments on unapproved responses in open reviews, held by active current members."""
    return Assignment.objects.filter(still_a_member(), OPEN_WORK, user__is_active=True)


# --- the daily digest ---


@dataclass
class LetterWork:
    """One person's open work in one letter."""

    letter_id: int
    to_draft: int = 0
    to_review: int = 0
    due_soon: int = 0
    late: int = 0
    first_due: date | None = None
    heading: str = ""
    link: str = ""

    def lines(self) -> str:
        """The letter's two lines in the digest, built in Python: the digest template only
        places them, which keeps 500 digests over 100,000 comments within the sweep's budget."""
        parts = [f"{self.to_draft} to draft." if self.to_draft else ""]
        parts.append(f"{self.to_review} to review." if self.to_review else "")
        if self.first_due:
            parts.append(f"Due {long_date(self.first_due)}.")
        if self.late or self.due_soon:
            parts.append(f"LATE: {self.late}." if self.late else f"Due soon: {self.due_soon}.")
        return f"{self.heading}\n  {' '.join(part for part in parts if part)}\n  {self.link}"


@dataclass
class PersonWork:
    """One person's digest: the letters it details, most pressing first, and the totals of
    his open work in every letter (`letters` counts them all, detailed or not)."""

    shown: list[LetterWork] = field(default_factory=list)
    letters: int = 0
    to_draft: int = 0
    to_review: int = 0
    due_soon: int = 0
    late: int = 0

    @property
    def more(self) -> int:
        """The letters with work of his that the digest counts without detailing them."""
        return self.letters - len(self.shown)


def long_date(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


COUNTS = ("to_draft", "to_review", "due_soon", "late")


# Each person's letters, most pressing first (`MOST_PRESSING_FIRST`), his first DIGEST_LETTERS
# kept, each row carrying his totals over all his letters. The windows run over the grouped
# rows of `letter_counts`, so each count is computed once a letter, not again for each window
# that orders or sums by it.
MOST_PRESSING_FIRST = (
    "CASE WHEN late > 0 THEN 0 ELSE 1 END, CASE WHEN due_soon > 0 THEN 0 ELSE 1 END,"
    " first_due ASC NULLS LAST, letter_id"
)
# Only these constants and COUNTS' names go in the text; the values are parameters.
RANKED_SQL = (
    "SELECT * FROM (SELECT counted.*,"  # noqa: S608
    f" ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY {MOST_PRESSING_FIRST}) AS rank,"
    " COUNT(*) OVER each_person AS letters,"
    + ", ".join(f" SUM({name}) OVER each_person AS all_{name}" for name in COUNTS)
    + " FROM ({counts}) counted WINDOW each_person AS (PARTITION BY user_id)) ranked"
    " WHERE rank <= %s ORDER BY user_id, rank"
)


def work_by_user(days: clock.Days) -> dict[int, PersonWork]:
    """user id -> his digest, in one query: the database counts each person's work per letter,
    ranks his letters (late work first, then work due soon, then by first due date, letters
    without one last, then by letter id so that ties always fall the same way) and returns
    only his first DIGEST_LETTERS, each row carrying his totals over all his letters. At most
    DIGEST_LETTERS rows a person."""
    inner, params = letter_counts(days).query.sql_with_params()
    # The inner query is Django's own SQL for letter_counts; the values stay parameters.
    sql = RANKED_SQL.format(counts=inner)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, DIGEST_LETTERS])
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor]
    work: dict[int, PersonWork] = {}
    for row in rows:
        if row["user_id"] not in work:
            work[row["user_id"]] = person_of(row)
        counts = {name: row[name] for name in COUNTS}
        letter = LetterWork(row["letter_id"], **counts, first_due=first_due_of(row))
        work[row["user_id"]].shown.append(letter)
    return work


def first_due_of(row: dict) -> date | None:
    """The row's first due date as a date: raw SQL leaves SQLite's as text."""
    due = row["first_due"]
    return date.fromisoformat(due) if isinstance(due, str) else due


def person_of(row: dict) -> PersonWork:
    # SUM of counts is numeric on PostgreSQL (a Decimal in Python): the digest shows integers.
    totals = {name: int(row[f"all_{name}"]) for name in COUNTS}
    return PersonWork(letters=row["letters"], **totals)


def letter_counts(days: clock.Days) -> QuerySet:
    """Open work grouped by person and letter: what to draft, to review, due soon and late,
    and the first due date (the assignment's date, else the letter's), as each company's
    time zone counts days."""
    today, soon = company_days(days)
    due = Coalesce("due_on", "comment__letter__response_due_on")
    to_draft = Q(role=AssignmentRole.DRAFTER) & ~Q(
        comment__response__status=ResponseStatus.IN_REVIEW
    )
    to_review = Q(role__in=REVIEWING_ROLES, comment__response__status=ResponseStatus.IN_REVIEW)
    return (
        open_assignments()
        .annotate(due=due, today=today, soon=soon, letter_id=F("comment__letter_id"))
        .values("user_id", "letter_id")
        .annotate(
            to_draft=Count("id", filter=to_draft),
            to_review=Count("id", filter=to_review),
            due_soon=Count("id", filter=clock.due_soon(F("today"), F("soon"), **OPEN_DUE)),
            late=Count("id", filter=clock.late(F("today"), **OPEN_DUE)),
            first_due=Min("due"),
        )
        .order_by()
    )


def company_days(days: clock.Days) -> tuple[Case, Case]:
    """Today and the last day still "due soon" per assignment, as its company's time zone has
    them (`days`: the clock's, for one run)."""
    zones = Company.objects.filter(reviews__status=ReviewStatus.OPEN).values_list(
        "time_zone", flat=True
    )
    return days.in_sql(set(zones), COMPANY_ZONE)


def attach_letters(items: list[LetterWork]) -> None:
    """Each shown letter's heading and link, worked out once however many people it concerns."""
    letter_ids = {item.letter_id for item in items}
    letters = (
        CommentLetter.objects.select_related("review__company")
        .only("id", "letter_date", "round", "review__company__name")
        .in_bulk(letter_ids)
    )
    texts = {
        pk: (
            f"{letter.review.company}: {letter} (round {letter.round})",
            notifications.absolute(reverse("letter", args=[pk])),
        )
        for pk, letter in letters.items()
    }
    for item in items:
        item.heading, item.link = texts[item.letter_id]


def daily_digests(on: date | None = None, *, dry_run: bool = False) -> list[Message]:
    """Claim one digest for everyone with open work, and queue the e-mails; returns the
    messages claimed (or, with `dry_run`, those that would be). Nothing on a weekend or a
    federal holiday, unless a date is given."""
    day = on or clock.sec_today()
    days = clock.Days(on=on)
    if on is None and not days.is_business_day(day):
        return []
    work = work_by_user(days)
    users = active_users(work.keys())
    preferences = notifications.preferences_of(users)
    attach_letters([item for user_id in users for item in work[user_id].shown])
    render = notifications.mail_renderer("digest")
    messages = [
        digest_message(users[user_id], work[user_id], day, preferences[user_id], render)
        for user_id in sorted(users)
    ]
    return claim_and_queue(messages, dry_run=dry_run)


def active_users(user_ids) -> dict:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=list(user_ids), is_active=True)
    return {user.pk: user for user in users.only("id", "username", "email", "first_name")}


def digest_message(user, work: PersonWork, day: date, preferences, render) -> Message:
    """One person's digest. The texts the template places are built here (the day's date once
    a sweep, each letter's lines in `LetterWork.lines`): a sweep renders it for every person."""
    context = {"user": user, "more": work.more, "link": notifications.absolute("")}
    context |= day_texts(day)
    context["letter_lines"] = "".join(f"\n{item.lines()}\n" for item in work.shown)
    context |= {name: getattr(work, name) for name in COUNTS}
    subject, body = render(context)
    return Message(
        recipient_id=user.pk,
        kind=NotificationKind.DIGEST,
        subject_key=f"user:{user.pk}",
        day=day,
        subject=subject,
        body=body,
        link=reverse("notifications"),
        by_email=bool(user.email) and preferences.wants_email(NotificationKind.DIGEST),
    )


@cache
def day_texts(day: date) -> dict[str, str]:
    """The digest's day as its subject ("Wednesday, March 10") and its body ("Wednesday,
    March 10, 2010") name it."""
    return {"short_day": f"{day:%A, %B} {day.day}", "long_day": long_date(day)}


def claim_and_queue(messages: list[Message], *, dry_run: bool, present=None) -> list[Message]:
    """Claim the messages, re-claim recent failures and queue every unsent e-mail: a sweep
    also picks up what an earlier run failed to send or to queue. `present`: the keys already
    claimed, when the caller looked them up."""
    if dry_run:
        if present is None:
            present = notifications.keys_present([message.key for message in messages])
        return [message for message in messages if message.key not in present]
    with transaction.atomic():
        claimed = notifications.claim(messages, present)
        notifications.sweep_unsent()
    return claimed


# --- the deadline sweep ---


WARNING_FIELDS = [
    "letter_date",
    "round",
    "response_due_on",
    "review__company__name",
    "review__company__time_zone",
]


def letters_near_their_date(on: date | None) -> list[CommentLetter]:
    """Letters of open reviews with unapproved responses whose response date is near or
    recently passed, each annotated with `open_count`."""
    # Wide enough for every time zone's today: each letter is then judged in its own.
    latest = (on or clock.sec_today()) + timedelta(days=10)
    earliest = (on or clock.sec_today()) - timedelta(days=PASSED_WARNING_DAYS + 1)
    open_comments = Q(comments__response__status__in=OPEN_RESPONSES)
    return list(
        CommentLetter.objects.filter(
            review__status=ReviewStatus.OPEN,
            response_due_on__range=(earliest, latest),
        )
        .annotate(open_count=Count("comments", filter=open_comments))
        .filter(open_count__gt=0)
        .select_related("review__company")
        # Only what a warning shows: the letter's full text would be grouped and sorted too.
        .only(*WARNING_FIELDS)
    )


def deadline_kind(letter: CommentLetter, days: clock.Days) -> str | None:
    """Which warning the letter's response date calls for on its company's today (the letter
    has open responses: `letters_near_their_date`)."""
    today = days.today(letter.review.company.time_zone)
    due = letter.response_due_on
    if clock.has_passed(due, today):
        recent = today - due <= timedelta(days=PASSED_WARNING_DAYS)
        return NotificationKind.DEADLINE_PASSED if recent else None
    if clock.falls_due_soon(due, *days.of(letter.review.company.time_zone)):
        return NotificationKind.DEADLINE_NEAR
    return None


def review_owners(letters: list[CommentLetter]) -> dict[int, set[int]]:
    """letter id -> the people who own its review: the company's approvers, and whoever
    reviews or approves one of its open responses. Two queries."""
    approvers = Membership.objects.filter(
        company__in={letter.review.company_id for letter in letters},
        role__in=APPROVING,
        user__is_active=True,
    ).values_list("company_id", "user_id")
    by_company: dict[int, set[int]] = defaultdict(set)
    for company_id, user_id in approvers:
        by_company[company_id].add(user_id)
    owners = {letter.pk: set(by_company[letter.review.company_id]) for letter in letters}
    reviewers = open_assignments().filter(
        comment__letter__in=[letter.pk for letter in letters], role__in=REVIEWING_ROLES
    )
    pairs = reviewers.values_list("comment__letter_id", "user_id").distinct()
    # Without order_by() the default ordering's columns would join the DISTINCT.
    for letter_id, user_id in pairs.order_by():
        owners[letter_id].add(user_id)
    return owners


def deadline_sweep(on: date | None = None, *, dry_run: bool = False) -> list[Message]:
    """Warn the owners of each letter whose response date is near, and again once it passed.

    Each warning is keyed by the letter and its response date: sent once, however often the
    sweep runs, and again only if the date moves. Also re-queues failed and unsent e-mail."""
    days = clock.Days(on=on)
    near = letters_near_their_date(on)
    warnings = [(letter, deadline_kind(letter, days)) for letter in near]
    to_warn = recipients_of([(letter, kind) for letter, kind in warnings if kind])
    # An hourly sweep finds most warnings claimed already: those are not rendered again.
    keys = {
        warning_key(user.pk, kind, letter) for letter, kind, people in to_warn for user in people
    }
    present = notifications.keys_present(keys)
    preferences = notifications.preferences_of({key[0] for key in keys})
    render = notifications.mail_renderer("deadline")
    messages = []
    for letter, kind, people in to_warn:
        new = [user for user in people if warning_key(user.pk, kind, letter) not in present]
        if new:
            messages += deadline_messages(letter, kind, new, preferences, render)
    return claim_and_queue(messages, dry_run=dry_run, present=present)


def recipients_of(
    warnings: list[tuple[CommentLetter, str]],
) -> list[tuple[CommentLetter, str, list]]:
    """Each (letter, kind) with the active owners it warns, by user id. Three queries."""
    owners = review_owners([letter for letter, _ in warnings])
    users = active_users({user_id for ids in owners.values() for user_id in ids})
    return [
        (
            letter,
            kind,
            [users[user_id] for user_id in sorted(owners[letter.pk]) if user_id in users],
        )
        for letter, kind in warnings
    ]


def warning_key(user_id: int, kind: str, letter: CommentLetter) -> notifications.Key:
    """A warning's claim key: per letter and response date, so a moved date warns again."""
    return (user_id, kind, f"letter:{letter.pk}", letter.response_due_on)


def deadline_messages(
    letter: CommentLetter, kind: str, users: list, preferences, render
) -> list[Message]:
    """One warning to each owner; the text is the same for all, so it is rendered once."""
    link = reverse("letter", args=[letter.pk])
    context = {"subject": warning_subject(letter, kind), "sentence": warning_sentence(letter, kind)}
    subject, body = render(context | {"letter": letter, "link": notifications.absolute(link)})
    return [
        Message(
            *warning_key(user.pk, kind, letter),
            subject=subject,
            body=body,
            link=link,
            by_email=bool(user.email) and preferences[user.pk].wants_email(kind),
            letter_id=letter.pk,
        )
        for user in users
    ]


def warning_subject(letter: CommentLetter, kind: str) -> str:
    """The warning's subject, built in Python as the digest's letter lines are: the templates
    only place the texts, which keeps hundreds of warnings within the sweep's budget."""
    passed = kind == NotificationKind.DEADLINE_PASSED
    due = letter.response_due_on
    what = "Response date passed" if passed else "Response date near"
    return f"{what}: {letter.review.company}, {letter} (due {due:%B} {due.day}, {due.year})"


def warning_sentence(letter: CommentLetter, kind: str) -> str:
    company, due = letter.review.company, long_date(letter.response_due_on)
    count = letter.open_count
    still = f"{count} response is" if count == 1 else f"{count} responses are"
    if kind == NotificationKind.DEADLINE_PASSED:
        return (
            f"The response date of {company}'s {letter} passed on {due}, and {still} still not "
            "approved. Consider asking the staff for more time."
        )
    return f"The response date of {company}'s {letter} is {due}, and {still} still not approved."
