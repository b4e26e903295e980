"""An extension the staff granted: the response date moves everywhere, the original stays in
sight, and the warnings already sent for the old date are not sent again."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain import reminders
from tracker.domain.extensions import record_extension
from tracker.domain.responses import ActionRefused
from tracker.enums import AssignmentRole, NotificationKind, Role
from tracker.models import Activity, Extension, Notification

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
DUE = date(2010, 1, 4)  # a Monday
EXTENDED = date(2010, 1, 20)


def at(year: int, month: int, day: int, hour: int = 9):
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=EASTERN), tick=False)


@pytest.fixture
def team():
    ana = UserFactory(username="ana", first_name="Ana")
    company = MembershipFactory(user=ana, role=Role.PREPARER).company
    carl = MembershipFactory(user=UserFactory(username="carl"), company=company, role=Role.APPROVER)
    reader = MembershipFactory(company=company, role=Role.READ_ONLY).user
    letter = CommentLetterFactory(review__company=company, response_due_on=DUE)
    comment = CommentFactory(letter=letter, number=1)
    AssignmentFactory(comment=comment, user=ana, role=AssignmentRole.DRAFTER)
    return {"ana": ana, "carl": carl.user, "reader": reader, "letter": letter}


def extend(team, **changes):
    fields = {
        "new_due_on": EXTENDED,
        "granted_on": date(2010, 1, 4),
        "granted_by": "Jay Knight",
        "asked_on": date(2010, 1, 3),
        "note": "Asked for two more weeks for the audited figures.",
    }
    return record_extension(team["letter"], **(fields | changes), actor=team["ana"])


def soup_of(client, user, url: str) -> BeautifulSoup:
    client.force_login(user)
    answer = client.get(url)
    assert answer.status_code == 200
    return BeautifulSoup(answer.content, "html.parser")


def test_the_letter_page_shows_the_new_date_and_the_original(client, team):
    with at(2010, 1, 5):
        extend(team)
        soup = soup_of(client, team["ana"], reverse("letter", args=[team["letter"].pk]))
    due = " ".join(soup.select_one(".response-due").get_text(" ", strip=True).split())
    assert due.startswith(
        "Wednesday, January 20, 2010 (extended from Monday, January 4, 2010: granted by Jay "
        "Knight on January 4, 2010)"
    )
    (logged,) = Activity.objects.filter(verb="extension_recorded")
    assert logged.actor == team["ana"]
    assert logged.summary == (
        "Response date extended from January 4, 2010 to January 20, 2010, granted by Jay Knight "
        "on January 4, 2010"
    )


def test_a_second_extension_keeps_the_first_date_as_the_original(client, team):
    with at(2010, 1, 5):
        extend(team)
        extend(team, new_due_on=date(2010, 2, 1), granted_on=date(2010, 1, 5), granted_by="Jan Woo")
        soup = soup_of(client, team["ana"], reverse("letter", args=[team["letter"].pk]))
    due = " ".join(soup.select_one(".response-due").get_text(" ", strip=True).split())
    assert (
        "Monday, February 1, 2010 (extended from Monday, January 4, 2010: granted by Jan Woo" in due
    )
    assert list(Extension.objects.values_list("previous_due_on", "new_due_on")) == [
        (DUE, EXTENDED),
        (EXTENDED, date(2010, 2, 1)),
    ]


def test_my_work_and_the_digest_follow_the_new_date(
    client, team, django_capture_on_commit_callbacks
):
    with at(2010, 1, 5):
        before = soup_of(client, team["ana"], reverse("my_work"))
        assert len(before.select("#section-waiting tr.work-row .text-bg-danger")) == 1
        extend(team)
        after = soup_of(client, team["ana"], reverse("my_work"))
        assert len(after.select("#section-waiting tr.work-row")) == 1  # still hers to draft
        assert after.select("#section-waiting tr.work-row .text-bg-danger") == []
        with django_capture_on_commit_callbacks(execute=True):
            reminders.daily_digests()
    (digest,) = [message for message in mail.outbox if message.to == ["ana@example.com"]]
    assert "Late:                          0" in digest.body


def test_warnings_sent_for_the_old_date_are_not_sent_again(
    team, django_capture_on_commit_callbacks
):
    def sweep():
        with django_capture_on_commit_callbacks(execute=True):
            reminders.deadline_sweep()

    with at(2010, 1, 4):
        sweep()  # due today: "near", for the old date
        extend(team)
        sweep()
    with at(2010, 1, 5):
        sweep()  # the old date passed, but it is no longer the letter's date
    kinds = list(Notification.objects.filter(recipient=team["carl"]).values_list("kind", "day"))
    assert kinds == [(NotificationKind.DEADLINE_NEAR, date(2010, 1, 4))]
    with at(2010, 1, 18):
        sweep()  # two business days before the new date
    assert (
        Notification.objects.filter(
            recipient=team["carl"], kind=NotificationKind.DEADLINE_NEAR
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"new_due_on": DUE}, "The new response date must be later than the one in force"),
        ({"asked_on": date(2010, 1, 5)}, "granted on or after the day it was asked for"),
        ({"granted_on": date(2010, 1, 6)}, "cannot be in the future"),
    ],
)
def test_refused_extensions_change_nothing(team, changes, message):
    with at(2010, 1, 5), pytest.raises(ActionRefused, match=message):
        extend(team, **changes)
    team["letter"].refresh_from_db()
    assert team["letter"].response_due_on == DUE
    assert not Extension.objects.exists()
    assert not Activity.objects.filter(verb="extension_recorded").exists()


def test_the_form_records_it_and_shows_a_refusal_with_what_was_typed(client, team):
    client.force_login(team["ana"])
    url = reverse("letter_extension", args=[team["letter"].pk])
    fields = {"new_due_on": "2010-01-02", "granted_on": "2010-01-04", "granted_by": "Jay Knight"}
    with at(2010, 1, 5):
        refused = client.post(url, fields)
        assert refused.status_code == 400
        assert "must be later than the one in force, January 4, 2010" in refused.content.decode()
        assert 'value="Jay Knight"' in refused.content.decode()
        done = client.post(url, fields | {"new_due_on": "2010-01-20"}, follow=True)
    assert "The response is now due on Wednesday, January 20, 2010." in done.content.decode()
    team["letter"].refresh_from_db()
    assert team["letter"].response_due_on == EXTENDED


def test_a_read_only_member_may_not_record_one(client, team):
    client.force_login(team["reader"])
    url = reverse("letter_extension", args=[team["letter"].pk])
    assert client.get(url).status_code == 403
    fields = {"new_due_on": "2010-01-20", "granted_on": "2010-01-04", "granted_by": "Jay Knight"}
    assert client.post(url, fields).status_code == 403
    assert not Extension.objects.exists()
    with pytest.raises(ActionRefused):
        record_extension(
            team["letter"],
            new_due_on=EXTENDED,
            granted_on=date(2010, 1, 4),
            granted_by="Jay Knight",
            actor=team["reader"],
        )


def test_assignments_due_on_the_old_date_follow_it_and_earlier_ones_stay(team):
    comment = team["letter"].comments.get()
    tied = comment.assignments.get()
    tied.due_on = DUE
    tied.save()
    internal = AssignmentFactory(
        comment=comment, user=team["carl"], role=AssignmentRole.APPROVER, due_on=date(2009, 12, 30)
    )
    with at(2010, 1, 5):
        extend(team)
    tied.refresh_from_db()
    internal.refresh_from_db()
    assert (tied.due_on, internal.due_on) == (EXTENDED, date(2009, 12, 30))
    assert Activity.objects.get(verb="extension_recorded").detail["assignments_moved"] == 1
