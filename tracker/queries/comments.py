"""One comment with everything its page shows, and its activity."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404

from tracker.enums import ResponseStatus
from tracker.models import (
    Activity,
    Approval,
    Comment,
    Note,
    Response,
    Revision,
    SectionLink,
)
from tracker.permissions import visible_companies

from .letters import assignments_in_role_order


def comment_for(user: AbstractBaseUser, pk: int) -> Comment:
    """The comment with all its page needs, if the user may see it; a 404 otherwise."""
    comments = Comment.objects.select_related(
        "letter__review__company", "response"
    ).prefetch_related(
        Prefetch("section_links", queryset=SectionLink.objects.select_related("section")),
        Prefetch("follows_up", queryset=prior_comments()),
        Prefetch("assignments", queryset=assignments_in_role_order()),
        Prefetch(
            "response__revisions",
            queryset=Revision.objects.select_related("author").order_by("-number"),
        ),
        Prefetch(
            "response__revisions__approvals",
            queryset=Approval.objects.select_related("approver").order_by("decided_at", "pk"),
        ),
        Prefetch("notes", queryset=Note.objects.select_related("author").order_by("created_at")),
        "letter__review__filings",
    )
    return get_object_or_404(
        comments.filter(letter__review__company__in=visible_companies(user)), pk=pk
    )


def prior_comments() -> QuerySet[Comment]:
    """The comments a follow-up refers back to, each with the last text we wrote in answer
    (`our_answer`) and whether it was approved (`answer_approved`), in the same query."""
    last_text = Revision.objects.filter(response__comment=OuterRef("pk")).order_by("-number")
    return (
        Comment.objects.select_related("letter")
        .annotate(
            our_answer=Subquery(last_text.values("text")[:1]),
            answer_approved=ExpressionWrapper(
                Q(response__status=ResponseStatus.APPROVED), output_field=BooleanField()
            ),
        )
        .order_by("letter__letter_date", "number")
    )


def visible_comment(user: AbstractBaseUser, pk: int) -> Comment:
    """The comment and its response, if the user may see it; a 404 otherwise. For posts."""
    comments = Comment.objects.select_related("letter__review__company", "response")
    return get_object_or_404(
        comments.filter(letter__review__company__in=visible_companies(user)), pk=pk
    )


def comment_activity(comment: Comment) -> list[Activity]:
    """What happened to the comment, its response, revisions and approvals, newest first:
    one query, however long the history."""
    responses = Response.objects.filter(comment=comment).values("pk")
    revisions = Revision.objects.filter(response__comment=comment).values("pk")
    approvals = Approval.objects.filter(revision__response__comment=comment).values("pk")
    targets = (
        Q(target_type__model="comment", target_id=comment.pk)
        | Q(target_type__model="response", target_id__in=responses)
        | Q(target_type__model="revision", target_id__in=revisions)
        | Q(target_type__model="approval", target_id__in=approvals)
    )
    return list(
        Activity.objects.filter(targets, target_type__app_label="tracker")
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
