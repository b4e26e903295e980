"""Starting a response from a precedent: the answer a company gave to a comment like this one.

The answer is copied into a new revision through save_revision, so the same rules hold as for
typed text: only a preparer of the company writes, the text is cleaned the same way, and the new
revision goes on top of the latest one (an existing draft stays in the history). The revision and
its history entry say where the text came from.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from tracker.models import Comment, LibraryComment, Response, Revision
from tracker.permissions import visible_companies
from tracker.queries.precedents import LIBRARY, OURS

from .responses import ActionRefused, latest_revision, save_revision

NOT_FOUND = "That precedent is not in the library or in a review you may see."
NO_ANSWER = "No answer to that comment is known, so there is nothing to start from."


@dataclass(frozen=True)
class PrecedentAnswer:
    """The answer to copy, and where it came from, in the words the history shows."""

    text: str
    source: str


def long_date(day: dt.date | None) -> str:
    return f"{day:%B} {day.day}, {day.year}" if day else "an unknown date"


def library_answer(pk: int) -> PrecedentAnswer:
    """The library is public: anyone logged in may start from it."""
    row = LibraryComment.objects.select_related("letter").filter(pk=pk).first()
    if row is None:
        raise ActionRefused(NOT_FOUND)
    source = (
        f"Public library: {row.company_name}, staff letter of {long_date(row.letter_date)} "
        f"({row.letter.accession}), comment {row.number}"
    )
    return PrecedentAnswer(row.answer, source)


def our_answer(pk: int, actor: AbstractBaseUser) -> PrecedentAnswer:
    """Our own reviews: only those of companies the actor may see (others are as if absent),
    answered by the latest revision written there."""
    comment = (
        Comment.objects.select_related("letter__review__company", "response")
        .filter(letter__review__company__in=visible_companies(actor), pk=pk)
        .first()
    )
    if comment is None:
        raise ActionRefused(NOT_FOUND)
    latest = latest_revision(comment.response)
    source = (
        f"Our review: {comment.letter.review.company.name}, staff letter of "
        f"{long_date(comment.letter.letter_date)}, comment {comment.number}"
    )
    return PrecedentAnswer(latest.text if latest else "", source)


def precedent_answer(source: str, pk: int, actor: AbstractBaseUser) -> PrecedentAnswer:
    """The answer to the precedent (`source` LIBRARY or OURS, `pk` its comment's pk).
    Raises ActionRefused when the actor may not see it or it has no answer."""
    if source == LIBRARY:
        found = library_answer(pk)
    elif source == OURS:
        found = our_answer(pk, actor)
    else:
        raise ActionRefused(NOT_FOUND)
    if not found.text.strip():
        raise ActionRefused(NO_ANSWER)
    return found


def start_from_precedent(
    response: Response,
    source: str,
    pk: int,
    *,
    actor: AbstractBaseUser,
    replacing: int | None = None,
) -> Revision:
    """Copy a precedent's answer into a new revision of `response`, on top of its latest one.

    Returns the new revision (or the latest, if it already holds that text). Raises
    ActionRefused when the actor may not draft this response or see the precedent, or when the
    precedent has no answer, and DraftOfAnother (see save_revision) unless `replacing` confirms.
    """
    found = precedent_answer(source, pk, actor)
    latest = latest_revision(response)
    return save_revision(
        response,
        found.text,
        author=actor,
        based_on=latest.number if latest else None,
        source=found.source,
        replacing=replacing,
    )
