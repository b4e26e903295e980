"""The firm's own staff comments as precedents: only those of companies the user may see.

Their number is small (a firm's reviews, not EDGAR's), so they are read in one query and
matched and ranked in Python: the words of a search by search_text.matches, a comment used as
a query by shared rare words (bm25 over the firm's comments) and by embedding.
"""

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery

from tracker.enums import ResponseStatus, ReviewStatus
from tracker.models import Comment, Filing, LibraryComment, Revision
from tracker.parsing import embedding
from tracker.parsing.search_text import content_words, stem, words_of
from tracker.permissions import visible_companies

OUTCOME_LABELS = dict(LibraryComment.OUTCOMES)


@dataclass
class OurRow:
    """One of our comments with what ranking and the precedent need."""

    comment: Comment
    answer: str
    outcome: str
    follow_up_pk: int | None
    vector: np.ndarray | None
    answer_label: str = ""

    @property
    def document(self) -> str:
        return " ".join([*self.comment.headings, self.comment.text, self.answer])


def our_comments(user: AbstractBaseUser) -> QuerySet[Comment]:
    """The comments of the companies `user` may see, annotated for precedents (one query)."""
    latest = Revision.objects.filter(response__comment=OuterRef("pk")).order_by("-number")
    forms = Filing.objects.filter(reviews=OuterRef("letter__review")).order_by("filed_on", "pk")
    later = Comment.follows_up.through.objects.filter(to_comment=OuterRef("pk"))
    return (
        Comment.objects.filter(letter__review__company__in=visible_companies(user))
        .select_related("letter__review__company", "vector")
        .annotate(
            answer=Subquery(latest.values("text")[:1]),
            follow_up_pk=Subquery(later.order_by("from_comment_id").values("from_comment_id")[:1]),
            followed_up=Exists(later),
            closed=F("letter__review__status"),
            answer_status=F("response__status"),
            form_type=Subquery(forms.values("form_type")[:1]),
        )
    )


def rows(comments: QuerySet[Comment]) -> list[OurRow]:
    return [_row(comment) for comment in comments]


def _row(comment: Comment) -> OurRow:
    if comment.followed_up:
        outcome = LibraryComment.FOLLOWED_UP
    elif comment.closed == ReviewStatus.COMPLETE:
        outcome = LibraryComment.CLOSED
    else:
        outcome = LibraryComment.UNKNOWN
    stored = getattr(comment, "vector", None)
    vector = embedding.from_bytes(stored.vector) if stored is not None else None
    if vector is not None and vector.shape != (embedding.DIMENSIONS,):
        vector = None
    return OurRow(
        comment, comment.answer or "", outcome, comment.follow_up_pk, vector, _label(comment)
    )


def _label(comment: Comment) -> str:
    """What our latest revision is: approved, or a draft (never shown as if it had been sent)."""
    if comment.answer_status == ResponseStatus.APPROVED:
        return "Our approved response"
    status = ResponseStatus(comment.answer_status or ResponseStatus.DRAFTING).label.lower()
    return f"Our draft, not approved ({status})"


def lexical_ranking(text: str, candidates: list[OurRow]) -> list[tuple[OurRow, float]]:
    """Candidates sharing words with `text`, by bm25 over the candidates themselves, best first."""
    query = {stem(word) for word in content_words(text)}
    documents = [Counter(stem(word) for word in words_of(row.document)) for row in candidates]
    if not query or not documents:
        return []
    average = sum(sum(d.values()) for d in documents) / len(documents) or 1
    frequency = Counter(term for d in documents for term in query & d.keys())
    scored = []
    for row, counts in zip(candidates, documents, strict=True):
        score = sum(
            _bm25(counts[term], sum(counts.values()) / average, frequency[term], len(documents))
            for term in query & counts.keys()
        )
        if score > 0:
            scored.append((row, score))
    return sorted(scored, key=lambda pair: -pair[1])


def _bm25(count: int, relative_length: float, holding: int, total: int) -> float:
    idf = math.log(1 + (total - holding + 0.5) / (holding + 0.5))
    return idf * count * 2.2 / (count + 1.2 * (0.25 + 0.75 * relative_length))


def semantic_ranking(
    vector: np.ndarray, candidates: list[OurRow], size: int
) -> list[tuple[OurRow, float]]:
    """Candidates by cosine with `vector` over the first `size` dimensions (as the library's
    matrix), best first; those without a vector are left out."""
    with_vectors = [row for row in candidates if row.vector is not None]
    if not with_vectors:
        return []
    matrix = embedding.truncate(np.vstack([row.vector for row in with_vectors]), size)
    scores = matrix @ embedding.truncate(vector[None, :], size)[0]
    return sorted(zip(with_vectors, scores.tolist(), strict=True), key=lambda pair: -pair[1])
