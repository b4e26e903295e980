"""A letter's comments as its review page reads them: each with its response's latest revision
and that revision's decisions, in the order of the letter, in a fixed number of queries."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from tracker.models import Approval, Comment, CommentLetter, Revision
from tracker.permissions import role_expression, visible_companies

from .letters import assignments_in_role_order


def letter_to_review(user: AbstractBaseUser, pk: int) -> CommentLetter:
    """The letter with its review and company, and `user_role` (the user's role in its company,
    None for a superuser outside it), if the user may see it; a 404 otherwise."""
    letters = (
        CommentLetter.objects.filter(review__company__in=visible_companies(user))
        .select_related("review__company")
        .annotate(user_role=role_expression(user, "review__company"))
    )
    return get_object_or_404(letters, pk=pk)


def latest_revisions() -> QuerySet[Revision]:
    """Each response's latest revision only (a long history is not read), with its author."""
    newest = Revision.objects.filter(response=OuterRef("response")).order_by("-number")
    return Revision.objects.filter(number=Subquery(newest.values("number")[:1])).select_related(
        "author"
    )


def comments_to_review(letter: CommentLetter, pks: list[int] | None = None) -> list[Comment]:
    """The letter's comments (or those of `pks` among them) in number order, each with its
    response, assignments, and `response.latest` (a list of at most one revision) whose
    `approvals` are prefetched with their deciders: four queries, however many comments."""
    comments = letter.comments.select_related("response").order_by("number")
    if pks is not None:
        comments = comments.filter(pk__in=pks)
    return list(
        comments.prefetch_related(
            Prefetch("assignments", queryset=assignments_in_role_order()),
            Prefetch("response__revisions", queryset=latest_revisions(), to_attr="latest"),
            Prefetch(
                "response__latest__approvals",
                queryset=Approval.objects.select_related("approver").order_by("decided_at", "pk"),
            ),
        )
    )
