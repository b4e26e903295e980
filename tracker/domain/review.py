"""Approving, in one action, every response of a letter that is ready for this approver.

Each approval is still recorded one by one, with its revision, by `record_decision`, which
checks every rule again (separation of duties, the letter's sign-offs, a newer revision saved
meanwhile); a response it refuses is skipped with the reason and the others go through.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker import queries
from tracker.enums import Decision, ResponseStatus
from tracker.models import Comment, CommentLetter

from .responses import ActionRefused, record_decision
from .sign_offs import why_not_ready


@dataclass
class ReadyList:
    """A letter's responses in review, split for one approver: `ready` as (comment, revision
    number) pairs, `skipped` as (comment, why not) pairs, both in the order of the letter."""

    ready: list[tuple[Comment, int]] = field(default_factory=list)
    skipped: list[tuple[Comment, str]] = field(default_factory=list)


def ready_for(letter: CommentLetter, approver: AbstractBaseUser) -> ReadyList:
    """Which of the letter's responses in review this approver may approve now, and why not
    the others (see sign_offs.why_not_ready). Responses not in review are left out."""
    split = ReadyList()
    required = letter.required_sign_offs
    for comment in queries.comments_to_review(letter):
        revision = next(iter(comment.response.latest), None)
        reason = why_not_ready(comment.response.status, revision, required, approver.pk)
        if not reason:
            split.ready.append((comment, revision.number))
        elif revision is not None and comment.response.status == ResponseStatus.IN_REVIEW:
            split.skipped.append((comment, reason))
    return split


@dataclass
class BatchOutcome:
    """What an "approve all that are ready" did: the comments approved, and those skipped
    with the reason (in the order of the letter)."""

    approved: list[Comment] = field(default_factory=list)
    skipped: list[tuple[Comment, str]] = field(default_factory=list)


def approve_ready(
    letter: CommentLetter, approver: AbstractBaseUser, chosen: dict[int, int]
) -> BatchOutcome:
    """Approve the responses the approver confirmed: `chosen` maps a response's pk to the
    revision number he was shown. Each is approved in a transaction of its own through
    `record_decision`, if it is still ready at that revision; one refused never undoes
    another. Responses of other letters in `chosen` are ignored."""
    outcome = BatchOutcome()
    now = ready_for(letter, approver)
    outcome.skipped = [(c, why) for c, why in now.skipped if c.response.pk in chosen]
    for comment, _shown in now.ready:
        if comment.response.pk not in chosen:
            continue
        try:
            with transaction.atomic():
                record_decision(
                    comment.response,
                    Decision.APPROVED,
                    actor=approver,
                    revision_number=chosen[comment.response.pk],
                )
        except ActionRefused as refusal:
            outcome.skipped.append((comment, str(refusal)))
        else:
            outcome.approved.append(comment)
    outcome.skipped.sort(key=lambda pair: pair[0].number)
    return outcome
