"""What a member sees on the dashboard, a letter page and a comment page, and at what cost."""

import pytest
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    RevisionFactory,
    UserFactory,
)
from tracker.enums import ResponseStatus

pytestmark = pytest.mark.django_db


def comments_under_headings(letter, count: int) -> list:
    """`count` comments, three per innermost heading, all under one outer heading."""
    return [
        CommentFactory(
            letter=letter,
            number=n,
            headings=["Management's Discussion and Analysis..., page 36", f"Topic {(n - 1) // 3}"],
        )
        for n in range(1, count + 1)
    ]


def add_work(comments) -> None:
    for comment in comments:
        AssignmentFactory(comment=comment, user=UserFactory())
        RevisionFactory(response=comment.response, number=1)


@pytest.mark.parametrize("count", [1, 26])
def test_letter_page_query_count_does_not_grow_with_comments(
    member_client, letter, count, django_assert_num_queries
):
    add_work(comments_under_headings(letter, count))
    url = reverse("letter", args=[letter.pk])
    with django_assert_num_queries(9):
        response = member_client.get(url)
    assert response.text.count('class="comment-row"') == count


@pytest.mark.parametrize("letters", [1, 3])
def test_dashboard_query_count_does_not_grow_with_letters(
    member_client, company, letters, django_assert_num_queries
):
    for _ in range(letters):
        add_work(comments_under_headings(CommentLetterFactory(review__company=company), 2))
    with django_assert_num_queries(5):
        response = member_client.get(reverse("dashboard"))
    assert response.text.count("approved</span>") == letters


@pytest.mark.parametrize("assignments", [1, 4])
def test_comment_page_query_count_is_fixed(
    member_client, letter, assignments, django_assert_num_queries
):
    comment = CommentFactory(letter=letter)
    for _ in range(assignments):
        AssignmentFactory(comment=comment)
    RevisionFactory(response=comment.response, number=1)
    RevisionFactory(response=comment.response, number=2, text="Second draft.")
    # Session and user; the comment with the member's role, and what it prefetches (7); the
    # activity log.
    with django_assert_num_queries(11):
        response = member_client.get(reverse("comment", args=[comment.pk]))
    assert "Second draft." in response.text


def test_letter_page_prints_each_heading_once_where_it_changes(member_client, letter):
    comments_under_headings(letter, 6)
    response = member_client.get(reverse("letter", args=[letter.pk]))
    text = response.text[response.text.index("<table") :]  # the heading filter lists them too
    assert text.count("Management&#x27;s Discussion and Analysis..., page 36") == 1
    assert text.count(">Topic 0<") == 1
    assert text.count(">Topic 1<") == 1
    assert text.index(">Topic 0<") < text.index('aria-label="Comment 3"') < text.index(">Topic 1<")


def test_dashboard_shows_progress_and_due_date(member_client, letter):
    approved, _ = CommentFactory(letter=letter), CommentFactory(letter=letter)
    approved.response.status = ResponseStatus.APPROVED
    approved.response.save()
    response = member_client.get(reverse("dashboard"))
    assert "1 / 2 approved" in response.text
    assert "Jan 4, 2010" in response.text


def test_comment_page_shows_text_pages_and_latest_revision(member_client, letter):
    comment = CommentFactory(letter=letter, pages=["F-37"], text="We note on page F-37 ...")
    RevisionFactory(response=comment.response, number=1, text="First words.")
    response = member_client.get(reverse("comment", args=[comment.pk]))
    assert "We note on page F-37 ..." in response.text
    assert "F-37" in response.text
    assert "Revision 1" in response.text
