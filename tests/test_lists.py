"""The comment lists: a letter's filtered comments and bulk assignment, My work, All comments."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    FilingFactory,
    FilingReviewFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.enums import AssignmentRole, ResponseStatus, Role
from tracker.models import Activity, Assignment, Response
from tracker.queries import MY_WORK_ROWS

pytestmark = pytest.mark.django_db

NEW_YEARS_EVE_2009 = datetime(2009, 12, 31, 10, tzinfo=ZoneInfo("America/New_York"))


def member(company, username: str, role: str = Role.PREPARER):
    return MembershipFactory(company=company, user=UserFactory(username=username), role=role).user


def with_status(comment, status: str):
    Response.objects.filter(comment=comment).update(status=status)
    return comment


def comments_of(letter, count: int, **fields) -> list:
    return [CommentFactory(letter=letter, number=n, **fields) for n in range(1, count + 1)]


def letter_numbers(response) -> list[int]:
    return [comment.number for group in response.context["groups"] for comment in group.comments]


def listed(response) -> list[int]:
    return [comment.pk for comment in response.context["page"]]


def pks(comments) -> list[int]:
    return [comment.pk for comment in comments]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 50])
def test_letter_page_query_count_is_fixed(member_client, letter, count, django_assert_num_queries):
    for comment in comments_of(letter, count):
        AssignmentFactory(comment=comment, user=UserFactory(), due_on=date(2010, 1, 4))
    with django_assert_num_queries(9):
        response = member_client.get(reverse("letter", args=[letter.pk]), {"status": "not_started"})
    assert response.status_code == 200
    with django_assert_num_queries(9):
        response = member_client.get(reverse("letter", args=[letter.pk]))
    assert response.text.count('class="comment-row"') == count


@pytest.mark.parametrize("count", [1, 50])
def test_my_work_query_count_is_fixed(
    member_client, member, letter, count, django_assert_num_queries
):
    for comment in comments_of(letter, count):
        AssignmentFactory(comment=comment, user=member, due_on=date(2009, 12, 30))
    # Session, user, the open assignments, the SEC's closures (for "due soon"), the rows shown.
    with django_assert_num_queries(5):
        response = member_client.get(reverse("my_work"))
    listed = min(count, MY_WORK_ROWS)
    assert len(response.context["work"].rows) == listed
    assert response.text.count('class="work-row"') == listed  # each once, overdue or not


@pytest.mark.parametrize("count", [1, 50])
def test_all_comments_query_count_is_fixed(member_client, letter, count, django_assert_num_queries):
    for comment in comments_of(letter, count):
        AssignmentFactory(comment=comment, user=UserFactory())
    with django_assert_num_queries(8):
        response = member_client.get(reverse("all_comments"), {"request_type": "revise"})
    assert response.text.count('class="comment-row"') == count


# --- the letter page's filters ----------------------------------------------------------------


def test_letter_filter_by_status_lists_only_that_status(member_client, letter):
    first, second, third = comments_of(letter, 3)
    with_status(second, ResponseStatus.IN_REVIEW)
    response = member_client.get(reverse("letter", args=[letter.pk]), {"status": "in_review"})
    assert letter_numbers(response) == [2]


def test_letter_filter_by_assignee_lists_only_his_comments(member_client, company, letter):
    bob = member(company, "bob", Role.REVIEWER)
    first, second, third = comments_of(letter, 3)
    AssignmentFactory(comment=first, user=bob, role=AssignmentRole.REVIEWER)
    AssignmentFactory(comment=first, user=bob, role=AssignmentRole.APPROVER)
    AssignmentFactory(comment=third, user=bob, role=AssignmentRole.REVIEWER)
    response = member_client.get(reverse("letter", args=[letter.pk]), {"assignee": bob.pk})
    assert letter_numbers(response) == [1, 3]


def test_letter_filter_by_request_type_matches_one_code_of_the_list(member_client, letter):
    CommentFactory(letter=letter, number=1, request_types=["revise"])
    CommentFactory(letter=letter, number=2, request_types=["tell_us", "supplemental"])
    CommentFactory(letter=letter, number=3, request_types=[])
    response = member_client.get(reverse("letter", args=[letter.pk]), {"request_type": "tell_us"})
    assert letter_numbers(response) == [2]


def test_letter_filter_by_heading_matches_the_innermost_heading(member_client, letter):
    CommentFactory(letter=letter, number=1, headings=["Risk Factors", "Liquidity"])
    CommentFactory(letter=letter, number=2, headings=["Liquidity", "Other"])
    CommentFactory(letter=letter, number=3, headings=["Business", "Liquidity"])
    response = member_client.get(reverse("letter", args=[letter.pk]), {"heading": "Liquidity"})
    assert letter_numbers(response) == [1, 3]
    choices = list(response.context["filter"].form.fields["heading"].choices)
    assert choices == [("", "All headings"), ("Liquidity", "Liquidity"), ("Other", "Other")]


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_letter_filter_overdue_lists_past_due_unapproved_comments(member_client, letter):
    first, second, third, fourth = comments_of(letter, 4)  # the letter is due January 4
    AssignmentFactory(comment=first, due_on=date(2009, 12, 30))
    with_status(AssignmentFactory(comment=second, due_on=date(2009, 12, 30)).comment, "approved")
    AssignmentFactory(comment=third, due_on=date(2009, 12, 31))
    response = member_client.get(reverse("letter", args=[letter.pk]), {"overdue": "on"})
    assert letter_numbers(response) == [1]


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_letter_page_shows_due_date_and_last_change(member_client, letter):
    comment = CommentFactory(letter=letter, number=1)
    AssignmentFactory(comment=comment, due_on=date(2009, 12, 29))
    response = member_client.get(reverse("letter", args=[letter.pk]))
    row = " ".join(response.text[response.text.index('class="comment-row"') :].split())
    assert '<td class="small text-nowrap">Dec 29, 2009 <span class="badge' in row
    assert '<td class="small text-nowrap">Dec 31, 2009</td>' in row


# --- assigning from the letter page -----------------------------------------------------------


def assign_url(letter) -> str:
    return reverse("letter_assign", args=[letter.pk])


@pytest.fixture
def assigner_client(client, company):
    """rae: a reviewer, who assigns work whatever the company's setting."""
    client.force_login(member(company, "rae", Role.REVIEWER))
    return client


def test_bulk_assign_assigns_several_comments_and_logs_each(assigner_client, company, letter):
    carol = member(company, "carol")
    first, second, third = comments_of(letter, 3)
    data = {"comments": [first.pk, third.pk], "user": carol.pk, "role": "drafter"}
    response = assigner_client.post(assign_url(letter), data | {"due_on": "2010-01-04"})
    assert response.status_code == 302
    assert response.url == reverse("letter", args=[letter.pk])
    assigned = Assignment.objects.filter(user=carol).order_by("comment__number")
    assert [(a.comment_id, a.role, a.due_on) for a in assigned] == [
        (first.pk, "drafter", date(2010, 1, 4)),
        (third.pk, "drafter", date(2010, 1, 4)),
    ]
    assert Activity.objects.filter(verb="assignment.added").count() == 2
    assert messages_of(response) == ["carol assigned as drafter to 2 of 2 selected comments."]


def test_bulk_assign_redirects_back_to_the_filtered_page(assigner_client, company, letter):
    comment = CommentFactory(letter=letter)
    data = {"comments": [comment.pk], "user": member(company, "carol").pk, "role": "drafter"}
    response = assigner_client.post(assign_url(letter), data | {"filters": "status=not_started"})
    assert response.url == reverse("letter", args=[letter.pk]) + "?status=not_started"


def test_bulk_assign_by_a_reader_is_forbidden_and_changes_nothing(client, company, letter):
    comment = CommentFactory(letter=letter)
    client.force_login(member(company, "rita", Role.READ_ONLY))
    data = {"comments": [comment.pk], "user": member(company, "carol").pk, "role": "drafter"}
    response = client.post(assign_url(letter), data)
    assert response.status_code == 403
    assert Assignment.objects.count() == 0


def test_bulk_assign_by_an_outsider_is_not_found(outsider_client, letter):
    comment = CommentFactory(letter=letter)
    data = {"comments": [comment.pk], "user": outsider_client.session["_auth_user_id"]}
    response = outsider_client.post(assign_url(letter), data | {"role": "drafter"})
    assert response.status_code == 404
    assert Assignment.objects.count() == 0


def test_bulk_assign_of_a_reviewer_as_approver_is_refused(assigner_client, company, letter):
    comment = CommentFactory(letter=letter)
    bob = member(company, "bob", Role.REVIEWER)
    data = {"comments": [comment.pk], "user": bob.pk, "role": "approver"}
    response = assigner_client.post(assign_url(letter), data, follow=True)
    assert response.status_code == 200
    assert "bob cannot be the approver here." in response.text
    assert Assignment.objects.count() == 0


def test_bulk_assign_refuses_a_comment_of_another_letter(assigner_client, company, letter):
    own = CommentFactory(letter=letter)
    other = CommentFactory(letter=CommentLetterFactory(review=letter.review))
    data = {"comments": [own.pk, other.pk], "user": member(company, "carol").pk}
    response = assigner_client.post(assign_url(letter), data | {"role": "drafter"})
    assert messages_of(response) == ["Select comments of this letter only."]
    assert Assignment.objects.count() == 0


def test_bulk_assign_through_htmx_returns_the_comment_table(assigner_client, company, letter):
    comment = CommentFactory(letter=letter)
    data = {"comments": [comment.pk], "user": member(company, "carol").pk, "role": "drafter"}
    response = assigner_client.post(assign_url(letter), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    # The page part only (the assignee's notice, written with the change, renders its e-mail).
    assert "tracker/letter/_comments.html" in [t.name for t in response.templates]
    assert "base.html" not in [t.name for t in response.templates]
    assert response.text.lstrip().startswith('<div id="letter-comments">')
    assert "carol assigned as drafter to 1 of 1 selected comments." in response.text
    assignee = '<span class="text-nowrap">carol</span> <span class="text-body-secondary'
    assert assignee in response.text


def test_letter_page_offers_no_assigning_to_a_preparer_by_default(member_client, letter):
    CommentFactory(letter=letter, number=4)
    response = member_client.get(reverse("letter", args=[letter.pk]))
    assert response.context["assign_form"] is None
    assert "Select comment 4" not in response.text


def test_letter_page_labels_each_checkbox(assigner_client, letter):
    CommentFactory(letter=letter, number=4)
    response = assigner_client.get(reverse("letter", args=[letter.pk]))
    assert "Select comment 4</label>" in response.text
    assert "Select all comments shown</label>" in response.text


# --- My work ------------------------------------------------------------------------------------


@pytest.fixture
def priya(company):
    """A preparer at the company and a reviewer at a second one."""
    user = member(company, "priya")
    MembershipFactory(user=user, role=Role.REVIEWER)
    return user


def assigned(user, role: str, *, due_on: date | None, status: str = "drafting", letter=None):
    comment = CommentFactory(letter=letter) if letter else CommentFactory()
    AssignmentFactory(comment=comment, user=user, role=role, due_on=due_on)
    return with_status(comment, status)


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_my_work_lists_each_waiting_comment_once_soonest_due_first(client, priya, letter):
    second_company = priya.memberships.exclude(company=letter.review.company).get().company
    elsewhere = CommentLetterFactory(review__company=second_company, response_due_on=None)
    drafter, reviewer = AssignmentRole.DRAFTER, AssignmentRole.REVIEWER
    drafting = assigned(priya, drafter, due_on=date(2010, 1, 6), letter=letter)
    overdue = assigned(priya, drafter, due_on=date(2009, 12, 30), letter=letter)
    assigned(priya, drafter, due_on=date(2009, 12, 30), status="approved", letter=letter)
    due_today = assigned(
        priya, reviewer, due_on=date(2009, 12, 31), status="in_review", letter=elsewhere
    )
    # January 1 is a holiday: two business days from December 31 end on Tuesday, January 5.
    due_tuesday = assigned(priya, reviewer, due_on=date(2010, 1, 5), letter=elsewhere)
    assigned(UserFactory(), drafter, due_on=date(2009, 12, 30), letter=letter)
    client.force_login(priya)
    work = client.get(reverse("my_work")).context["work"]
    assert pks(work.rows) == [overdue.pk, due_today.pk, due_tuesday.pk, drafting.pk]
    assert work.total == 4


@time_machine.travel(NEW_YEARS_EVE_2009, tick=False)
def test_my_work_falls_back_to_the_letters_due_date(member_client, member, company):
    letter = CommentLetterFactory(review__company=company, response_due_on=date(2009, 12, 28))
    comment = assigned(member, AssignmentRole.DRAFTER, due_on=None, letter=letter)
    page = member_client.get(reverse("my_work"))
    assert pks(page.context["work"].rows) == [comment.pk]
    assert "Dec 28, 2009 <span" in page.text and "Overdue" in page.text


def test_my_work_leaves_out_companies_the_user_has_left(member_client, member):
    assigned(member, AssignmentRole.DRAFTER, due_on=None)  # a company he is no member of
    work = member_client.get(reverse("my_work")).context["work"]
    assert work.rows == []


def test_my_work_is_the_home_page_and_links_each_comment(member_client, member, letter):
    comment = assigned(member, AssignmentRole.DRAFTER, due_on=None, letter=letter)
    response = member_client.get("/")
    assert response.resolver_match.url_name == "my_work"
    link = f"{reverse('comment', args=[comment.pk])}?from=my_work"
    assert f'<a href="{link}">Comment {comment.number}</a>' in response.text


# --- All comments -------------------------------------------------------------------------------


@pytest.fixture
def two_companies(member, company, letter):
    """alice's comments in two companies, and a stranger's company she must never see."""
    other = MembershipFactory(user=member, role=Role.READ_ONLY).company
    return {
        "calix": CommentFactory(letter=letter, text="Please revise the risk factor."),
        "other": CommentFactory(letter__review__company=other, text="Tell us about revenue."),
        "stranger": CommentFactory(text="Please revise the risk factor."),
    }


def test_all_comments_lists_only_the_users_companies(member_client, two_companies):
    response = member_client.get(reverse("all_comments"))
    assert listed(response) == pks([two_companies["calix"], two_companies["other"]])


def test_all_comments_filter_by_company(member_client, company, two_companies):
    response = member_client.get(reverse("all_comments"), {"company": company.pk})
    assert listed(response) == [two_companies["calix"].pk]


def test_all_comments_ignores_a_forged_company_filter(member_client, two_companies):
    stranger = two_companies["stranger"].letter.review.company
    response = member_client.get(reverse("all_comments"), {"company": stranger.pk})
    assert listed(response) == pks([two_companies["calix"], two_companies["other"]])
    assert stranger.name not in response.text


@pytest.mark.parametrize("name", ["company", "filing", "letter", "assignee"])
def test_all_comments_refuses_a_choice_not_among_the_users_own(member_client, two_companies, name):
    stranger = two_companies["stranger"].letter
    forged = {"company": stranger.review.company_id, "letter": stranger.pk}.get(name, 999_999)
    response = member_client.get(reverse("all_comments"), {name: forged})
    assert listed(response) == pks([two_companies["calix"], two_companies["other"]])
    refusal = "Select a valid choice. That choice is not one of the available choices."
    assert response.text.count(refusal) == 1
    assert f'<select name="{name}" class="form-select is-invalid"' in response.text


def test_letter_filter_refuses_an_assignee_not_of_the_company(member_client, letter):
    comments = comments_of(letter, 2)
    stranger = AssignmentFactory(comment=CommentFactory()).user
    response = member_client.get(reverse("letter", args=[letter.pk]), {"assignee": stranger.pk})
    assert letter_numbers(response) == [comment.number for comment in comments]
    refusal = "Select a valid choice. That choice is not one of the available choices."
    assert response.text.count(refusal) == 1


def test_all_comments_keeps_the_chosen_letter_selected(member_client, letter):
    response = member_client.get(reverse("all_comments"), {"letter": letter.pk})
    assert f'<option value="{letter.pk}" selected>' in response.text


def test_all_comments_filter_by_filing(member_client, company, letter):
    filing = FilingFactory(company=company, form_type="10-K")
    review = FilingReviewFactory(company=company, filings=[filing])
    wanted = CommentFactory(letter=CommentLetterFactory(review=review))
    CommentFactory(letter=letter)
    response = member_client.get(reverse("all_comments"), {"filing": filing.pk})
    assert listed(response) == [wanted.pk]


def test_all_comments_filter_by_letter(member_client, company, letter):
    wanted = CommentFactory(letter=letter)
    CommentFactory(letter=CommentLetterFactory(review=letter.review))
    response = member_client.get(reverse("all_comments"), {"letter": letter.pk})
    assert listed(response) == [wanted.pk]


def test_all_comments_filter_by_status(member_client, letter):
    wanted = with_status(CommentFactory(letter=letter), ResponseStatus.CHANGES_REQUESTED)
    CommentFactory(letter=letter)
    response = member_client.get(reverse("all_comments"), {"status": "changes_requested"})
    assert listed(response) == [wanted.pk]


def test_all_comments_filter_by_assignee(member_client, member, letter):
    wanted = assigned(member, AssignmentRole.DRAFTER, due_on=None, letter=letter)
    assigned(UserFactory(), AssignmentRole.DRAFTER, due_on=None, letter=letter)
    response = member_client.get(reverse("all_comments"), {"assignee": member.pk})
    assert listed(response) == [wanted.pk]


def test_all_comments_filter_by_request_type(member_client, letter):
    wanted = CommentFactory(letter=letter, request_types=["revise", "confirm"])
    CommentFactory(letter=letter, request_types=["revise"])
    response = member_client.get(reverse("all_comments"), {"request_type": "confirm"})
    assert listed(response) == [wanted.pk]


def test_all_comments_filter_by_due_range_uses_the_earliest_due_date(member_client, letter):
    early = CommentFactory(letter=letter)  # the letter is due January 4, 2010
    AssignmentFactory(comment=early, due_on=date(2009, 12, 22))
    AssignmentFactory(comment=early, due_on=date(2010, 1, 8))
    on_letter_date = CommentFactory(letter=letter)
    range_ = {"due_after": "2009-12-21", "due_before": "2009-12-23"}
    response = member_client.get(reverse("all_comments"), range_)
    assert listed(response) == [early.pk]
    response = member_client.get(reverse("all_comments"), {"due_after": "2010-01-04"})
    assert listed(response) == [on_letter_date.pk]


def test_all_comments_filter_by_text_ignores_case(member_client, two_companies):
    response = member_client.get(reverse("all_comments"), {"text": "REVENUE"})
    assert listed(response) == [two_companies["other"].pk]


def test_all_comments_pages_by_fifty_in_letter_order(member_client, letter):
    later = CommentLetterFactory(review=letter.review)
    comments = comments_of(later, 2) + comments_of(letter, 50)
    response = member_client.get(reverse("all_comments"), {"page": 2})
    assert listed(response) == pks(comments[:2])  # the later letter's, after all 50 of the first
    assert response.context["page"].paginator.count == 52


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("3", 2),
        ("0", 2),
        ("-1", 2),
        ("x", 1),
        ("2.0", 1),
        ("", 1),
        ("1", 1),
        ("9223372036854775807", 2),
        ("99999999999999999999", 2),
    ],
)
def test_all_comments_page_asked_as_django_pages_it(member_client, letter, asked, shown):
    comments = comments_of(letter, 52)
    response = member_client.get(reverse("all_comments"), {"page": asked})
    first = (shown - 1) * 50
    assert listed(response) == pks(comments[first : first + 50])
    assert response.context["page"].number == shown
    assert f"Comments {first + 1}–{min(first + 50, 52)} of 52" in response.text


def test_all_comments_with_no_match_says_so(member_client, letter):
    comments_of(letter, 3)
    for asked in ("1", "2"):
        response = member_client.get(reverse("all_comments"), {"text": "absent", "page": asked})
        assert listed(response) == []
        assert "No comment matches these filters." in response.text
