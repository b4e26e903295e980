"""Precedents made from library rows and from our comments."""

from tracker.models import LibraryComment

from . import LIBRARY, OURS, Precedent
from .ours import OUTCOME_LABELS, OurRow


def library_rows(pks: list[int]) -> dict[int, LibraryComment]:
    """The library comments `pks` with their letters (one query), by pk."""
    rows = LibraryComment.objects.select_related("letter").filter(pk__in=pks)
    return {row.pk: row for row in rows}


def library_precedent(row: LibraryComment, score: float = 0.0) -> Precedent:
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
        score=round(score, 5),
    )


def our_precedent(row: OurRow, score: float = 0.0) -> Precedent:
    comment = row.comment
    return Precedent(
        source=OURS,
        pk=comment.pk,
        company=comment.letter.review.company.name,
        letter_date=comment.letter.letter_date,
        form_type=comment.form_type or "",
        heading=comment.heading,
        number=comment.number,
        text=comment.text,
        answer=row.answer,
        outcome=row.outcome,
        outcome_label=OUTCOME_LABELS[row.outcome],
        follow_up_pk=row.follow_up_pk,
        score=round(score, 5),
        answer_label=row.answer_label,
    )


def precedents(
    keys: list[tuple[tuple[str, int], float]], ours_by_pk: dict[int, OurRow]
) -> list[Precedent]:
    """Precedents for [((source, pk), score)], in that order; the library's rows in one query."""
    rows = library_rows([pk for (source, pk), _ in keys if source == LIBRARY])
    return [
        library_precedent(rows[pk], score)
        if source == LIBRARY
        else our_precedent(ours_by_pk[pk], score)
        for (source, pk), score in keys
    ]
