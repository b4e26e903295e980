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
    Revision,
    SectionLink,
)
from tracker.permissions import role_expression, visible_companies

from .letters import assignments_in_role_order
from .walk import letter_neighbours


def comment_for(user: AbstractBaseUser, pk: int) -> Comment:
    """The comment with all its page needs, if the user may see it; a 404 otherwise.
    `user_role` is the user's role in the comment's company (None for a superuser outside it);
    the comments before and after it in its letter come along (`walk.letter_neighbours`)."""
    # The page shows no company: the role (in the same query) is all it needs of it.
    comments = comments_visible_to(user).select_related("letter__review", "response")
    comments = comments.annotate(**letter_neighbours()).prefetch_related(
        Prefetch(
            "section_links",
            # A section's text may run to pages; the page shows its title and pages only.
            queryset=SectionLink.objects.select_related("section").defer("section__text"),
        ),
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
    return get_object_or_404(comments, pk=pk)


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


def comments_visible_to(user: AbstractBaseUser) -> QuerySet[Comment]:
    """Comments the user may see, each with `user_role`: his role in the comment's company,
    read in the same query."""
    return Comment.objects.filter(letter__review__company__in=visible_companies(user)).annotate(
        user_role=role_expression(user, "letter__review__company")
    )


def visible_comment(user: AbstractBaseUser, pk: int) -> Comment:
    """The comment with its letter, company and response (and `user_role`), if the user may
    see it; a 404 otherwise. For posts."""
    comments = comments_visible_to(user).select_related("letter__review__company", "response")
    return get_object_or_404(comments, pk=pk)


def comment_activity(comment: Comment, revisions: list[Revision]) -> list[Activity]:
    """What happened to the comment, its response, these revisions (all of the response's,
    each with its approvals prefetched, as `comment_for` gives them) and their approvals,
    newest first: one query, however long the history."""
    approvals = [approval.pk for revision in revisions for approval in revision.approvals.all()]
    targets = (
        Q(target_type__model="comment", target_id=comment.pk)
        | Q(target_type__model="response", target_id=comment.response.pk)
        | Q(target_type__model="revision", target_id__in=[revision.pk for revision in revisions])
        | Q(target_type__model="approval", target_id__in=approvals)
    )
    return list(
        Activity.objects.filter(targets, target_type__app_label="tracker")
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
