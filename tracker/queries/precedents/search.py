"""The precedent search page: staff comments and answers, the library's and ours, with filters.

A search with words reads at most RESULTS matches of each source (the best by the database's own
text rank), orders them by fusing that rank with the embedding's (fusion.py) and cuts pages of
PAGE_SIZE. A search with filters only lists the newest letters first. Either way a page costs
the same four queries whatever it holds: the library's version, the library's matches, our
comments, the page's library rows.
"""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from tracker.models import Comment, LibraryComment
from tracker.parsing import embedding
from tracker.parsing.search_text import SearchText, matches, parse_search, snippet
from tracker.queries.lists import with_request_type

from . import LIBRARY, OURS, SearchCriteria, SearchHit, SearchPage, lexical, ours, semantic
from .build import precedents
from .fusion import LEXICAL_WEIGHT, SEMANTIC_WEIGHT, fuse, interleave

PAGE_SIZE = 20
RESULTS = 500
_OLDEST = dt.date.min


def search(user: AbstractBaseUser, criteria: SearchCriteria, page: int = 1) -> SearchPage:
    """One page (from 1) of comments matching `criteria`, best first; a page past the end is
    empty. Words match in the heading, the comment or its answer."""
    parsed = parse_search(criteria.text)
    page = max(1, page)
    matrix = semantic.library_matrix()
    library = _library_keys(criteria, parsed) if criteria.source in ("", LIBRARY) else []
    candidates = _our_rows(user, criteria, parsed) if criteria.source in ("", OURS) else []
    order = _order(criteria, parsed, matrix, library, candidates)
    chosen = order[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ours_by_pk = {row.comment.pk: row for row in candidates}
    found = precedents([(key, 0.0) for key in chosen], ours_by_pk)
    stems = parsed.marked_stems()
    hits = [SearchHit(p, snippet(p.text, stems), snippet(p.answer, stems)) for p in found]
    return SearchPage(hits, page, page > 1, len(order) > page * PAGE_SIZE)


def _library_keys(criteria: SearchCriteria, parsed: SearchText) -> list[tuple[int, object]]:
    """[(pk, rank or date)] of the library's matches, best (or newest) first."""
    if parsed.empty:
        rows = LibraryComment.objects.order_by("-letter_date", "-id")
        return list(_filtered(rows, criteria).values_list("id", "letter_date")[:RESULTS])
    rows = lexical.matching(parsed, criteria.text, lambda rows: _filtered(rows, criteria))
    return list(rows.order_by("-rank", "id").values_list("id", "rank")[:RESULTS])


def _filtered(rows: QuerySet, criteria: SearchCriteria, prefix: str = "") -> QuerySet:
    """The criteria's filters; `prefix` reaches the library's copied fields from our comments."""
    names = _OUR_FIELDS if prefix else _LIBRARY_FIELDS
    wanted = {
        names["form_type"] + "__iexact": criteria.form_type,
        names["year"] + "__year": criteria.year,
        names["company"] + "__icontains": criteria.company,
    }
    rows = rows.filter(**{key: value for key, value in wanted.items() if value})
    for word in criteria.heading.split():
        rows = rows.filter(Q(headings__icontains=word))
    return with_request_type(rows, criteria.request_type) if criteria.request_type else rows


_LIBRARY_FIELDS = {"form_type": "form_type", "year": "letter_date", "company": "company_name"}
_OUR_FIELDS = {
    "form_type": "form_type",
    "year": "letter__letter_date",
    "company": "letter__review__company__name",
}


def _our_rows(
    user: AbstractBaseUser, criteria: SearchCriteria, parsed: SearchText
) -> list[ours.OurRow]:
    comments: QuerySet[Comment] = _filtered(ours.our_comments(user), criteria, prefix="ours")
    found = ours.rows(comments.order_by("-letter__letter_date", "-pk")[: RESULTS * 4])
    if parsed.empty:
        return found
    return [row for row in found if matches(parsed, row.document)][:RESULTS]


def _order(criteria, parsed, matrix, library, candidates) -> list[tuple[str, int]]:
    """All the results' keys in page order."""
    if parsed.empty:
        dated = [((LIBRARY, pk), day) for pk, day in library]
        dated += [((OURS, row.comment.pk), row.comment.letter.letter_date) for row in candidates]
        return [key for key, _ in sorted(dated, key=lambda pair: pair[1] or _OLDEST, reverse=True)]
    vector = embedding.embed([criteria.text])[0]
    by_cosine = semantic.scores_for(matrix, vector, [pk for pk, _ in library])
    cosines = [((LIBRARY, pk), score) for pk, score in by_cosine.items()]
    cosines += [
        ((OURS, row.comment.pk), s)
        for row, s in ours.semantic_ranking(vector, candidates, semantic.SIZE)
    ]
    lexical_list = interleave(
        [(LIBRARY, pk) for pk, _ in library],
        [(OURS, row.comment.pk) for row, _ in ours.lexical_ranking(criteria.text, candidates)]
        or [(OURS, row.comment.pk) for row in candidates],
    )
    semantic_list = [key for key, _ in sorted(cosines, key=lambda pair: -pair[1])]
    fused = fuse([lexical_list, semantic_list], [LEXICAL_WEIGHT, SEMANTIC_WEIGHT])
    return [key for key, _ in fused]
