"""One clock: every screen, e-mail and export says the same of a response date, for a company
east of New York (Tokyo) and one west of it (Los Angeles), at the hours where their days and
Washington's differ.

Both letters are due on Monday, January 4, 2010. At 8 p.m. that Monday in Washington it is
already Tuesday in Tokyo; at 1 a.m. on Tuesday in Washington it is still Monday evening in Los
Angeles. At both instants Tokyo's response is late and Los Angeles's is due today, whatever
Washington's date says.
"""

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
    CompanyFactory,
    MembershipFactory,
    UserFactory,
)
from tracker import clock, queries
from tracker.domain import reminders
from tracker.enums import AssignmentRole, ExportVersion, NotificationKind, ResponseStatus, Role
from tracker.models import Notification

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
DUE = date(2010, 1, 4)
INSTANTS = {
    "8 p.m. on the due date in Washington": datetime(2010, 1, 4, 20, tzinfo=EASTERN),
    "1 a.m. the next day in Washington": datetime(2010, 1, 5, 1, tzinfo=EASTERN),
}


@pytest.fixture(params=list(INSTANTS))
def instant(request):
    with time_machine.travel(INSTANTS[request.param], tick=False):
        yield INSTANTS[request.param]


@pytest.fixture
def world():
    """Ana drafts comment 1 of each company's letter; Carl approves in both."""
    ana = UserFactory(username="ana", first_name="Ana")
    carl = UserFactory(username="carl", first_name="Carl")
    letters = {}
    for place, zone in (("Tokyo", "Asia/Tokyo"), ("Los Angeles", "America/Los_Angeles")):
        company = CompanyFactory(name=f"{place} Registrant", time_zone=zone)
        MembershipFactory(user=ana, company=company, role=Role.PREPARER)
        MembershipFactory(user=carl, company=company, role=Role.APPROVER)
        letter = CommentLetterFactory(review__company=company, response_due_on=DUE)
        comment = CommentFactory(letter=letter, number=1)
        AssignmentFactory(comment=comment, user=ana, role=AssignmentRole.DRAFTER)
        letters[place] = letter
    return {"ana": ana, "carl": carl, "letters": letters}


def page(client, user, url: str) -> BeautifulSoup:
    client.force_login(user)
    answer = client.get(url)
    assert answer.status_code == 200
    return BeautifulSoup(answer.content, "html.parser")


def overdue_rows(rows) -> set[str]:
    """The company names in the rows that carry the Overdue badge."""
    return {
        row.find("td").get_text(" ", strip=True).split(" Letter of")[0]
        for row in rows
        if row.find(class_="text-bg-danger", string="Overdue")
    }


def test_the_clock_itself(instant):
    assert clock.today_in("Asia/Tokyo") == date(2010, 1, 5)
    assert clock.today_in("America/Los_Angeles") == date(2010, 1, 4)
    days = clock.Days()
    assert days.is_late(DUE, ResponseStatus.DRAFTING, "Asia/Tokyo")
    assert not days.is_late(DUE, ResponseStatus.DRAFTING, "America/Los_Angeles")
    assert days.is_due_soon(DUE, ResponseStatus.DRAFTING, "America/Los_Angeles")
    assert not days.is_late(DUE, ResponseStatus.APPROVED, "Asia/Tokyo")


def test_my_work(client, world, instant):
    soup = page(client, world["ana"], reverse("my_work"))
    rows = soup.select("#section-waiting tr.work-row")
    assert len(rows) == 2  # both due: Tokyo's late, Los Angeles's due soon
    assert overdue_rows(rows) == {"Tokyo Registrant"}
    lines = [line.get_text(" ", strip=True) for line in soup.select(".clock-line")]
    assert lines == [
        "For companies on Los Angeles time, today is Monday, January 4, 2010; due soon means "
        "due by Wednesday, January 6 (two business days).",
        "For companies on Tokyo time, today is Tuesday, January 5, 2010; due soon means due by "
        "Thursday, January 7 (two business days).",
    ]


def test_all_comments(client, world, instant):
    soup = page(client, world["ana"], reverse("all_comments"))
    rows = soup.select("tr.comment-row")
    assert len(rows) == 2
    assert overdue_rows(rows) == {"Tokyo Registrant"}


@pytest.mark.parametrize(("place", "late"), [("Tokyo", True), ("Los Angeles", False)])
def test_the_letter_page_and_its_overdue_filter(client, world, instant, place, late):
    url = reverse("letter", args=[world["letters"][place].pk])
    rows = page(client, world["ana"], url).select("tr.comment-row")
    assert [row.find(class_="text-bg-danger", string="Overdue") is not None for row in rows] == [
        late
    ]
    filtered = page(client, world["ana"], f"{url}?overdue=on").select("tr.comment-row")
    assert len(filtered) == (1 if late else 0)


def test_the_digest(world, instant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily_digests()
    (digest,) = [message for message in mail.outbox if message.to == ["ana@example.com"]]
    assert "Due within two business days:  1" in digest.body
    assert "Late:                          1" in digest.body


def test_the_deadline_warnings(world, instant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.deadline_sweep()
    kinds = dict(
        Notification.objects.filter(recipient=world["carl"]).values_list("subject_key", "kind")
    )
    letters = world["letters"]
    assert kinds == {
        f"letter:{letters['Tokyo'].pk}": NotificationKind.DEADLINE_PASSED,
        f"letter:{letters['Los Angeles'].pk}": NotificationKind.DEADLINE_NEAR,
    }


@pytest.mark.parametrize(
    ("place", "dated"), [("Tokyo", date(2010, 1, 5)), ("Los Angeles", date(2010, 1, 4))]
)
def test_an_export_is_dated_the_company_s_today(world, instant, place, dated):
    context = queries.response_letter_context(world["letters"][place], version=ExportVersion.PUBLIC)
    assert context.dated == dated
