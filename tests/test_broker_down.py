"""The broker is down when a notice's send is queued: the notice, saved with the change, waits
unsent, and the next sweep sends it once its window is over, once. (scripts/faults shows the
same with a real Redis stopped.)"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from kombu.exceptions import OperationalError

from tests.factories import AssignmentFactory, CommentFactory, MembershipFactory, UserFactory
from tracker import tasks
from tracker.domain import notifications, reminders
from tracker.domain.assignments import assign
from tracker.enums import AssignmentRole, DeliveryStatus, Role
from tracker.models import Notification

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


def at(minute: int):
    return time_machine.travel(datetime(2009, 12, 30, 8, minute, tzinfo=EASTERN), tick=False)


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_notification, "apply_async", refuse)
    monkeypatch.setattr(tasks.send_notifications, "apply_async", refuse)


@pytest.fixture
def assigned_while_down(company, letter, broker_down, django_capture_on_commit_callbacks):
    alice = UserFactory(username="alice")
    dave = UserFactory(username="dave")
    MembershipFactory(user=alice, company=company, role=Role.PREPARER)
    MembershipFactory(user=dave, company=company, role=Role.REVIEWER)
    comment = CommentFactory(letter=letter, number=1)
    with at(0), django_capture_on_commit_callbacks(execute=True):
        assign([comment], alice, AssignmentRole.DRAFTER, actor=dave)


def sweep(capture, minute: int, action=reminders.deadline_sweep) -> None:
    with at(minute), capture(execute=True):
        action()


def test_notice_queued_while_the_broker_is_down_is_saved_not_lost(assigned_while_down):
    rows = Notification.objects.values_list("recipient__username", "status", "sent_at")

    assert list(rows) == [("alice", DeliveryStatus.GATHERING, None)]
    assert mail.outbox == []


def test_next_sweep_sends_the_notice_once(
    assigned_while_down, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.undo()

    sweep(django_capture_on_commit_callbacks, 6)
    sweep(django_capture_on_commit_callbacks, 7)

    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert Notification.objects.get().status == DeliveryStatus.SENT


def test_the_unsent_notices_sweep_waits_for_the_window_then_sends_once(
    assigned_while_down, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.undo()

    sweep(django_capture_on_commit_callbacks, 4, tasks.send_unsent_notices)
    assert mail.outbox == []
    sweep(django_capture_on_commit_callbacks, 5, tasks.send_unsent_notices)
    sweep(django_capture_on_commit_callbacks, 10, tasks.send_unsent_notices)

    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert Notification.objects.get().status == DeliveryStatus.SENT
    assert notifications.pending().count() == 0


def test_a_digest_sweep_with_the_broker_down_tries_it_once_and_loses_nobody(
    company, letter, monkeypatch, django_capture_on_commit_callbacks
):
    """Each refused publish costs the sweep its own retries: the sweep stops at the first
    refusal instead of waiting once per person, and the next sweep sends every digest."""
    people = []
    for number, name in enumerate(["alice", "bob", "carol"], start=1):
        person = UserFactory(username=name)
        MembershipFactory(user=person, company=company, role=Role.PREPARER)
        AssignmentFactory(comment=CommentFactory(letter=letter, number=number), user=person)
        people.append(person)
    attempts = []

    def refuse(args, **kwargs):
        attempts.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_notifications, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily_digests(letter.received_on)

    assert len(attempts) == 1
    assert set(Notification.objects.values_list("status", flat=True)) == {DeliveryStatus.CLAIMED}
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily_digests(letter.received_on)
        reminders.daily_digests(letter.received_on)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.com",
        "bob@example.com",
        "carol@example.com",
    ]
