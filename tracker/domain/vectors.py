"""Sentence embeddings of staff comments, stored for the precedent ranking.

Our comments get theirs when their letter is imported (`store_comment_vectors`, called by
domain.letters.import_letter); `backfill_vectors` fills in the comments imported before
(ours and the library's), in batches; `manage.py backfill_vectors` runs it.
"""

from django.db import transaction

from tracker.models import Comment, CommentVector, LibraryComment
from tracker.parsing import embedding

from .rows import insert_rows

BATCH = 500


def store_comment_vectors(comments: list[Comment]) -> None:
    """Embed `comments` and store each one's vector (a comment already holding one keeps it)."""
    if not comments:
        return
    vectors = embedding.embed([embedding.comment_text(c.headings, c.text) for c in comments])
    stored = embedding.rows_to_bytes(vectors)
    rows = [(comment.pk, data) for comment, data in zip(comments, stored, strict=True)]
    insert_rows(CommentVector, ("comment", "vector"), rows, ignore_conflicts=True)


def backfill_vectors(batch: int = BATCH) -> tuple[int, int]:
    """Vectors for every comment without one: (ours filled, library's filled)."""
    ours = 0
    while chunk := list(Comment.objects.filter(vector__isnull=True).order_by("pk")[:batch]):
        store_comment_vectors(chunk)
        ours += len(chunk)
    library = 0
    while chunk := list(LibraryComment.objects.filter(vector=b"").order_by("pk")[:batch]):
        vectors = embedding.embed([embedding.comment_text(c.headings, c.text) for c in chunk])
        for comment, data in zip(chunk, embedding.rows_to_bytes(vectors), strict=True):
            comment.vector = data
        with transaction.atomic():
            LibraryComment.objects.bulk_update(chunk, ["vector"])
        library += len(chunk)
    return ours, library
