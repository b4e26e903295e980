"""Recording that the staff granted more time to answer a letter."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker import clock, permissions
from tracker.enums import ResponseStatus
from tracker.models import Assignment, CommentLetter, Extension

from .activity import record_activity
from .responses import require


@transaction.atomic
def record_extension(
    letter: CommentLetter,
    *,
    new_due_on: date,
    granted_on: date,
    granted_by: str,
    asked_on: date | None = None,
    note: str = "",
    actor: AbstractBaseUser,
) -> Extension:
    """Move the letter's response date to `new_due_on`, keeping the date it replaces.

    Reminders, late counts and My work follow the new date at once (they read the letter's
    date); so do the open assignments whose own date was the old response date (an internal
    date set earlier stays: it is the team's, not the staff's). The deadline warnings already
    sent for the old date are keyed by it and are not sent again.

    Raises ActionRefused (nothing saved) for a role that may not record it, a date not later
    than the one in force, or dates out of order."""
    letter = (
        CommentLetter.objects.select_for_update(of=("self",))
        .select_related("review__company")
        .get(pk=letter.pk)
    )
    company = letter.review.company
    require(
        permissions.can_record_extension(permissions.role_in(actor, company)),
        "Only a preparer, reviewer or approver of the company can record an extension.",
    )
    previous = letter.response_due_on
    if previous is not None:
        require(
            new_due_on > previous,
            f"The new response date must be later than the one in force, {previous:%B %-d, %Y}.",
        )
    require(
        asked_on is None or asked_on <= granted_on,
        "An extension is granted on or after the day it was asked for.",
    )
    require(
        granted_on <= clock.company_today(company),
        "The day the staff granted the extension cannot be in the future.",
    )
    extension = Extension.objects.create(
        letter=letter,
        asked_on=asked_on,
        granted_on=granted_on,
        granted_by=granted_by,
        previous_due_on=previous or new_due_on,
        new_due_on=new_due_on,
        note=note,
        recorded_by=actor,
    )
    moved = move_response_date(letter, new_due_on)
    before = f"{previous:%B %-d, %Y}" if previous else "no date"
    record_activity(
        company,
        actor,
        "extension_recorded",
        letter,
        f"Response date extended from {before} to {new_due_on:%B %-d, %Y}, "
        f"granted by {granted_by} on {granted_on:%B %-d, %Y}",
        extension=extension.pk,
        previous_due_on=previous.isoformat() if previous else None,
        new_due_on=new_due_on.isoformat(),
        assignments_moved=moved,
    )
    return extension


def move_response_date(letter: CommentLetter, new_due_on: date) -> int:
    """Give the letter (locked by the caller) a new response date; the open assignments whose
    own date was the old one follow it. How many assignments moved."""
    previous = letter.response_due_on
    letter.response_due_on = new_due_on
    letter.save(update_fields=["response_due_on"])
    if previous is None:
        return 0
    return (
        Assignment.objects.filter(comment__letter=letter, due_on=previous)
        .exclude(comment__response__status=ResponseStatus.APPROVED)
        .update(due_on=new_due_on)
    )
