"""Sentence embeddings of staff comments, stored for the precedent ranking.

Our comments get theirs after their letter's import has committed: `import_letter` queues
`embed_letter_task` (`queue_letter_vectors`), so the person importing waits for the parse and
the inserts only. Until a comment's vector is stored, the ranking matches it by its words
alone (queries.precedents: rows without a vector are left out of the semantic list).
`backfill_vectors` fills in any comment still without one (ours and the library's), in
batches; `manage.py backfill_vectors` runs it.
"""

from django.db import transaction

from tracker.models import Comment, CommentLetter, CommentVector, LibraryComment
from tracker.parsing import embedding

from .rows import insert_rows

BATCH = 500


def queue_letter_vectors(letter: CommentLetter) -> None:
    """Embed the letter's comments in a task queued once the import commits. Without a broker
    (eager mode) the task runs at the commit, in the same process. A broker refusing the task
    loses nothing: the comments rank by their words until `backfill_vectors` embeds them."""
    from tracker.tasks import embed_letter_task

    letter_id = letter.pk
    transaction.on_commit(lambda: embed_letter_task.delay(letter_id), robust=True)


def store_letter_vectors(letter_id: int) -> int:
    """Embed the comments of letter `letter_id` that have no vector yet; returns how many.
    Safe to run twice: a second run finds them all embedded and embeds nothing."""
    comments = list(
        Comment.objects.filter(letter_id=letter_id, vector__isnull=True)
        .order_by("pk")
        .only("id", "headings", "text")
    )
    store_comment_vectors(comments)
    return len(comments)


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
