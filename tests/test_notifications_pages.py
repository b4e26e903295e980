"""The notification centre, the bell's count and the preferences: as owner and as outsider."""

import html
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import CommentFactory, CommentLetterFactory, MembershipFactory, UserFactory
from tracker.domain.assignments import assign
from tracker.enums import AssignmentRole, NotificationKind, Role
from tracker.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db
EIGHT = datetime(2009, 12, 30, 8, tzinfo=ZoneInfo("America/New_York"))


def notify(user, n: int, **fields) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind=NotificationKind.ASSIGNED,
        subject_key=f"assignment:{n}",
        day=date(2009, 12, 30),
        subject=f"Assigned to you as drafter: comment {n}",
        body="Comment 1: Risk Factors",
        link="/letters/1/",
        **fields,
    )


def test_centre_lists_own_notifications_newest_first(member_client, member, outsider):
    notify(member, 1)
    notify(member, 2)
    notify(outsider, 3)

    response = member_client.get(reverse("notifications"))

    assert response.status_code == 200
    text = response.text
    assert text.index("comment 2") < text.index("comment 1")
    assert "comment 3" not in text
    assert "2 unread." in text


def test_centre_pages_older_notifications(member_client, member):
    for n in range(30):
        notify(member, n)

    first = member_client.get(reverse("notifications")).text
    second = member_client.get(reverse("notifications"), {"page": 2}).text

    assert "Page 1 of 2" in first
    assert '<a class="page-link" href="?page=2">Older</a>' in first
    assert '<a class="page-link" href="?page=1">Newer</a>' in second


@pytest.mark.parametrize("count", [1, 30])
def test_centre_query_count_is_fixed(member_client, member, count, django_assert_num_queries):
    for n in range(count):
        notify(member, n)
    # session, user, the page's rows, their count for the paginator, the unread count
    with django_assert_num_queries(5):
        response = member_client.get(reverse("notifications"))
    assert response.text.count('class="notification-body') == min(count, 25)


def test_mark_read_without_javascript_goes_back_to_the_centre(member_client, member):
    item = notify(member, 1)

    response = member_client.post(reverse("notification_read", args=[item.pk]), {"page": "1"})

    assert response.status_code == 302
    assert response.url == reverse("notifications") + "?page=1"
    item.refresh_from_db()
    assert item.read_at is not None


def test_mark_read_with_htmx_returns_the_item(member_client, member):
    item = notify(member, 1)

    response = member_client.post(
        reverse("notification_read", args=[item.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert f'id="notification-{item.pk}"' in response.text
    assert "Mark read" not in response.text


def test_outsider_cannot_mark_anothers_notification(outsider_client, member):
    item = notify(member, 1)

    response = outsider_client.post(reverse("notification_read", args=[item.pk]))

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_read_marks_only_ones_own(member_client, member, outsider):
    notify(member, 1)
    notify(member, 2)
    theirs = notify(outsider, 3)

    response = member_client.post(reverse("notifications_read"))

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_count_endpoint_shows_the_unread_number(member_client, member, django_assert_num_queries):
    notify(member, 1)
    notify(member, 2, read_at="2009-12-30T09:00:00-05:00")

    with django_assert_num_queries(3):
        response = member_client.get(reverse("notification_count"))

    assert response.text.strip() == (
        '<span class="badge rounded-pill bg-danger">1<span class="visually-hidden"> unread</span>'
        "</span>"
    )


def test_count_endpoint_is_empty_with_nothing_unread(member_client):
    assert member_client.get(reverse("notification_count")).text.strip() == ""


def test_bell_links_to_the_centre_and_loads_its_count_with_htmx(member_client):
    response = member_client.get(reverse("notifications"))

    assert f'href="{reverse("notifications")}"' in response.text
    assert f'hx-get="{reverse("notification_count")}" hx-trigger="load"' in response.text


def test_preferences_default_to_everything_on(member_client):
    response = member_client.get(reverse("notification_preferences"))

    assert response.status_code == 200
    assert response.text.count("checked") == 2
    assert '<label class="form-check-label" for="id_daily_digest">' in response.text


def test_preferences_are_saved(member_client, member):
    response = member_client.post(reverse("notification_preferences"), {"immediate_notices": "on"})

    assert response.status_code == 302
    saved = NotificationPreference.objects.get(user=member)
    assert (saved.daily_digest, saved.immediate_notices) == (False, True)


@pytest.fixture
def lead(company):
    """A colleague of the member's who assigns work: a reviewer, who may by default."""
    lead = UserFactory(username="lead")
    return MembershipFactory(user=lead, company=company, role=Role.REVIEWER).user


def assign_at(moment: datetime, letter, count: int, member, lead) -> None:
    """`count` new comments of `letter` assigned to the member at `moment` by the lead."""
    comments = [CommentFactory(letter=letter) for _ in range(count)]
    with time_machine.travel(moment, tick=False):
        assign(comments, member, AssignmentRole.DRAFTER, actor=lead)


def test_centre_groups_notices_by_letter_the_latest_letter_first(
    member_client, member, company, lead
):
    older = CommentLetterFactory(review__company=company, letter_date=date(2009, 12, 17))
    newer = CommentLetterFactory(review__company=company, letter_date=date(2010, 3, 2))
    assign_at(EIGHT, older, 1, member, lead)
    assign_at(EIGHT + timedelta(minutes=1), newer, 1, member, lead)
    assign_at(EIGHT + timedelta(minutes=10), older, 2, member, lead)

    page = member_client.get(reverse("notifications")).text

    sections = [html.unescape(part) for part in page.split('<section class="mb-3')[1:]]
    assert len(sections) == 2
    assert "Calix Networks, Inc., Staff letter of December 17, 2009</a></h2>" in sections[0]
    assert sections[0].index("2 comments of") < sections[0].index("1 comment of")
    assert "Calix Networks, Inc., Staff letter of March 2, 2010</a></h2>" in sections[1]
    assert "2 comments of" not in sections[1]


@pytest.mark.parametrize("letters", [1, 30])
def test_centre_query_count_is_fixed_over_letters(
    member_client, member, company, lead, letters, django_assert_num_queries
):
    for n in range(letters):
        letter = CommentLetterFactory(review__company=company)
        assign_at(EIGHT + timedelta(minutes=n), letter, 1, member, lead)
    # session, user, the page's rows with their letters, their count, the unread count
    with django_assert_num_queries(5):
        response = member_client.get(reverse("notifications"))
    assert response.text.count('<section class="mb-3 notification-group"') == min(letters, 25)
