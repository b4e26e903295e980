"""Claim races on PostgreSQL: two sweeps, or two senders, at the same moment send each message once.

Each thread has its own database connection, so the unique claim key and the conditional
lease update are tested against real concurrent transactions.
"""

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from tests.factories import AssignmentFactory, CommentFactory, MembershipFactory, UserFactory
from tracker.domain import notifications, reminders
from tracker.enums import AssignmentRole, DeliveryStatus, Role
from tracker.models import Notification

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WEDNESDAY = date(2009, 12, 30)


def at_once(action: Callable[[], object], threads: int = 2) -> list[object]:
    """Run `action` in several threads released together; returns what each returned."""
    start = threading.Barrier(threads)
    results: list[object] = []

    def run() -> None:
        try:
            start.wait()
            results.append(action())
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return results


@pytest.fixture
def open_work(letter):
    """Twenty people, each drafting one comment of a letter due within two business days."""
    company = letter.review.company
    MembershipFactory(user=UserFactory(username="approver"), company=company, role=Role.APPROVER)
    for number in range(1, 21):
        user = UserFactory(username=f"drafter{number}")
        MembershipFactory(user=user, company=company, role=Role.PREPARER)
        comment = CommentFactory(letter=letter, number=number)
        AssignmentFactory(comment=comment, user=user, role=AssignmentRole.DRAFTER)


def test_two_digest_sweeps_at_once_send_each_digest_once(open_work):
    assert connection.vendor == "postgresql"

    at_once(lambda: reminders.daily_digests(WEDNESDAY))

    assert len(mail.outbox) == 20
    assert len({tuple(message.to) for message in mail.outbox}) == 20
    assert Notification.objects.filter(status=DeliveryStatus.SENT).count() == 20


def test_two_deadline_sweeps_at_once_warn_once(open_work):
    at_once(lambda: reminders.deadline_sweep(WEDNESDAY), threads=3)

    assert [message.to for message in mail.outbox] == [["approver@example.com"]]


def test_two_senders_of_one_message_send_it_once(open_work):
    reminders.daily_digests(WEDNESDAY)
    mail.outbox.clear()
    row = Notification.objects.filter(recipient__username="drafter1").get()
    Notification.objects.filter(pk=row.pk).update(status=DeliveryStatus.CLAIMED, sent_at=None)

    results = at_once(lambda: notifications.deliver(row.pk, last_try=False), threads=4)

    assert sorted(results) == ["sent", "skipped", "skipped", "skipped"]
    assert len(mail.outbox) == 1
