"""Precedents: staff comments like a given one, from the firm's own past reviews and the library.

- similar_to(comment, user, limit=5) -> list[Precedent]: the staff comments most like `comment`
  (never itself nor its letter's), from the public library and from reviews of companies `user`
  may see.
- similar_to_text(text, user=None, limit=5) -> list[Precedent]: the same for typed text (the
  library only without a user).
- search(user, criteria, page=1) -> SearchPage: comments and responses, ours and the library's.

Ranking fuses two lists by reciprocal rank (fusion.py): the lexical one (lexical.py for the
library, ours.py for the firm's own) and the semantic one (embedding cosine, semantic.py).
"""

import datetime as dt
from dataclasses import dataclass, field

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
    # What the answer is: the response filed with the staff (the library's), or one of ours,
    # approved or still a draft; a draft is never shown as if it had been sent.
    answer_label: str = "The response filed"


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


from .ranking import similar_to, similar_to_text  # noqa: E402
from .search import search  # noqa: E402

__all__ = [
    "LIBRARY",
    "OURS",
    "Precedent",
    "SearchCriteria",
    "SearchHit",
    "SearchPage",
    "search",
    "similar_to",
    "similar_to_text",
]
