"""What a person's calendar feed lists: his companies' response dates and his own assignments'
dates, for work not finished yet."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef

from tracker.enums import ResponseStatus, ReviewStatus
from tracker.models import CalendarFeed, CommentLetter, Response
from tracker.models.calendars import feed_digest
from tracker.permissions import visible_companies

from .lists import open_assignments_of


@dataclass(frozen=True)
class LetterDate:
    """A staff letter whose response is still owed, and the date it is due."""

    pk: int
    company: str
    letter_date: date
    due_on: date


@dataclass(frozen=True)
class AssignmentDate:
    """One of the person's own assignments that has a date of its own."""

    pk: int
    role: str
    comment_id: int
    number: int
    company: str
    letter_date: date
    due_on: date


def feed_owner(secret: str) -> AbstractBaseUser | None:
    """The active user whose calendar address holds this secret, else None."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(calendar_feed__secret_sha256=feed_digest(secret)).first()


def has_feed(user: AbstractBaseUser) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def letter_dates(user: AbstractBaseUser) -> list[LetterDate]:
    """Letters of the user's companies, in open reviews, with a response date and some
    response not approved yet: one query."""
    owed = Response.objects.filter(comment__letter=OuterRef("pk")).exclude(
        status=ResponseStatus.APPROVED
    )
    rows = (
        CommentLetter.objects.filter(
            Exists(owed),
            review__company__in=visible_companies(user),
            review__status=ReviewStatus.OPEN,
            response_due_on__isnull=False,
        )
        .order_by("response_due_on", "pk")
        .values_list("pk", "review__company__name", "letter_date", "response_due_on")
    )
    return [LetterDate(*row) for row in rows]


def assignment_dates(user: AbstractBaseUser) -> list[AssignmentDate]:
    """The user's own open assignments that carry a date of their own: one query."""
    rows = (
        open_assignments_of(user)
        .filter(due_on__isnull=False, comment__letter__review__status=ReviewStatus.OPEN)
        .order_by("due_on", "pk")
        .values_list(
            "pk",
            "role",
            "comment_id",
            "comment__number",
            "comment__letter__review__company__name",
            "comment__letter__letter_date",
            "due_on",
        )
    )
    return [AssignmentDate(*row) for row in rows]
