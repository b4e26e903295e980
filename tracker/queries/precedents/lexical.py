"""Full-text matching of the library's comments (heading, comment, answer): PostgreSQL's tsvector
column `search` with its GIN index, or SQLite's FTS5 table (migration 0015).

Two kinds of query:
- a search (`matching`): every word and "phrase" typed, none of the -words; a queryset, so the
  search page adds its filters and orders by `rank`;
- a comment used as a query (`similar`): any of its words, the rarest weighing most. On
  PostgreSQL only its RARE_TERMS rarest words are searched for, within ROW_BUDGET (ts_rank over
  an OR of a hundred common words reads most of the library); their document counts come from
  ts_stat, loaded once per library version.
"""

import threading
from collections.abc import Callable

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from tracker.models import LibraryComment
from tracker.parsing.search_text import SearchText, content_words, fts5_any, fts5_expression

RARE_TERMS = 12
MATCH_BUDGET = 3_000
# A comment used as a query reads at most about this many library rows on PostgreSQL: its
# rarest words are taken while the comments holding them add up to no more (one word at least),
# so the time of ts_rank stays bounded however large the library or common its words.
ROW_BUDGET = 4_000
# ts_rank's normalisation 1 divides by 1 + log(length): long comments do not win by length.
# The matches are unqualified: a budget subquery names the table by an alias of its own.
PG_MATCH = "search @@ {query}"
PG_RANK = "ts_rank(tracker_librarycomment.search, {query}, 1)"
FTS_MATCH = (
    "id IN (SELECT rowid FROM tracker_librarycomment_fts WHERE tracker_librarycomment_fts MATCH %s)"
)
# bm25 is lower for better matches; weights: headings 4, comment 2, answer 1.
FTS_RANK = (
    "(SELECT -bm25(tracker_librarycomment_fts, 4.0, 2.0, 1.0) FROM tracker_librarycomment_fts "
    "WHERE tracker_librarycomment_fts MATCH %s AND rowid = tracker_librarycomment.id)"
)

TERM_COUNTS = "SELECT word, ndoc FROM ts_stat('SELECT search FROM tracker_librarycomment')"

_frequencies: tuple[tuple[int, int], dict[str, int]] | None = None
_lock = threading.Lock()


def matching(
    parsed: SearchText, raw_text: str, narrow: Callable[[QuerySet], QuerySet] = lambda rows: rows
) -> QuerySet[LibraryComment]:
    """The library comments holding the search, annotated with `rank` (higher is better).

    Only the first MATCH_BUDGET matches that pass `narrow` (the page's filters) are ranked:
    ranking reads each match's whole text vector, and two common words match a tenth of a
    large library (22,000 of 200,000 comments: 160 ms to rank them all on PostgreSQL, 45 ms to
    rank 3,000). A search that matches more is narrowed by its filters or by more words."""
    if connection.vendor == "postgresql":
        query = "websearch_to_tsquery('english', %s)"
        match, rank, param = PG_MATCH.format(query=query), PG_RANK.format(query=query), raw_text
    else:
        match, rank, param = FTS_MATCH, FTS_RANK, fts5_expression(parsed)
    # The SQL is this module's constants; what was typed only ever goes in as a parameter.
    matched = LibraryComment.objects.filter(RawSQL(match, [param], output_field=BooleanField()))  # noqa: S611
    budget = narrow(matched).order_by().values("id")[:MATCH_BUDGET]
    ranked = RawSQL(rank, [param], output_field=FloatField())  # noqa: S611
    return LibraryComment.objects.filter(id__in=budget).annotate(rank=ranked)


def similar(
    text: str, limit: int, key: tuple[int, int], exclude: frozenset[int] = frozenset()
) -> list[tuple[int, float]]:
    """The library comments sharing the most (and rarest) words with `text`, less the pks
    `exclude`: [(pk, rank)], best first. `key` is the library's version
    (semantic.library_key())."""
    if connection.vendor == "postgresql":
        terms = _rare_lexemes(text, key, len(exclude))
        if not terms:
            return []
        query = "to_tsquery('simple', %s)"
        expression = " | ".join("'" + term.replace("'", "''") + "'" for term in terms)
        rows = _annotated(PG_MATCH.format(query=query), PG_RANK.format(query=query), expression)
    else:
        words = content_words(text)
        if not words:
            return []
        rows = _annotated(FTS_MATCH, FTS_RANK, fts5_any(words))
    rows = rows.exclude(pk__in=exclude) if exclude else rows
    return list(rows.order_by("-rank", "id").values_list("id", "rank")[:limit])


def _annotated(match: str, rank: str, param: str) -> QuerySet[LibraryComment]:
    # The SQL is this module's constants; what was typed only ever goes in as a parameter.
    matched = RawSQL(match, [param], output_field=BooleanField())  # noqa: S611
    ranked = RawSQL(rank, [param], output_field=FloatField())  # noqa: S611
    return LibraryComment.objects.filter(matched).annotate(rank=ranked)


def _rare_lexemes(text: str, key: tuple[int, int], excluded: int = 0) -> list[str]:
    """The RARE_TERMS lexemes of `text` found in the fewest library comments; a lexeme in no
    more comments than are `excluded` may be in those alone, and would find nothing."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('english', %s))", [text])
        lexemes = cursor.fetchone()[0] or []
    counts = document_frequencies(key)
    known = [lexeme for lexeme in lexemes if counts.get(lexeme, 0) > excluded]
    chosen, rows = [], 0
    for lexeme in sorted(known, key=lambda lexeme: (counts[lexeme], lexeme))[:RARE_TERMS]:
        if chosen and rows + counts[lexeme] > ROW_BUDGET:
            break
        chosen.append(lexeme)
        rows += counts[lexeme]
    return chosen


def document_frequencies(key: tuple[int, int]) -> dict[str, int]:
    """lexeme -> the number of library comments holding it (PostgreSQL), for library version
    `key`; read with ts_stat once per version."""
    global _frequencies
    if _frequencies is None or _frequencies[0] != key:
        with _lock:
            if _frequencies is None or _frequencies[0] != key:
                with connection.cursor() as cursor:
                    cursor.execute(TERM_COUNTS)
                    _frequencies = (key, dict(cursor.fetchall()))
    return _frequencies[1]
