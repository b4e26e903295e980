"""Claim races on PostgreSQL: two sweeps, or two senders, at the same moment send each message once.

Each thread has its own database connection, so the unique claim key and the conditional
lease update are tested against real concurrent transactions.
"""

import queue
import threading
from collections.abc import Callable
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from tests.factories import AssignmentFactory, CommentFactory, MembershipFactory, UserFactory
from tracker.domain import notifications, reminders
from tracker.domain.responses import save_revision, submit_for_review
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


def test_submissions_committed_at_once_on_one_letter_join_one_notice(letter, settings):
    """Four drafters submit at the same instant: the reviewer's notice is started once (the
    others wait on its unique gathering key, then join it), so he gets one e-mail of four."""
    company = letter.review.company
    reviewer = UserFactory(username="reviewer")
    MembershipFactory(user=reviewer, company=company, role=Role.REVIEWER)
    responses = queue.Queue()
    for number in range(1, 5):
        drafter = UserFactory(username=f"drafter{number}")
        MembershipFactory(user=drafter, company=company, role=Role.PREPARER)
        comment = CommentFactory(letter=letter, number=number)
        AssignmentFactory(comment=comment, user=reviewer, role=AssignmentRole.REVIEWER)
        save_revision(comment.response, "We revised it.", author=drafter, based_on=None)
        responses.put((comment.response, drafter))

    def submit():
        response, drafter = responses.get()
        return submit_for_review(response, actor=drafter).status

    results = at_once(submit, threads=4)
    notices = Notification.objects.filter(recipient=reviewer)
    assert results == ["in_review"] * 4
    assert [(notice.count, notice.status) for notice in notices] == [(4, "gathering")]

    later = timezone.now() + timedelta(seconds=settings.NOTICE_WINDOW_SECONDS)
    with time_machine.travel(later):
        notifications.deliver(notices.get().pk, last_try=False)
    [message] = mail.outbox
    assert message.subject.startswith("4 responses on ")
