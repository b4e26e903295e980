"""The private calendar feed, read back as a calendar program reads it (with `icalendar`)."""

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    MembershipFactory,
)
from tracker.domain.calendar_feeds import new_calendar_feed
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import AssignmentRole, Decision, Role
from tracker.models import CalendarFeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    drafter = MembershipFactory(role=Role.PREPARER, user__first_name="Ana").user
    company = drafter.memberships.get().company
    approver = MembershipFactory(company=company, role=Role.APPROVER).user
    letter = CommentLetterFactory(
        review__company=company, letter_date=date(2026, 11, 20), response_due_on=date(2026, 12, 7)
    )
    return {"drafter": drafter, "approver": approver, "company": company, "letter": letter}


def events(client, secret: str) -> dict[str, dict]:
    """The feed's events by UID: summary, start date, end date, link."""
    answer = client.get(reverse("calendar_feed", args=[secret]))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.content)
    return {
        str(event["uid"]): {
            "summary": str(event["summary"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "url": str(event["url"]),
        }
        for event in calendar.walk("VEVENT")
    }


def approve(comment, team) -> None:
    save_revision(comment.response, "Revised.", author=team["drafter"], based_on=None)
    submit_for_review(comment.response, actor=team["drafter"])
    record_decision(comment.response, Decision.APPROVED, actor=team["approver"], revision_number=1)


def test_the_feed_lists_the_letters_response_date_and_own_assignments(client, team):
    first = CommentFactory(letter=team["letter"], number=1)
    second = CommentFactory(letter=team["letter"], number=2)
    mine = AssignmentFactory(comment=first, user=team["drafter"], due_on=date(2026, 12, 3))
    AssignmentFactory(comment=second, user=team["drafter"])  # no date of its own
    AssignmentFactory(
        comment=second,
        user=team["approver"],
        role=AssignmentRole.APPROVER,
        due_on=date(2026, 12, 4),
    )  # someone else's
    feed = events(client, new_calendar_feed(team["drafter"]))

    letter_uid = f"letter-{team['letter'].pk}@127.0.0.1"
    assert set(feed) == {letter_uid, f"assignment-{mine.pk}@127.0.0.1"}
    company = team["company"].name
    assert feed[letter_uid] == {
        "summary": f"Response due: {company}, Staff letter of November 20, 2026",
        "start": date(2026, 12, 7),
        "end": date(2026, 12, 8),
        "url": f"http://127.0.0.1:8000/letters/{team['letter'].pk}/",
    }
    assert feed[f"assignment-{mine.pk}@127.0.0.1"]["summary"] == (
        f"Draft the response to comment 1: {company}, Staff letter of November 20, 2026"
    )
    assert feed[f"assignment-{mine.pk}@127.0.0.1"]["start"] == date(2026, 12, 3)


def test_a_moved_date_moves_the_same_event(client, team):
    comment = CommentFactory(letter=team["letter"])
    assignment = AssignmentFactory(comment=comment, user=team["drafter"], due_on=date(2026, 12, 3))
    secret = new_calendar_feed(team["drafter"])
    before = events(client, secret)
    assignment.due_on = date(2026, 12, 2)
    assignment.save()
    team["letter"].response_due_on = date(2026, 12, 9)
    team["letter"].save()
    after = events(client, secret)
    assert set(after) == set(before)
    assert after[f"assignment-{assignment.pk}@127.0.0.1"]["start"] == date(2026, 12, 2)
    assert after[f"letter-{team['letter'].pk}@127.0.0.1"]["start"] == date(2026, 12, 9)


def test_finished_work_leaves_the_feed(client, team):
    comment = CommentFactory(letter=team["letter"])
    AssignmentFactory(comment=comment, user=team["drafter"], due_on=date(2026, 12, 3))
    secret = new_calendar_feed(team["drafter"])
    assert len(events(client, secret)) == 2
    approve(comment, team)
    assert events(client, secret) == {}


def test_names_typed_by_users_are_escaped_as_calendar_text(client, team):
    team["company"].name = "Evil, Inc.; DESCRIPTION:x\r\nBEGIN:VEVENT"
    team["company"].save()
    CommentFactory(letter=team["letter"])
    feed = events(client, new_calendar_feed(team["drafter"]))
    (only,) = feed.values()
    assert only["summary"].startswith("Response due: Evil, Inc.; DESCRIPTION:x")


def test_only_the_latest_address_works_and_revoking_ends_it(client, team):
    CommentFactory(letter=team["letter"])
    old = new_calendar_feed(team["drafter"])
    new = new_calendar_feed(team["drafter"])
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert len(events(client, new)) == 1
    client.force_login(team["drafter"])
    client.post(reverse("calendar_settings"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 404


def test_a_made_up_address_or_an_inactive_user_gets_nothing(client, team):
    assert client.get(reverse("calendar_feed", args=["made-up"])).status_code == 404
    secret = new_calendar_feed(team["drafter"])
    team["drafter"].is_active = False
    team["drafter"].save()
    assert client.get(reverse("calendar_feed", args=[secret])).status_code == 404


def test_another_company_stays_out_of_the_feed(client, team):
    CommentFactory(letter=CommentLetterFactory())  # a letter of a company he is not in
    feed = events(client, new_calendar_feed(team["drafter"]))
    assert feed == {}


def test_the_page_shows_the_address_once_and_keeps_only_its_digest(client, team):
    client.force_login(team["drafter"])
    page = client.get(reverse("calendar_settings"))
    assert "You have no calendar address yet." in page.content.decode()
    made = client.post(reverse("calendar_settings"), {"action": "new"})
    assert made["Cache-Control"].startswith("max-age=0") or "no-store" in made["Cache-Control"]
    address = made.context["address"]
    assert address.startswith("http://127.0.0.1:8000/calendar/") and address.endswith(".ics")
    secret = address.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.objects.get(user=team["drafter"])
    assert secret not in stored.secret_sha256
    again = client.get(reverse("calendar_settings")).content.decode()
    assert secret not in again and "It is not shown again" in again
    client.logout()
    assert client.get(reverse("calendar_feed", args=[secret])).status_code == 200


def test_an_unknown_action_is_told_and_changes_nothing(client, team):
    client.force_login(team["drafter"])
    answer = client.post(reverse("calendar_settings"), {"action": "delete-everything"}, follow=True)
    assert "Choose to make a new address or to revoke yours." in answer.content.decode()
    assert not CalendarFeed.objects.exists()


def test_the_feed_runs_three_queries_whatever_its_size(client, team, django_assert_num_queries):
    secret = new_calendar_feed(team["drafter"])
    for number in range(1, 31):
        comment = CommentFactory(letter=team["letter"], number=number)
        AssignmentFactory(comment=comment, user=team["drafter"], due_on=date(2026, 12, 3))
    CommentLetterFactory(review=team["letter"].review)
    with django_assert_num_queries(3):  # the owner, his letters, his assignments
        answer = client.get(reverse("calendar_feed", args=[secret]))
    assert len(Calendar.from_ical(answer.content).walk("VEVENT")) == 31
