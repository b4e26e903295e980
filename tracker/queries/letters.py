"""Reviews, letters and their comments as the dashboard and the letter page show them."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from tracker.enums import AssignmentRole, ResponseStatus
from tracker.models import (
    Assignment,
    Comment,
    CommentLetter,
    Extension,
    FilingReview,
)
from tracker.permissions import visible_companies


def assignments_in_role_order() -> QuerySet[Assignment]:
    """Drafter first, then reviewers, then approvers: the order the work flows."""
    rank = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(AssignmentRole.values)),
        output_field=IntegerField(),
    )
    return Assignment.objects.select_related("user").order_by(rank, "user__username")


def letters_with_progress() -> QuerySet[CommentLetter]:
    approved = Q(comments__response__status=ResponseStatus.APPROVED)
    return CommentLetter.objects.annotate(
        comment_count=Count("comments", distinct=True),
        approved_count=Count("comments", filter=approved, distinct=True),
    ).order_by("round")


def dashboard_reviews(user: AbstractBaseUser) -> QuerySet[FilingReview]:
    """The user's reviews, newest first, each with its filings and its letters' progress."""
    return (
        FilingReview.objects.filter(company__in=visible_companies(user))
        .select_related("company")
        .prefetch_related("filings", Prefetch("letters", queryset=letters_with_progress()))
        .order_by("status", "-opened_on", "pk")
    )


def letter_for(user: AbstractBaseUser, pk: int) -> CommentLetter:
    """The letter, if the user may see it; a 404 otherwise, even if it exists."""
    letters = (
        letters_with_progress()
        .annotate(**extension_columns())
        .select_related("review__company")
        .prefetch_related("review__filings")
    )
    return get_object_or_404(letters.filter(review__company__in=visible_companies(user)), pk=pk)


def extension_columns() -> dict:
    """What the letter page says of extensions, read in the letter's own query: the response
    date before the first extension (`original_due_on`, None when never extended) and who
    granted the latest one, and when."""
    extensions = Extension.objects.filter(letter=OuterRef("pk"))
    first, latest = (
        extensions.order_by("recorded_at", "pk"),
        extensions.order_by("-recorded_at", "-pk"),
    )
    return {
        "original_due_on": Subquery(first.values("previous_due_on")[:1]),
        "extension_granted_by": Subquery(latest.values("granted_by")[:1]),
        "extension_granted_on": Subquery(latest.values("granted_on")[:1]),
    }


def letter_comments(letter: CommentLetter) -> list[Comment]:
    return list(
        letter.comments.select_related("response")
        .prefetch_related(Prefetch("assignments", queryset=assignments_in_role_order()))
        .order_by("number")
    )


@dataclass(frozen=True)
class HeadingGroup:
    """Comments under one heading path; `new_headings` are the levels that changed."""

    headings: tuple[str, ...]
    new_headings: list[tuple[int, str]]
    comments: list[Comment]


def group_by_headings(comments: list[Comment]) -> list[HeadingGroup]:
    """Group comments as the letter prints them: each heading once, where it changes."""
    groups: list[HeadingGroup] = []
    previous: tuple[str, ...] = ()
    for comment in comments:
        headings = tuple(comment.headings)
        if groups and headings == previous:
            groups[-1].comments.append(comment)
            continue
        common = 0
        while common < min(len(headings), len(previous)) and headings[common] == previous[common]:
            common += 1
        changed = [(level, headings[level]) for level in range(common, len(headings))]
        groups.append(HeadingGroup(headings, changed, [comment]))
        previous = headings
    return groups
