"""Previous / next on the comment page: in the order of the letter, or of the list the user came
from (All comments as filtered, My work), carried in a `from` parameter that can lead nowhere
else."""

import re
from datetime import date
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain.responses import save_revision, submit_for_review
from tracker.enums import AssignmentRole, ResponseStatus, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(company):
    return MembershipFactory(user=UserFactory(username="drafter"), company=company).user


@pytest.fixture
def two_letters(company, letter, drafter):
    """Letter A: comments 1 and 3 in review, 2 not drafted; letter B, later: 1 in review."""
    later = CommentLetterFactory(review=letter.review, letter_date=date(2010, 3, 1))
    a = {n: CommentFactory(letter=letter, number=n) for n in (1, 2, 3)}
    b = {1: CommentFactory(letter=later, number=1)}
    for comment in (a[1], a[3], b[1]):
        save_revision(comment.response, "Revised.", author=drafter, based_on=None)
        submit_for_review(comment.response, actor=drafter)
    return a, b


def walk_links(page: str) -> dict[str, str]:
    """{"previous": href, "next": href} of the page's walk links."""
    return dict(re.findall(r'id="walk-(previous|next)"[^>]*href="([^"]*)"', page))


def comment_url(comment, origin: str = "") -> str:
    url = reverse("comment", args=[comment.pk])
    return f"{url}?from={quote(origin)}" if origin else url


def test_walks_the_letter_in_number_order_by_default(client, drafter, two_letters):
    a, _ = two_letters
    client.force_login(drafter)

    middle = client.get(comment_url(a[2])).text
    first = client.get(comment_url(a[1])).text

    assert walk_links(middle) == {"previous": comment_url(a[1]), "next": comment_url(a[3])}
    assert walk_links(first) == {"next": comment_url(a[2])}
    assert "In the order of the letter" in middle
    assert "<kbd>j</kbd>" in middle and "<kbd>]</kbd>" in middle
    assert "/static/js/walk.js" in middle


def test_walks_all_comments_as_filtered_across_letters(client, drafter, two_letters):
    a, b = two_letters
    client.force_login(drafter)
    origin = "all_comments?status=in_review"

    page = client.get(comment_url(a[3], origin)).text

    carry = "?from=all_comments%3Fstatus%3Din_review"
    assert walk_links(page) == {
        "previous": reverse("comment", args=[a[1].pk]) + carry,
        "next": reverse("comment", args=[b[1].pk]) + carry,
    }
    assert "In the order of All comments, as filtered" in page
    assert f'href="{reverse("all_comments")}?status=in_review"' in page


def test_a_comment_that_left_the_filtered_list_keeps_its_place(client, drafter, two_letters):
    a, b = two_letters
    client.force_login(drafter)

    page = client.get(comment_url(a[2], "all_comments?status=in_review")).text

    assert [href.split("?")[0] for href in walk_links(page).values()] == [
        reverse("comment", args=[a[1].pk]),
        reverse("comment", args=[a[3].pk]),
    ]


def test_all_comments_rows_link_with_the_list_they_come_from(client, drafter, two_letters):
    a, _ = two_letters
    client.force_login(drafter)

    page = client.get(reverse("all_comments"), {"status": "in_review", "page": "1"}).text

    assert (
        f'href="{reverse("comment", args=[a[1].pk])}?from=all_comments%3Fstatus%3Din_review"'
        in page
    )


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example/comments/",
        "//evil.example",
        "all_comments?letter=999999",
        "all_comments?due_after=not-a-date",
        "filings?x=1",
    ],
)
def test_a_forged_or_foreign_origin_falls_back_to_the_letter(client, drafter, two_letters, origin):
    a, _ = two_letters
    client.force_login(drafter)

    answer = client.get(comment_url(a[2], origin))

    assert answer.status_code == 200
    assert walk_links(answer.text) == {"previous": comment_url(a[1]), "next": comment_url(a[3])}
    assert "evil.example" not in answer.text


def test_another_companys_letter_in_the_filter_is_refused(client, drafter, two_letters, outsider):
    a, _ = two_letters
    theirs = CommentLetterFactory(review__company=outsider.memberships.get().company)
    client.force_login(drafter)

    page = client.get(comment_url(a[2], f"all_comments?letter={theirs.pk}")).text

    assert "In the order of the letter" in page


def test_walks_my_work_in_its_order(client, company, drafter, two_letters):
    a, b = two_letters
    dues = ((a[3], date(2030, 1, 5)), (b[1], date(2030, 1, 2)), (a[1], date(2030, 1, 9)))
    for comment, due in dues:
        AssignmentFactory(comment=comment, user=drafter, role=AssignmentRole.DRAFTER, due_on=due)
    client.force_login(drafter)

    page = client.get(comment_url(a[3], "my_work")).text
    home = client.get(reverse("my_work")).text

    assert walk_links(page) == {
        "previous": comment_url(b[1], "my_work"),
        "next": comment_url(a[1], "my_work"),
    }
    assert "In the order of My work" in page
    assert f'href="{comment_url(a[3], "my_work")}"' in home


def test_walk_links_are_absent_from_htmx_swaps(client, drafter, two_letters):
    a, _ = two_letters
    client.force_login(drafter)

    answer = client.post(
        reverse("comment_save", args=[a[2].pk]),
        {"text": "A first draft.", "based_on": ""},
        HTTP_HX_REQUEST="true",
    )

    assert answer.status_code == 200
    assert "walk-next" not in answer.text
    a[2].response.refresh_from_db()
    assert a[2].response.status == ResponseStatus.DRAFTING


def test_read_only_member_walks_too(client, company, two_letters):
    a, _ = two_letters
    reader = MembershipFactory(company=company, role=Role.READ_ONLY).user
    client.force_login(reader)

    assert walk_links(client.get(comment_url(a[1])).text) == {"next": comment_url(a[2])}
