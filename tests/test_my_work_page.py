"""My work as its user reads it: one list, each comment once, its cells and links, in order."""

from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.enums import AssignmentRole, Role
from tracker.models import Response
from tracker.queries import MY_WORK_ROWS

pytestmark = pytest.mark.django_db

NEW_YEARS_EVE_2009 = datetime(2009, 12, 31, 10, tzinfo=ZoneInfo("America/New_York"))


class WorkRows(HTMLParser):
    """Per section of My work: its badge, and each row as (cell texts, link targets)."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, dict] = {}
        self.section = self.row = self.cell = None
        self.in_badge = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("id", "").startswith("section-"):
            self.section = {"badge": "", "rows": []}
            self.sections[attrs["id"].removeprefix("section-")] = self.section
        elif tag == "span" and "text-bg-secondary" in attrs.get("class", ""):
            self.in_badge = True
        elif tag == "tr" and attrs.get("class") == "work-row":
            self.row = ([], [])
            self.section["rows"].append(self.row)
        elif tag == "td" and self.row is not None:
            self.cell = []
        elif tag == "a" and self.row is not None:
            self.row[1].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row[0].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "span":
            self.in_badge = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.in_badge:
            self.section["badge"] += data.strip()


def work_rows(page: str) -> dict[str, dict]:
    parser = WorkRows()
    parser.feed(page)
    return parser.sections


def assigned(user, role: str, letter, number: int, *, due_on: date | None, status: str, **fields):
    comment = CommentFactory(letter=letter, number=number, **fields)
    AssignmentFactory(comment=comment, user=user, role=role, due_on=due_on)
    Response.objects.filter(comment=comment).update(status=status)
    return comment


def row(comment, company, letter_date, heading, tasks: str, status: str, due: str) -> tuple:
    letter_url = reverse("letter", args=[comment.letter_id])
    cells = [company, letter_date, f"Comment {comment.number}", heading, tasks, status, due]
    return (cells, [letter_url, reverse("comment", args=[comment.pk]) + "?from=my_work"])


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_my_work_shows_each_lists_rows_with_their_cells_in_order(client, company):
    priya = MembershipFactory(company=company, user=UserFactory(username="priya")).user
    other = MembershipFactory(user=priya, role=Role.REVIEWER, company__name="Borealis Corp.")
    ours = CommentLetterFactory(review__company=company, letter_date=date(2009, 12, 17))
    theirs = CommentLetterFactory(
        review__company=other.company, letter_date=date(2009, 11, 2), response_due_on=None
    )
    drafter, reviewer = AssignmentRole.DRAFTER, AssignmentRole.REVIEWER
    late = assigned(priya, drafter, ours, 3, due_on=date(2009, 12, 30), status="drafting")
    later = assigned(
        priya, drafter, ours, 5, due_on=date(2010, 1, 8), status="not_started", headings=[]
    )
    review = assigned(priya, reviewer, theirs, 2, due_on=date(2010, 1, 5), status="in_review")
    undated = assigned(priya, reviewer, theirs, 4, due_on=None, status="changes_requested")
    assigned(priya, drafter, ours, 6, due_on=date(2009, 12, 1), status="approved")
    client.force_login(priya)

    sections = work_rows(client.get(reverse("my_work")).text)

    calix, borealis = "Calix Networks, Inc.", "Borealis Corp."
    assert list(sections) == ["waiting"]
    assert sections["waiting"] == {
        "badge": "3",
        "rows": [
            row(
                late,
                calix,
                "Dec 17, 2009",
                "Heading 3, page 3",
                "Draft",
                "Drafting",
                "Dec 30, 2009 Overdue",
            ),
            row(
                review,
                borealis,
                "Nov 2, 2009",
                "Heading 2, page 2",
                "Review",
                "In review",
                "Jan 5, 2010",
            ),
            row(later, calix, "Dec 17, 2009", "—", "Draft", "Not started", "Jan 8, 2010"),
        ],
    }
    links = [link for _, row_links in sections["waiting"]["rows"] for link in row_links]
    assert reverse("comment", args=[undated.pk]) not in links


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_my_work_lists_an_overdue_comment_once_with_every_task(client, member, letter):
    comment = CommentFactory(letter=letter, number=3)
    for role in [AssignmentRole.APPROVER, AssignmentRole.DRAFTER]:
        AssignmentFactory(comment=comment, user=member, role=role, due_on=date(2009, 12, 30))
    client.force_login(member)

    page = client.get(reverse("my_work")).text

    assert work_rows(page)["waiting"]["rows"] == [
        row(
            comment,
            "Calix Networks, Inc.",
            "Dec 17, 2009",
            "Heading 3, page 3",
            "Draft, Approve",
            "Not started",
            "Dec 30, 2009 Overdue",
        ),
    ]
    assert page.count("Overdue") == 1


def test_my_work_marks_a_full_list_and_links_to_the_rest(client, member, letter):
    for number in range(1, MY_WORK_ROWS + 2):
        comment = CommentFactory(letter=letter, number=number)
        AssignmentFactory(comment=comment, user=member, role=AssignmentRole.DRAFTER)
    client.force_login(member)

    page = client.get(reverse("my_work")).text

    waiting = work_rows(page)["waiting"]
    assert waiting["badge"] == f"{MY_WORK_ROWS + 1}"
    assert [cells[2] for cells, _ in waiting["rows"]] == [
        f"Comment {n}" for n in range(1, MY_WORK_ROWS + 1)
    ]
    assert f"Only the first {MY_WORK_ROWS} of {MY_WORK_ROWS + 1} are listed" in page


def test_my_work_says_so_when_a_list_is_empty(member_client):
    page = member_client.get(reverse("my_work")).text
    assert work_rows(page)["waiting"] == {"badge": "0", "rows": []}
    assert "Nothing waits for you" in page


def test_my_work_shows_names_and_headings_as_text(client, member):
    company = MembershipFactory(user=member, company__name="Smith & Wesson <b>Inc</b>").company
    letter = CommentLetterFactory(review__company=company)
    comment = CommentFactory(letter=letter, headings=["Risk <i>factors</i> & more"])
    AssignmentFactory(comment=comment, user=member, role=AssignmentRole.DRAFTER)
    client.force_login(member)

    page = client.get(reverse("my_work")).text

    assert '<td class="small">Smith &amp; Wesson &lt;b&gt;Inc&lt;/b&gt;</td>' in page
    assert '<td class="small">Risk &lt;i&gt;factors&lt;/i&gt; &amp; more</td>' in page
