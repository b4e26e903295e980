"""Immediate notices: an assignment, a request for review, a decision, told to the people
concerned as soon as the change is committed, and never to the person who made it.

The domain functions call `notifications.notify_later(kind, ids, actor=...)`; the task calls
`notify` here, which builds the messages, claims them and queues their e-mail.
"""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from tracker.enums import AssignmentRole, NotificationKind, ResponseStatus, ReviewStatus
from tracker.models import Approval, Assignment, Company, Response

from . import notifications
from .notifications import Message


def recipients(company: Company, user_ids: Iterable[int], actor_id: int | None) -> list:
    """The active members of the company among `user_ids`, the actor left out (one query)."""
    wanted = set(user_ids) - {actor_id}
    users = get_user_model().objects.filter(
        pk__in=wanted, is_active=True, memberships__company=company
    )
    return list(users.order_by("pk"))


def message(kind: str, user, subject_key: str, link: str, context: dict, preferences) -> Message:
    context = {**context, "user": user, "link": notifications.absolute(link)}
    subject, body = notifications.rendered_mail(kind, context)
    return Message(
        recipient_id=user.pk,
        kind=kind,
        subject_key=subject_key,
        day=notifications.today(),
        subject=subject,
        body=body,
        link=link,
        by_email=bool(user.email) and preferences.wants_email(kind),
    )


def messages_to(kind: str, users: list, subject_key: str, link: str, context: dict) -> list:
    preferences = notifications.preferences_of(user.pk for user in users)
    return [message(kind, u, subject_key, link, context, preferences[u.pk]) for u in users]


def assigned(ids: list[int], actor_id: int | None) -> list[Message]:
    """One notice per assign() call, listing the comments it gave the person."""
    assignments = list(
        Assignment.objects.filter(pk__in=ids, comment__letter__review__status=ReviewStatus.OPEN)
        .exclude(comment__response__status=ResponseStatus.APPROVED)
        .select_related("comment__letter__review__company", "user")
        .order_by("comment__number")
    )
    if not assignments:
        return []
    first = assignments[0]
    letter = first.comment.letter
    users = recipients(letter.review.company, [first.user_id], actor_id)
    context = {"assignments": assignments, "letter": letter, "role": first.get_role_display()}
    link = reverse("letter", args=[letter.pk])
    return messages_to(NotificationKind.ASSIGNED, users, f"assignment:{min(ids)}", link, context)


def review_requested(ids: list[int], actor_id: int | None) -> list[Message]:
    """The comment's reviewers and approvers, about the revision submitted."""
    response = Response.objects.select_related("comment__letter__review__company").get(pk=ids[0])
    revision = response.revisions.order_by("-number").first()
    if response.status != ResponseStatus.IN_REVIEW or revision is None:
        return []
    comment = response.comment
    reviewers = comment.assignments.filter(
        role__in=[AssignmentRole.REVIEWER, AssignmentRole.APPROVER]
    ).values_list("user_id", flat=True)
    users = recipients(comment.letter.review.company, reviewers, actor_id)
    context = {"comment": comment, "letter": comment.letter, "revision": revision}
    link = reverse("comment", args=[comment.pk])
    kind = NotificationKind.REVIEW_REQUESTED
    return messages_to(kind, users, f"revision:{revision.pk}", link, context)


def decided(ids: list[int], actor_id: int | None) -> list[Message]:
    """The drafters of the comment and the revision's author, about the decision on it."""
    approval = Approval.objects.select_related(
        "revision__response__comment__letter__review__company", "approver"
    ).get(pk=ids[0])
    comment = approval.revision.response.comment
    drafters = set(
        comment.assignments.filter(role=AssignmentRole.DRAFTER).values_list("user_id", flat=True)
    )
    users = recipients(
        comment.letter.review.company, drafters | {approval.revision.author_id}, actor_id
    )
    context = {"approval": approval, "comment": comment, "letter": comment.letter}
    link = reverse("comment", args=[comment.pk])
    return messages_to(NotificationKind.DECIDED, users, f"approval:{approval.pk}", link, context)


BUILDERS: dict[str, Callable[[list[int], int | None], list[Message]]] = {
    NotificationKind.ASSIGNED: assigned,
    NotificationKind.REVIEW_REQUESTED: review_requested,
    NotificationKind.DECIDED: decided,
}


def notify(kind: str, ids: list[int], *, actor_id: int | None) -> list[Message]:
    """Claim the notices of one event and queue their e-mail; returns the messages claimed."""
    with transaction.atomic():
        claimed = notifications.claim(BUILDERS[kind](ids, actor_id))
        notifications.queue_claimed(claimed)
    return claimed
