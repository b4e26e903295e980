"""The comment before and after one comment: in the order of its letter (read with the comment
itself, see `letter_neighbours`), of All comments as filtered, or of the user's My work."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Q, QuerySet, Subquery

from tracker.models import Comment

from .lists import open_assignments, work_order


@dataclass(frozen=True)
class Step:
    """A comment to walk to: its pk and its number in its letter."""

    pk: int
    number: int


def letter_neighbours() -> dict[str, Subquery]:
    """Annotations of a comment query: `previous_pk`, `previous_number`, `next_pk` and
    `next_number`, the comments before and after each in its letter's number order (None at
    either end), in the comment's own query (the unique (letter, number) index serves them)."""
    same_letter = Comment.objects.filter(letter=OuterRef("letter")).order_by()
    before = same_letter.filter(number__lt=OuterRef("number")).order_by("-number")
    after = same_letter.filter(number__gt=OuterRef("number")).order_by("number")
    return {
        "previous_pk": Subquery(before.values("pk")[:1]),
        "previous_number": Subquery(before.values("number")[:1]),
        "next_pk": Subquery(after.values("pk")[:1]),
        "next_number": Subquery(after.values("number")[:1]),
    }


def in_letter_order(comment: Comment) -> tuple[Step | None, Step | None]:
    """Previous and next from a comment annotated with `letter_neighbours`."""
    previous = Step(comment.previous_pk, comment.previous_number) if comment.previous_pk else None
    following = Step(comment.next_pk, comment.next_number) if comment.next_pk else None
    return previous, following


def in_list_order(comments: QuerySet[Comment], comment: Comment) -> tuple[Step | None, Step | None]:
    """Previous and next of `comment` among `comments` in All comments' order (letter, then
    number): two queries. The comment need not be among them (approved since the list was
    filtered for those in review): its place in that order is enough."""
    here = Q(letter_id=comment.letter_id)
    before = Q(letter_id__lt=comment.letter_id) | (here & Q(number__lt=comment.number))
    after = Q(letter_id__gt=comment.letter_id) | (here & Q(number__gt=comment.number))
    previous = comments.filter(before).order_by("-letter_id", "-number")
    following = comments.filter(after).order_by("letter_id", "number")
    return first_step(previous), first_step(following)


def first_step(comments: QuerySet[Comment]) -> Step | None:
    row = comments.values_list("pk", "number").first()
    return Step(*row) if row else None


def in_my_work_order(
    user: AbstractBaseUser, comment: Comment
) -> tuple[Step | None, Step | None] | None:
    """Previous and next among the comments of the user's open assignments, in My work's order
    (due date, letter, number): one query. None if the comment is not among them."""
    rows = {row.comment_id: row for row in open_assignments(user)}
    if comment.pk not in rows:
        return None
    walk = sorted(rows, key=work_order(rows).__getitem__)
    at = walk.index(comment.pk)
    step = [Step(pk, rows[pk].number) for pk in walk]
    return (step[at - 1] if at > 0 else None, step[at + 1] if at + 1 < len(step) else None)
