"""Precedents: staff comments like a given one, from the firm's own past reviews and the library.

CONTRACT (the ranking replaces the body of these functions, never their shapes):
- similar_to(comment, user, limit=5) -> list[Precedent]: the staff comments most like `comment`
  (never itself), from the public library and from reviews of companies `user` may see.
- search(user, criteria, page=1) -> SearchPage: comments and responses, ours and the library's.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser

from tracker.models import Comment, LibraryComment

LIBRARY = "library"
OURS = "ours"


@dataclass(frozen=True)
class Precedent:
    """One staff comment offered as a precedent, with the answer to it and how it ended."""

    source: str  # LIBRARY or OURS
    pk: int  # a LibraryComment's pk (LIBRARY) or a Comment's pk (OURS)
    company: str
    letter_date: dt.date | None
    form_type: str
    heading: str
    number: int
    text: str
    answer: str  # "" when no answer is known
    outcome: str  # LibraryComment.CLOSED, FOLLOWED_UP or UNKNOWN
    outcome_label: str
    follow_up_pk: int | None = None  # the later comment of the same source that came back to it
    accession: str = ""  # the staff letter's EDGAR accession (LIBRARY only)
    score: float = 0.0


@dataclass(frozen=True)
class SearchCriteria:
    text: str = ""  # words and "quoted phrases"
    form_type: str = ""
    year: int | None = None
    company: str = ""
    heading: str = ""  # words the staff's heading holds
    request_type: str = ""
    source: str = ""  # "", LIBRARY or OURS


@dataclass(frozen=True)
class SearchHit:
    precedent: Precedent
    text_snippet: str = ""  # HTML: escaped text, matches in <mark>
    answer_snippet: str = ""


@dataclass
class SearchPage:
    hits: list[SearchHit] = field(default_factory=list)
    number: int = 1
    has_previous: bool = False
    has_next: bool = False


def _library_precedent(row: LibraryComment) -> Precedent:
    return Precedent(
        source=LIBRARY,
        pk=row.pk,
        company=row.company_name,
        letter_date=row.letter_date,
        form_type=row.form_type,
        heading=row.heading,
        number=row.number,
        text=row.text,
        answer=row.answer,
        outcome=row.outcome,
        outcome_label=row.get_outcome_display(),
        follow_up_pk=row.followed_up_by_id,
        accession=row.letter.accession,
    )


def similar_to(comment: Comment, user: AbstractBaseUser, limit: int = 5) -> list[Precedent]:
    """The staff comments most like `comment`, best first (at most `limit`)."""
    rows = LibraryComment.objects.select_related("letter")[:limit]
    return [_library_precedent(row) for row in rows]


def search(user: AbstractBaseUser, criteria: SearchCriteria, page: int = 1) -> SearchPage:
    """One page of comments and responses matching `criteria`, best first."""
    rows = LibraryComment.objects.select_related("letter").filter(text__icontains=criteria.text)
    return SearchPage(hits=[SearchHit(_library_precedent(row)) for row in rows[:20]], number=page)
