"""A sweep e-mails its messages in batches, each over one SMTP connection; a message that fails
in a batch is retried alone, and the others of its batch are sent all the same."""

from datetime import date
from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from tests.factories import AssignmentFactory, CommentFactory, MembershipFactory, UserFactory
from tracker.domain import notifications, reminders
from tracker.enums import DeliveryStatus, Role
from tracker.models import Notification

pytestmark = pytest.mark.django_db
WEDNESDAY = date(2009, 12, 30)
opened: list[int] = []
refused_once: set[str] = set()


class CountingSMTP(EmailBackend):
    """The test outbox, counting the connections opened; refuses each address in
    `refused_once` the first time it is sent to."""

    def open(self):
        opened.append(1)
        return True

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & refused_once:
                refused_once.difference_update(message.to)
                raise SMTPRecipientsRefused({message.to[0]: (450, b"Mailbox busy")})
        return super().send_messages(messages)


@pytest.fixture
def five_people(letter, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.test_sending_batches.CountingSMTP"
    monkeypatch.setattr(notifications, "SEND_BATCH", 2)
    opened.clear()
    refused_once.clear()
    for number in range(1, 6):
        user = UserFactory(username=f"drafter{number}")
        MembershipFactory(user=user, company=letter.review.company, role=Role.PREPARER)
        AssignmentFactory(comment=CommentFactory(letter=letter, number=number), user=user)


def test_five_digests_in_batches_of_two_use_three_connections(
    five_people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily_digests(WEDNESDAY)

    assert sorted(m.to[0] for m in mail.outbox) == [f"drafter{n}@example.com" for n in range(1, 6)]
    assert len(opened) == 3


def test_a_refused_message_is_retried_alone_and_its_batch_is_still_sent(
    five_people, django_capture_on_commit_callbacks
):
    refused_once.add("drafter1@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily_digests(WEDNESDAY)

    assert sorted(m.to[0] for m in mail.outbox) == [f"drafter{n}@example.com" for n in range(1, 6)]
    rows = Notification.objects.values_list("recipient__username", "status", "attempts")
    assert sorted(rows) == [("drafter1", DeliveryStatus.SENT, 2)] + [
        (f"drafter{n}", DeliveryStatus.SENT, 1) for n in range(2, 6)
    ]


class DownAtFirst(CountingSMTP):
    """An SMTP server that refuses the first connection (restarting), then answers."""

    refusals = 1

    def open(self):
        if DownAtFirst.refusals:
            DownAtFirst.refusals -= 1
            raise ConnectionRefusedError("Connection refused")
        return super().open()


def test_a_server_not_answering_when_a_batch_starts_loses_none_of_it(
    five_people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_sending_batches.DownAtFirst"
    DownAtFirst.refusals = 1

    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily_digests(WEDNESDAY)

    assert sorted(m.to[0] for m in mail.outbox) == [f"drafter{n}@example.com" for n in range(1, 6)]
    statuses = Notification.objects.values_list("status", flat=True)
    assert set(statuses) == {DeliveryStatus.SENT}
