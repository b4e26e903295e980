"""Claim, send and read notifications: each message is sent once, and none is silently lost.

A message's life, on the `Notification` row:

0. **Gather** (notices of events only, `notices.py`). The row is written in the transaction of
   the change that causes it, `gathering` until its window ends (`due_at`); the person's later
   events of the kind on the letter join it. Its send is queued once the change commits, for
   the end of the window; a send run earlier takes nothing (`pending`).
1. **Claim.** A sweep's message (a digest, a deadline warning) is claimed by inserting its
   row; the unique key (recipient, kind, subject_key, day) makes a second sweep, a second
   worker or a retried task insert nothing (`claim` uses INSERT ... ON CONFLICT DO NOTHING).
   The row starts `claimed`.
2. **Lease.** A sender takes the row with a conditional UPDATE that stamps `sent_at` while it
   is NULL, and claims a gathering row whose window is over (the way healthchecks'
   sendalerts claims a flip): of two senders of one row only one updates it, so only one
   talks to SMTP. A lease older than `LEASE` (a worker died mid-send) may be taken again.
3. **Sent**, or, when sending fails, the lease is released (`sent_at` back to NULL) with
   `attempts` and `last_error` recorded; the task retries with backoff, and after its last try
   the row becomes `failed`, which the admin lists.
4. **Re-claim.** A failed row is not deleted: the next sweep takes it back with a conditional
   UPDATE ... WHERE status = 'failed' (`reclaim_failed`), so two sweeps re-claim it once, and it
   is queued again. Keeping the row keeps its history (attempts, last error) and its unique key,
   so no sweep can insert a duplicate meanwhile.

Every message is also the in-app notice: a row whose e-mail is off (`by_email=False`) is
`sent` as soon as it is claimed (or its window ends), and the notification centre lists it.

A send whose task was lost (the broker down at commit time, a worker killed) is queued again
by the next sweep (`sweep_unsent`, every few minutes), so nothing waits longer than that.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import get_connection, send_mail
from django.db import connection, transaction
from django.db.models import F, Max, Q, QuerySet, Window
from django.db.models.functions import Coalesce
from django.template.loader import get_template
from django.utils import timezone

from tracker.enums import DeliveryStatus, NotificationKind
from tracker.models import Notification, NotificationPreference

# A sender that has held a row this long without finishing is taken to have died.
LEASE = timedelta(minutes=15)
# Failed messages younger than this are re-claimed by the next sweep; older ones stay failed.
RETRY_FAILED_FOR = timedelta(days=1)
DIGEST_KINDS = {NotificationKind.DIGEST}
# Rows one sending task e-mails over one SMTP connection: a sweep's thousands of warnings
# cost tens of tasks and connections, not thousands.
SEND_BATCH = 50


# A notification's claim key: (recipient id, kind, subject key, day).
Key = tuple[int, str, str, date]


@dataclass(frozen=True)
class Message:
    """A notification about to be claimed: who, what, about which object, for which day."""

    recipient_id: int
    kind: str
    subject_key: str
    day: date
    subject: str
    body: str
    link: str = ""
    by_email: bool = True
    letter_id: int | None = None

    @property
    def key(self) -> Key:
        return (self.recipient_id, self.kind, self.subject_key, self.day)

    def as_values(self, created_at) -> tuple:
        """Its row's values in CLAIM_COLUMNS order, as the database takes them."""
        status = DeliveryStatus.CLAIMED if self.by_email else DeliveryStatus.SENT
        day = connection.ops.adapt_datefield_value(self.day)
        text = (self.subject[:300], self.body, self.link[:300])
        return (self.recipient_id, str(self.kind), self.subject_key, day, *text) + (
            self.by_email,
            str(status),
            0,
            "",
            created_at,
            self.letter_id,
            1,
            connection.ops.adapt_json_value([], None),
        )


@dataclass(frozen=True)
class Preferences:
    daily_digest: bool = True
    immediate_notices: bool = True

    def wants_email(self, kind: str) -> bool:
        return self.daily_digest if kind in DIGEST_KINDS else self.immediate_notices


def preferences_of(user_ids: Iterable[int]) -> dict[int, Preferences]:
    """Each user's choices in one query; a user without a row gets everything."""
    user_ids = list(user_ids)
    rows = NotificationPreference.objects.filter(user_id__in=user_ids)
    chosen = {row.user_id: Preferences(row.daily_digest, row.immediate_notices) for row in rows}
    return {user_id: chosen.get(user_id, Preferences()) for user_id in user_ids}


def rendered_mail(name: str, context: dict) -> tuple[str, str]:
    """The subject and body of e-mail `name` (templates/emails/NAME_subject.txt and NAME.txt),
    both plain text. The subject is one line whatever names it holds: a line break typed into
    a company's name would otherwise make the mail library refuse the message."""
    return mail_renderer(name)(context)


def mail_renderer(name: str) -> Callable[[dict], tuple[str, str]]:
    """`rendered_mail` for many messages of one e-mail: its two templates are loaded once, not
    once a message (a sweep renders hundreds)."""
    subject_template = get_template(f"emails/{name}_subject.txt")
    body_template = get_template(f"emails/{name}.txt")

    def render(context: dict) -> tuple[str, str]:
        subject = " ".join(subject_template.render(context).split())
        return subject, body_template.render(context)

    return render


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def window() -> timedelta:
    """How long a notice gathers its person's later events (settings.NOTICE_WINDOW_SECONDS)."""
    return timedelta(seconds=settings.NOTICE_WINDOW_SECONDS)


def pending() -> QuerySet[Notification]:
    """Rows to send now: claimed for e-mail and held by no live sender, or gathering with their
    window over (an in-app one too: its sender only marks it sent)."""
    now = timezone.now()
    unheld = Q(sent_at__isnull=True) | Q(sent_at__lt=now - LEASE)
    claimed = Q(status=DeliveryStatus.CLAIMED, by_email=True) & unheld
    return Notification.objects.filter(
        claimed | Q(status=DeliveryStatus.GATHERING, due_at__lte=now)
    )


def claim(messages: list[Message], present: set[Key] | None = None) -> list[Message]:
    """Insert the messages nobody claimed before; returns them. Two queries, whatever the
    number of messages; one when the caller already looked up the keys `present`.

    The unique key decides: a message claimed meanwhile by a concurrent sweep is not inserted
    twice (ON CONFLICT DO NOTHING). Both sweeps may then report it as theirs, but only one
    sender gets its lease, so it is still sent once.
    """
    if not messages:
        return []
    if present is None:
        present = keys_present([message.key for message in messages])
    new = [message for message in messages if message.key not in present]
    insert_claims(new)
    return new


# What a claim writes; sent_at and read_at start empty. A message with its e-mail off is
# claimed as sent: the notification centre shows it, no sender takes it.
CLAIM_COLUMNS = [
    "recipient_id",
    "kind",
    "subject_key",
    "day",
    "subject",
    "body",
    "link",
    "by_email",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "letter_id",
    "count",
    "about",
]


def insert_claims(messages: list[Message]) -> None:
    """Insert the rows in one INSERT ... ON CONFLICT DO NOTHING (executemany; nothing for no
    rows). A sweep claims thousands of rows, and building a model instance and preparing
    each of its fields in the ORM cost more than the insert itself."""
    if not messages:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Notification._meta.get_field(name).column) for name in CLAIM_COLUMNS)
    values = ", ".join(["%s"] * len(CLAIM_COLUMNS))
    table = quote(Notification._meta.db_table)
    # The names come from the model, never from input; the values go as parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING"  # noqa: S608
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.executemany(sql, [message.as_values(created_at) for message in messages])


def keys_present(keys: Collection[Key]) -> set[Key]:
    """Which of these keys (recipient id, kind, subject key, day) already have a row: one
    query, none for no keys."""
    if not keys:
        return set()
    rows = Notification.objects.filter(
        day__in={key[3] for key in keys},
        kind__in={key[1] for key in keys},
        recipient_id__in={key[0] for key in keys},
    ).values_list("recipient_id", "kind", "subject_key", "day")
    return set(rows) & set(keys)


def delivery_of(messages: list[Message]) -> dict[tuple[int, str, str, date], str]:
    """The delivery status of each message's row, by key (one query)."""
    if not messages:
        return {}
    keys = {message.key for message in messages}
    rows = Notification.objects.filter(
        day__in={m.day for m in messages},
        kind__in={m.kind for m in messages},
        recipient_id__in={m.recipient_id for m in messages},
    ).values_list("recipient_id", "kind", "subject_key", "day", "status")
    return {tuple(row[:4]): row[4] for row in rows if tuple(row[:4]) in keys}


def reclaim_failed() -> int:
    """Take back recently failed messages for another try; conditional, so two sweeps
    re-claim each row once. Returns how many were re-claimed."""
    since = timezone.now() - RETRY_FAILED_FOR
    return Notification.objects.filter(status=DeliveryStatus.FAILED, created_at__gte=since).update(
        status=DeliveryStatus.CLAIMED, sent_at=None
    )


def queue_pending() -> list[int]:
    """Queue a send for every claimed message no sender holds, once the transaction commits.

    Queuing a row twice is harmless (the lease lets one sender through), so a sweep may also
    re-queue rows whose task was lost (a broker down at commit time)."""
    ids = list(pending().values_list("id", flat=True))
    queue_sends(ids)
    return ids


def queue_sends(ids: list[int], *, at: datetime | None = None) -> None:
    """Hand the rows to the workers once the transaction commits (at `at`, the end of a
    notice's window, if given), in one callback however many rows a sweep claimed. A change
    rolled back queues nothing; a broker down at commit time loses nothing (`sweep_unsent`)."""
    if ids:
        ids = list(ids)
        transaction.on_commit(lambda: send_each(ids, at=at), robust=True)


def send_each(ids: list[int], *, at: datetime | None = None) -> None:
    """Queue the rows in batches of SEND_BATCH, one task each. A broker that refuses one batch
    stops the rest, which would fail the same way (each after its own publish retries): the
    next sweep queues every row still pending, so nothing is lost."""
    from tracker.tasks import send_notifications

    for start in range(0, len(ids), SEND_BATCH):
        send_notifications.apply_async((ids[start : start + SEND_BATCH],), eta=at)


def sweep_unsent() -> list[int]:
    """Re-claim recent failures and queue every row due and unsent, whatever lost its send;
    returns the rows queued. Run by every sweep, and every few minutes on its own."""
    reclaim_failed()
    return queue_pending()


def deliver_batch(ids: list[int]) -> list[str]:
    """Send a batch over one SMTP connection; returns each row's outcome (sent, skipped or
    retry). A row that fails is released (`deliver`) and handed to the one-row task as its
    first retry, so it gets the same tries and backoff as a row sent alone."""
    from tracker.tasks import send_notification

    outcomes, connection, connected = [], get_connection(), False
    try:
        for notification_id in ids:
            try:
                # Opened inside the try: a server that can't be reached now is an error of
                # each row's sending, retried as one, not the loss of the whole batch.
                if not connected:
                    connection.open()
                    connected = True
                outcomes.append(deliver(notification_id, last_try=False, connection=connection))
            except OSError:
                connection.close()  # The next row opens a fresh connection.
                connected = False
                send_notification.apply_async((notification_id,), retries=1, countdown=1)
                outcomes.append("retry")
    finally:
        connection.close()
    return outcomes


def lease(notification_id: int) -> Notification | None:
    """Take the row for sending, or None when it is sent, failed, held by a live sender or
    still gathering. A gathering row is claimed by the lease: no later event joins it."""
    now = timezone.now()
    taken = (
        pending()
        .filter(pk=notification_id)
        .update(status=DeliveryStatus.CLAIMED, sent_at=now, attempts=F("attempts") + 1)
    )
    if not taken:
        return None
    return Notification.objects.select_related("recipient").get(pk=notification_id)


def deliver(notification_id: int, *, last_try: bool, connection=None) -> str:
    """Send one claimed notification by e-mail (over `connection`, an open mail backend, when
    given); returns sent, skipped or failed.

    On an SMTP or network error the lease is released and the error recorded; unless this is
    the last try the error is raised again for the task to retry it."""
    notification = lease(notification_id)
    if notification is None:
        return "skipped"
    held = Notification.objects.filter(pk=notification.pk, sent_at=notification.sent_at)
    if not notification.by_email:
        held.update(status=DeliveryStatus.SENT)
        return "in app"
    try:
        send_mail(
            notification.subject,
            notification.body,
            None,
            [notification.recipient.email],
            connection=connection,
        )
    except OSError as error:
        status = DeliveryStatus.FAILED if last_try else DeliveryStatus.CLAIMED
        held.update(status=status, sent_at=None, last_error=f"{type(error).__name__}: {error}")
        if last_try:
            return "failed"
        raise
    held.update(status=DeliveryStatus.SENT, sent_at=timezone.now())
    return "sent"


# --- the notification centre ---


def for_user(user: AbstractBaseUser) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def grouped_by_letter(user: AbstractBaseUser) -> QuerySet[Notification]:
    """The person's notifications, each letter's together: the letter with the newest notice
    first, newest first within it. One without a letter (a digest) stands alone."""
    group = Coalesce(F("letter_id"), -F("id"))
    latest = Window(Max("created_at"), partition_by=[group])
    return (
        Notification.objects.filter(recipient=user)
        .select_related("letter__review__company")
        .annotate(group=group, latest=latest)
        .order_by("-latest", "group", "-created_at", "-id")
    )


def unread_count(user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def save_preferences(user: AbstractBaseUser, *, daily_digest: bool, immediate: bool) -> None:
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"daily_digest": daily_digest, "immediate_notices": immediate}
    )
