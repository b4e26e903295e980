"""What the rows and selects of All comments and the letter page show, cell by cell.

The tables are read as plain values rather than model rows; these pin that a user sees
exactly what the model rows showed: names, roles in the order the work flows, dates, links.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import get_script_prefix, reverse, set_script_prefix

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.enums import AssignmentRole, ResponseStatus, Role
from tracker.models import Response
from tracker.templatetags.list_tags import url_of

pytestmark = pytest.mark.django_db

NEW_YEARS_EVE_2009 = datetime(2009, 12, 31, 10, tzinfo=ZoneInfo("America/New_York"))


def first_row(html: str) -> str:
    start = html.index('<tr class="comment-row">')
    return " ".join(html[start : html.index("</tr>", start) + 5].split())


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


@pytest.fixture
def worked_comment(company, letter):
    """Comment 3 of the letter, drafting, held by a reviewer and a drafter, due December 30."""
    comment = CommentFactory(
        letter=letter,
        number=3,
        headings=["Risk Factors", "Liquidity & Capital"],
        text="Please revise your disclosure on page 29 to explain the decline in gross margin "
        "across each of the periods presented in the filing.",
        request_types=["revise", "tell_us"],
    )
    Response.objects.filter(comment=comment).update(
        status=ResponseStatus.DRAFTING,
        updated_at=datetime(2009, 12, 18, 15, tzinfo=ZoneInfo("UTC")),
    )
    grace = UserFactory(username="grace", first_name="Grace", last_name="Lin")
    AssignmentFactory(comment=comment, user=grace, role=AssignmentRole.REVIEWER)
    AssignmentFactory(comment=comment, user=UserFactory(username="tom"), due_on=date(2009, 12, 30))
    return comment


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_all_comments_row_shows_every_cell_as_before(member_client, letter, worked_comment):
    response = member_client.get(reverse("all_comments"))
    letter_url = reverse("letter", args=[letter.pk])
    # The link carries the list, so that the comment's page walks through All comments.
    comment_url = reverse("comment", args=[worked_comment.pk]) + "?from=all_comments"
    assert first_row(response.text) == (
        '<tr class="comment-row"> <td class="small">Calix Networks, Inc.<br>'
        f'<a class="text-nowrap" href="{letter_url}">Letter of Dec 17, 2009</a></td> '
        f'<td><a href="{comment_url}" aria-label="Comment 3 of the letter of December 17, 2009">'
        "3.</a></td> "
        '<td class="small">Liquidity &amp; Capital</td> '
        '<td class="small d-none d-lg-table-cell">Please revise your disclosure on page 29 to '
        "explain the decline in …</td> "
        '<td><span class="badge status-drafting">Drafting</span></td> '
        '<td class="small"><div><span class="text-nowrap">tom</span> '
        '<span class="text-body-secondary text-nowrap">(drafter)</span></div>'
        '<div><span class="text-nowrap">Grace Lin</span> '
        '<span class="text-body-secondary text-nowrap">(reviewer)</span></div></td> '
        '<td class="small text-nowrap">Dec 30, 2009 <span class="badge text-bg-danger">Overdue'
        "</span></td> </tr>"
    )


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_letter_page_row_shows_every_cell_as_before(client, company, letter, worked_comment):
    reader = MembershipFactory(company=company, role=Role.READ_ONLY).user
    client.force_login(reader)
    response = client.get(reverse("letter", args=[letter.pk]))
    comment_url = reverse("comment", args=[worked_comment.pk])
    assert first_row(response.text) == (
        '<tr class="comment-row"> '
        f'<td><a href="{comment_url}" aria-label="Comment 3">3.</a></td> '
        f'<td><a href="{comment_url}" class="link-body-emphasis text-decoration-none">'
        "Please revise your disclosure on page 29 to explain the decline in gross margin "
        "across each of the periods presented …</a></td> "
        '<td class="d-none d-lg-table-cell"><span class="badge request-type me-1">Revise'
        ' disclosure</span><span class="badge request-type me-1">Tell us / explain</span></td> '
        '<td><span class="badge status-drafting">Drafting</span></td> '
        '<td class="small"><div><span class="text-nowrap">tom</span> '
        '<span class="text-body-secondary text-nowrap">(drafter)</span></div>'
        '<div><span class="text-nowrap">Grace Lin</span> '
        '<span class="text-body-secondary text-nowrap">(reviewer)</span></div></td> '
        '<td class="small text-nowrap">Dec 30, 2009 <span class="badge text-bg-danger">Overdue'
        "</span></td> "
        '<td class="small text-nowrap">Dec 18, 2009</td> </tr>'
    )


def test_unassigned_comment_says_so_in_both_tables(member_client, letter):
    CommentFactory(letter=letter, number=1)
    unassigned = '<td class="small"><span class="text-body-secondary">Unassigned</span></td>'
    for url in (reverse("all_comments"), reverse("letter", args=[letter.pk])):
        assert unassigned in first_row(member_client.get(url).text)


def test_letter_page_offers_members_by_name_and_assigns_only_those_who_may_hold_work(
    member_client, company, letter
):
    company.preparers_may_assign = True  # the member, a preparer, assigns here
    company.save()
    MembershipFactory(
        company=company,
        user=UserFactory(username="zed", first_name="Aisha", last_name="Khan"),
        role=Role.REVIEWER,
    )
    MembershipFactory(company=company, user=UserFactory(username="bob"), role=Role.READ_ONLY)
    MembershipFactory(user=UserFactory(username="carl"))  # another company's
    html = member_client.get(reverse("letter", args=[letter.pk])).text
    assert options(html, "assignee") == ["Anyone", "alice", "bob", "Aisha Khan"]
    assert options(html, "user") == ["Choose a member", "alice", "Aisha Khan"]
    assert options(html, "role") == ["Drafter", "Reviewer", "Approver"]


@pytest.mark.parametrize("prefix", ["/corresp/", "/"])
def test_row_links_are_what_reverse_gives_under_the_script_prefix_served(prefix):
    served = get_script_prefix()
    try:
        for current in ("/", prefix):  # the second is reversed after the first was remembered
            set_script_prefix(current)
            for name in ("letter", "comment"):
                assert url_of(name)(7) == reverse(name, args=[7])
                assert url_of(name)(7).startswith(f"{current}{name}s/")
    finally:
        set_script_prefix(served)
