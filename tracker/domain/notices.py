"""Notices of events: an assignment, a request for review, a decision, told to the people
concerned, never to the person who made the change.

The domain function that makes the change calls `assigned`, `review_requested` or `decided`
inside its own transaction, so the notice row is written with the change: a change rolled
back leaves no notice and sends nothing. Only the e-mail waits: it is queued once the change
commits, for the end of the notice's window (settings.NOTICE_WINDOW_SECONDS from its first
event). Until then the person's later events of the same kind on the same letter join the
notice, which is written again each time: 30 submissions give one e-mail, "30 responses on
... are waiting for your review". An event after the window starts the next notice.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tracker import clock
from tracker.enums import AssignmentRole, DeliveryStatus, NotificationKind
from tracker.models import Approval, Assignment, CommentLetter, Company, Notification, Revision

from . import notifications

# Tries to start a notice: a second one only when another change started it at the same
# instant, which the next look-up then finds and joins.
START_TRIES = 3
# The send is queued this long after the window ends: a worker whose clock runs a little
# ahead would otherwise find the notice still gathering (and leave it to the sweep).
SEND_MARGIN = timedelta(seconds=1)


@dataclass(frozen=True)
class Written:
    """A notice's text for its events so far, and how many they are."""

    subject: str
    body: str
    link: str
    count: int


@dataclass(frozen=True)
class Event:
    """One change to tell of: its kind, its letter, the ids of what it is about (assignments,
    revisions or approvals) and the key naming a notice it starts."""

    kind: str
    letter: CommentLetter
    ids: list[int]
    key: str


def recipients(company: Company, user_ids: Iterable[int], actor_id: int | None) -> list:
    """The active members of the company among `user_ids`, the actor left out (one query)."""
    wanted = set(user_ids) - {actor_id}
    users = get_user_model().objects.filter(
        pk__in=wanted, is_active=True, memberships__company=company
    )
    return list(users.order_by("pk"))


def letter_of(letter_id: int) -> CommentLetter:
    return CommentLetter.objects.select_related("review__company").get(pk=letter_id)


def record(event: Event, user_ids: Iterable[int], actor: AbstractBaseUser | None) -> None:
    """Tell the event to each of `user_ids` (active members, not the actor): join each one's
    gathering notice or start one, and queue the e-mail of the notices started for the end of
    their window, once the transaction commits."""
    actor_id = actor.pk if actor is not None else None
    users = recipients(event.letter.review.company, user_ids, actor_id)
    preferences = notifications.preferences_of(user.pk for user in users)
    now = timezone.now()
    started = [gather(event, user, preferences[user.pk], now) for user in users]
    started = [notice for notice in started if notice is not None]
    if started:
        due = now + notifications.window() + SEND_MARGIN
        notifications.queue_sends([notice.pk for notice in started], at=due)


def gather(event: Event, user, preferences, now: datetime) -> Notification | None:
    """Join the person's gathering notice of this kind on this letter while its window lasts;
    else close it (for its sender) and start one. Returns the notice started, None if joined.

    The row lock orders this against a sender claiming the notice at the end of its window,
    and the partial unique constraint against a concurrent start: either way the event lands
    in exactly one notice."""
    for _ in range(START_TRIES):
        notice = (
            Notification.objects.select_for_update()
            .filter(recipient=user, kind=event.kind, letter=event.letter)
            .filter(status=DeliveryStatus.GATHERING)
            .first()
        )
        if notice is not None and now < notice.due_at:
            join(notice, event, user)
            return None
        if notice is not None:
            notice.status = DeliveryStatus.CLAIMED if notice.by_email else DeliveryStatus.SENT
            notice.save(update_fields=["status"])
        try:
            with transaction.atomic():
                return start(event, user, preferences, now)
        except IntegrityError:
            continue
    raise RuntimeError(f"No {event.kind} notice could be started for user {user.pk}.")


def join(notice: Notification, event: Event, user) -> None:
    ids = notice.about + [pk for pk in event.ids if pk not in notice.about]
    written = WRITERS[event.kind](event.letter, ids, user)
    notice.subject, notice.body, notice.link = written.subject, written.body, written.link
    notice.about, notice.count = ids, written.count
    notice.save(update_fields=["subject", "body", "link", "about", "count"])


def start(event: Event, user, preferences, now: datetime) -> Notification:
    written = WRITERS[event.kind](event.letter, event.ids, user)
    return Notification.objects.create(
        recipient=user,
        kind=event.kind,
        # Unique with the day: the first event, and the instant (a later notice may start
        # with the same object, e.g. a revision submitted again).
        subject_key=f"{event.key}@{now:%H:%M:%S.%f}",
        day=clock.sec_today(),  # the day a notice belongs to, for every company alike
        letter=event.letter,
        subject=written.subject[:300],
        body=written.body,
        link=written.link[:300],
        count=written.count,
        about=list(event.ids),
        by_email=bool(user.email) and preferences.wants_email(event.kind),
        status=DeliveryStatus.GATHERING,
        due_at=now + notifications.window(),
    )


def mail(kind: str, context: dict, user, link: str, count: int) -> Written:
    context = {**context, "user": user, "count": count, "link": notifications.absolute(link)}
    subject, body = notifications.rendered_mail(kind, context)
    return Written(subject, body, link, count)


# --- what each kind of notice says, for all its events so far ---


def assignments_text(letter: CommentLetter, ids: list[int], user) -> Written:
    """Each comment given to the person, with its role when they differ."""
    assignments = list(
        Assignment.objects.filter(pk__in=ids)
        .select_related("comment", "assigned_by")
        .order_by("comment__number", "role")
    )
    roles = {assignment.get_role_display() for assignment in assignments}
    role = roles.pop() if len(roles) == 1 else ""
    context = {"assignments": assignments, "letter": letter, "role": role}
    count = len({assignment.comment_id for assignment in assignments})
    link = reverse("letter", args=[letter.pk])
    return mail(NotificationKind.ASSIGNED, context, user, link, count)


def reviews_text(letter: CommentLetter, ids: list[int], user) -> Written:
    """The responses submitted, each with its latest revision submitted."""
    revisions = Revision.objects.filter(pk__in=ids).select_related("response__comment", "author")
    latest: dict[int, Revision] = {}
    for revision in revisions.order_by("response__comment__number", "-number"):
        latest.setdefault(revision.response_id, revision)
    items = list(latest.values())
    one = items[0].response.comment if len(items) == 1 else None
    link = reverse("comment", args=[one.pk]) if one else reverse("letter", args=[letter.pk])
    context = {"revisions": items, "letter": letter, "comment": one}
    return mail(NotificationKind.REVIEW_REQUESTED, context, user, link, len(items))


def decisions_text(letter: CommentLetter, ids: list[int], user) -> Written:
    """The decisions on the person's responses, in the order of the letter."""
    approvals = list(
        Approval.objects.filter(pk__in=ids)
        .select_related("revision__response__comment", "approver")
        .order_by("revision__response__comment__number", "decided_at")
    )
    one = approvals[0].revision.response.comment if len(approvals) == 1 else None
    link = reverse("comment", args=[one.pk]) if one else reverse("letter", args=[letter.pk])
    context = {"approvals": approvals, "letter": letter, "comment": one}
    return mail(NotificationKind.DECIDED, context, user, link, len(approvals))


WRITERS: dict[str, Callable[[CommentLetter, list[int], object], Written]] = {
    NotificationKind.ASSIGNED: assignments_text,
    NotificationKind.REVIEW_REQUESTED: reviews_text,
    NotificationKind.DECIDED: decisions_text,
}


# --- the events, called by the domain functions inside their transaction ---


def assigned(assignments: list[Assignment], *, actor: AbstractBaseUser | None) -> None:
    """Tell the person assigned, one notice a letter (an assign() may span letters)."""
    by_letter: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_letter.setdefault(assignment.comment.letter_id, []).append(assignment)
    for letter_id, given in by_letter.items():
        ids = [assignment.pk for assignment in given]
        key = f"assignment:{min(ids)}"
        event = Event(NotificationKind.ASSIGNED, letter_of(letter_id), ids, key)
        record(event, [given[0].user_id], actor)


def review_requested(revision: Revision, *, actor: AbstractBaseUser | None) -> None:
    """Tell the comment's reviewers and approvers that `revision` waits for them."""
    comment = revision.response.comment
    reviewers = comment.assignments.filter(
        role__in=[AssignmentRole.REVIEWER, AssignmentRole.APPROVER]
    ).values_list("user_id", flat=True)
    kind = NotificationKind.REVIEW_REQUESTED
    event = Event(kind, letter_of(comment.letter_id), [revision.pk], f"revision:{revision.pk}")
    record(event, reviewers, actor)


def decided(approval: Approval, *, actor: AbstractBaseUser | None) -> None:
    """Tell the comment's drafters and the revision's author of the decision on it."""
    comment = approval.revision.response.comment
    drafters = set(
        comment.assignments.filter(role=AssignmentRole.DRAFTER).values_list("user_id", flat=True)
    )
    key = f"approval:{approval.pk}"
    event = Event(NotificationKind.DECIDED, letter_of(comment.letter_id), [approval.pk], key)
    record(event, drafters | {approval.revision.author_id}, actor)
