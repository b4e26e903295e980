"""Days the SEC closed besides federal holidays, and the response dates they move."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from tracker import clock
from tracker.enums import ReviewStatus
from tracker.models import CommentLetter, Extension, SecClosure

from .activity import record_activity
from .extensions import move_response_date


@transaction.atomic
def follow_closures(days: Iterable[date], *, actor: AbstractBaseUser | None = None) -> int:
    """Recount the response date of every letter of an open review whose window (from the day
    after it was received to its response date) spans one of `days`, closures just added or
    removed; each date that changes moves, with its tied assignments, and the letter's history
    says why. Letters whose date the staff extended keep it: the staff set it. How many moved."""
    days = sorted(set(days))
    if not days:
        return 0
    spans = Q()
    for day in days:
        spans |= Q(received_on__lt=day, response_due_on__gte=day)
    letters = (
        CommentLetter.objects.select_for_update(of=("self",))
        .filter(spans, review__status=ReviewStatus.OPEN, response_due_on__isnull=False)
        .exclude(Exists(Extension.objects.filter(letter=OuterRef("pk"))))
        .select_related("review__company")
    )
    closed = clock.sec_closures()
    reasons = dict(SecClosure.objects.filter(day__in=days).values_list("day", "reason"))
    moved = 0
    for letter in letters:
        new = clock.response_date(letter.received_on, letter.response_window_business_days, closed)
        if new != letter.response_due_on:
            record_move(letter, new, days, reasons, actor)
            moved += 1
    return moved


def record_move(letter, new: date, days: list[date], reasons: dict, actor) -> None:
    previous = letter.response_due_on
    assignments = move_response_date(letter, new)
    spanned = [day for day in days if letter.received_on < day <= max(previous, new)]
    why = "; ".join(
        f"the SEC closed on {day:%B %-d, %Y} ({reasons[day]})"
        if day in reasons
        else f"{day:%B %-d, %Y} is a business day again"
        for day in spanned
    )
    record_activity(
        letter.review.company,
        actor,
        "response_date_recounted",
        letter,
        f"Response date moved from {previous:%B %-d, %Y} to {new:%B %-d, %Y}: {why}",
        previous_due_on=previous.isoformat(),
        new_due_on=new.isoformat(),
        assignments_moved=assignments,
    )


@transaction.atomic
def save_closure(
    closure: SecClosure, *, previous_day: date | None, actor: AbstractBaseUser | None
) -> int:
    """Save a closure (new, or its day or reason changed from `previous_day`) and move the
    response dates it changes. How many letters moved."""
    closure.save()
    return follow_closures({closure.day, previous_day} - {None}, actor=actor)


@transaction.atomic
def remove_closures(closures: Iterable[SecClosure], *, actor: AbstractBaseUser | None) -> int:
    """Delete closures (the SEC was open after all) and move the response dates back."""
    days = [closure.day for closure in closures]
    SecClosure.objects.filter(day__in=days).delete()
    return follow_closures(days, actor=actor)
