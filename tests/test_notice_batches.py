"""Quieter notices: one person's events of one kind on one letter within the window (five
minutes by default) give one e-mail, sent when the window ends; the notice is saved with the
change that causes it, so a change rolled back tells nobody.

Time is frozen on Wednesday December 30, 2009 in Washington; the window's end is stepped to.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain import notifications
from tracker.domain.assignments import assign
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import AssignmentRole, Decision, DeliveryStatus, Role
from tracker.models import Notification

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
EIGHT = datetime(2009, 12, 30, 8, 0, tzinfo=EASTERN)
THIRTY = (
    "30 responses on Calix Networks, Inc.'s staff letter of December 17, 2009 are waiting "
    "for your review"
)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def minutes(n: float) -> datetime:
    return EIGHT + timedelta(minutes=n)


@pytest.fixture
def team(company):
    company.preparers_may_assign = True  # dave, a preparer, hands out the work
    company.save()

    def member(name: str, role: str):
        user = UserFactory(username=name, first_name=name.title())
        MembershipFactory(user=user, company=company, role=role)
        return user

    return {
        "alice": member("alice", Role.PREPARER),
        "bob": member("bob", Role.REVIEWER),
        "carol": member("carol", Role.APPROVER),
        "dave": member("dave", Role.PREPARER),
    }


@pytest.fixture
def drafted(team, letter):
    """Thirty comments drafted by alice, each reviewed by bob and approved by carol."""

    def make(count: int = 30) -> list:
        comments = []
        for number in range(1, count + 1):
            comment = CommentFactory(letter=letter, number=number)
            AssignmentFactory(comment=comment, user=team["bob"], role=AssignmentRole.REVIEWER)
            AssignmentFactory(comment=comment, user=team["carol"], role=AssignmentRole.APPROVER)
            with at(EIGHT - timedelta(hours=1)):
                save_revision(
                    comment.response, "We revised it.", author=team["alice"], based_on=None
                )
            comments.append(comment)
        return comments

    return make


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Do `action` at `moment`, committing it: the sends it queues run then (as a worker runs
    a task queued for a later time only then, these find nothing due yet)."""

    def at_moment(moment: datetime, action, *args, **kwargs):
        with at(moment), django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return at_moment


def sent_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_thirty_submissions_on_one_letter_give_each_reviewer_one_email(
    team, drafted, django_capture_on_commit_callbacks
):
    comments = drafted()
    with django_capture_on_commit_callbacks() as queued:
        for n, comment in enumerate(comments):
            with at(minutes(n * 9 / 60)):  # one every nine seconds: 4 min 21 s in all
                submit_for_review(comment.response, actor=team["alice"])

    with at(minutes(4.9)):
        for send in queued:
            send()
    assert mail.outbox == []
    with at(minutes(5)):
        for send in queued:
            send()

    for person in [team["bob"], team["carol"]]:
        [message] = sent_to(person)
        assert message.subject == THIRTY
        lines = [line for line in message.body.splitlines() if line.startswith("  Comment")]
        assert lines[0] == "  Comment 1: Heading 1, page 1 (revision 1, by Alice)"
        assert len(lines) == 30
        link = f"Read and decide: http://127.0.0.1:8000/letters/{comments[0].letter_id}/"
        assert link in message.body.splitlines()
    assert len(mail.outbox) == 2


def test_an_event_after_the_window_gives_a_second_email(team, drafted, run):
    first, second, third = drafted(3)
    run(minutes(0), submit_for_review, first.response, actor=team["alice"])
    run(minutes(4.9), submit_for_review, second.response, actor=team["alice"])
    run(minutes(5), notifications.sweep_unsent)
    run(minutes(5.1), submit_for_review, third.response, actor=team["alice"])
    run(minutes(10), notifications.sweep_unsent)
    run(minutes(10.1), notifications.sweep_unsent)

    subjects = [message.subject for message in sent_to(team["bob"])]
    assert subjects == [
        "2 responses on Calix Networks, Inc.'s staff letter of December 17, 2009 are waiting "
        "for your review",
        "Waiting for your review: comment 3 of Calix Networks, Inc.'s Staff letter of "
        "December 17, 2009",
    ]


def test_the_window_is_a_setting(team, drafted, run, settings):
    settings.NOTICE_WINDOW_SECONDS = 60
    first, second, third = drafted(3)
    run(minutes(0), submit_for_review, first.response, actor=team["alice"])
    run(minutes(0.9), submit_for_review, second.response, actor=team["alice"])
    run(minutes(1.1), submit_for_review, third.response, actor=team["alice"])
    run(minutes(2.5), notifications.sweep_unsent)

    counts = sorted(message.subject.split(" ")[0] for message in sent_to(team["bob"]))
    assert counts == ["2", "Waiting"]


def test_a_change_rolled_back_saves_no_notice_and_sends_nothing(
    team, drafted, run, django_capture_on_commit_callbacks
):
    [comment] = drafted(1)

    with (
        at(minutes(0)),
        django_capture_on_commit_callbacks(execute=True) as queued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submit_for_review(comment.response, actor=team["alice"])
        raise RuntimeError("the page failed after the submission")
    run(minutes(10), notifications.sweep_unsent)

    assert queued == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_the_notice_is_in_the_centre_as_soon_as_the_change_commits(team, drafted, client):
    comments = drafted(3)
    with at(minutes(0)):
        for comment in comments:
            submit_for_review(comment.response, actor=team["alice"])
    client.force_login(team["bob"])

    with at(minutes(1)):
        page = client.get(reverse("notifications")).text

    assert "3 responses on Calix Networks, Inc.&#x27;s staff letter" in page
    assert "1 unread." in page
    assert mail.outbox == []


def test_assignments_on_one_letter_within_the_window_give_one_email(team, letter, run):
    comments = [CommentFactory(letter=letter, number=number) for number in range(1, 5)]
    carol, dave = team["carol"], team["dave"]
    for minute, comment in enumerate(comments[:3]):
        run(minutes(minute), assign, [comment], carol, AssignmentRole.REVIEWER, actor=dave)
    run(minutes(3), assign, [comments[3]], carol, AssignmentRole.APPROVER, actor=dave)
    run(minutes(5), notifications.sweep_unsent)

    [message] = sent_to(carol)
    assert message.subject == (
        "Assigned to you: 4 comments of Calix Networks, Inc.'s Staff letter of December 17, 2009"
    )
    assert "  Comment 1: Heading 1, page 1 (as reviewer)" in message.body.splitlines()
    assert "  Comment 4: Heading 4, page 4 (as approver)" in message.body.splitlines()


def test_notices_on_two_letters_are_two_emails(team, letter, company, run):
    other = CommentLetterFactory(review__company=company, letter_date=letter.letter_date)
    first = CommentFactory(letter=letter, number=1)
    second = CommentFactory(letter=other, number=1)
    run(
        minutes(0),
        assign,
        [first, second],
        team["alice"],
        AssignmentRole.DRAFTER,
        actor=team["dave"],
    )
    run(minutes(5), notifications.sweep_unsent)

    links = sorted(message.body.splitlines()[-2] for message in sent_to(team["alice"]))
    assert links == [
        f"The letter: http://127.0.0.1:8000/letters/{letter.pk}/",
        f"The letter: http://127.0.0.1:8000/letters/{other.pk}/",
    ]


def test_decisions_within_the_window_give_the_drafter_one_email(team, drafted, run):
    comments = drafted(3)
    for comment in comments:
        run(minutes(0), submit_for_review, comment.response, actor=team["alice"])
    for n, comment in enumerate(comments):
        decide = record_decision
        run(
            minutes(1 + n / 10),
            decide,
            comment.response,
            Decision.APPROVED,
            actor=team["carol"],
            revision_number=1,
        )
    run(minutes(6.1), notifications.sweep_unsent)

    [message] = sent_to(team["alice"])
    assert message.subject == (
        "3 decisions on responses to Calix Networks, Inc.'s staff letter of December 17, 2009"
    )
    assert message.body.count("Carol approved revision 1 of the response to comment") == 3


def test_a_send_run_twice_or_with_the_sweep_sends_once(
    team, drafted, run, django_capture_on_commit_callbacks
):
    [comment] = drafted(1)
    with at(minutes(0)), django_capture_on_commit_callbacks() as queued:
        submit_for_review(comment.response, actor=team["alice"])

    with at(minutes(5)):
        for send in queued + queued:
            send()
    run(minutes(6), notifications.sweep_unsent)

    assert len(sent_to(team["bob"])) == 1
    statuses = Notification.objects.values_list("status", flat=True)
    assert set(statuses) == {DeliveryStatus.SENT}
