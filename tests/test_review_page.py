"""The letter's review page: every response in the order of the letter, decided on the spot,
and the approver's "approve all that are ready"."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, MembershipFactory, UserFactory
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import REVIEWER_SIGN_OFF, Decision, ResponseStatus, Role
from tracker.models import Activity, Approval, Membership

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def team(company, outsider):
    def member(name, role):
        user = UserFactory(username=name, first_name=name.title())
        MembershipFactory(user=user, company=company, role=role)
        return user

    return {
        "drafter": member("drafter", Role.PREPARER),
        "reviewer": member("reviewer", Role.REVIEWER),
        "approver": member("approver", Role.APPROVER),
        "reader": member("reader", Role.READ_ONLY),
        "outsider": outsider,
    }


def submitted(comment, author, text="The Company has revised page 3."):
    save_revision(comment.response, text, author=author, based_on=None)
    submit_for_review(comment.response, actor=author)
    return comment


def review_url(letter) -> str:
    return reverse("letter_review", args=[letter.pk])


def decide_url(comment) -> str:
    return reverse("review_decide", args=[comment.pk])


def ready_url(letter) -> str:
    return reverse("letter_approve_ready", args=[letter.pk])


def as_user(client, user):
    client.force_login(user)
    return client


def status_of(comment) -> str:
    comment.response.refresh_from_db()
    return comment.response.status


@pytest.fixture
def comment(letter, team):
    return submitted(CommentFactory(letter=letter, number=1), team["drafter"])


def test_outsider_gets_404_and_read_only_member_403(client, team, letter, comment):
    assert as_user(client, team["outsider"]).get(review_url(letter)).status_code == 404
    assert as_user(client, team["reader"]).get(review_url(letter)).status_code == 403
    assert as_user(client, team["reader"]).get(ready_url(letter)).status_code == 403
    answer = as_user(client, team["reader"]).post(
        decide_url(comment), {"decision": Decision.REVIEWED, "revision_number": 1}
    )
    assert answer.status_code == 403
    assert not Approval.objects.exists()


def test_preparer_reads_the_responses_without_decision_buttons(client, team, letter, comment):
    page = as_user(client, team["drafter"]).get(review_url(letter)).text

    assert "The Company has revised page 3." in page
    assert "Please revise the disclosure on page 1." in page
    assert 'value="reviewed"' not in page and 'value="approved"' not in page
    assert "Approve all that are ready" not in page
    assert as_user(client, team["drafter"]).get(ready_url(letter)).status_code == 403


def test_reviewer_may_mark_reviewed_or_send_back_but_not_approve(client, team, letter, comment):
    page = as_user(client, team["reviewer"]).get(review_url(letter)).text

    assert f'id="reviewed-{comment.pk}"' in page
    assert f'id="send-back-{comment.pk}"' in page
    assert f'id="approve-{comment.pk}"' not in page
    assert "Approve all that are ready" not in page


def test_approver_sees_approve_and_the_batch_action(client, team, letter, comment):
    page = as_user(client, team["approver"]).get(review_url(letter)).text

    assert f'id="approve-{comment.pk}"' in page
    assert "Approve all that are ready" in page


def test_own_revision_is_not_approvable_on_the_page(client, team, letter):
    """A preparer who became an approver cannot approve what he wrote."""
    own = submitted(CommentFactory(letter=letter, number=2), team["drafter"])
    Membership.objects.filter(user=team["drafter"]).update(role=Role.APPROVER)

    page = as_user(client, team["drafter"]).get(review_url(letter)).text
    answer = client.post(decide_url(own), {"decision": Decision.APPROVED, "revision_number": 1})

    assert f'id="approve-{own.pk}"' not in page
    assert answer.status_code == 400
    assert "You wrote this revision" in answer.text
    assert status_of(own) == ResponseStatus.IN_REVIEW


def test_comments_read_in_the_order_of_the_letter_with_headings_once(client, team, letter):
    for number in (3, 1, 2):
        CommentFactory(letter=letter, number=number, headings=["Risk Factors"])

    page = as_user(client, team["drafter"]).get(review_url(letter)).text

    positions = [page.index(f"on page {n}.") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert page.count(">Risk Factors</p>") == 1


def test_response_text_is_shown_escaped_with_its_markup_rendered(client, team, letter):
    typed = 'We revised **page 3**. <script>alert("x")</script>'
    submitted(CommentFactory(letter=letter, number=1), team["drafter"], typed)

    page = as_user(client, team["reviewer"]).get(review_url(letter)).text

    assert "<strong>page 3</strong>" in page
    assert "<script>alert" not in page
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page


@pytest.mark.parametrize("size", [1, 50])
def test_review_page_query_count_is_fixed(client, team, letter, size, django_assert_num_queries):
    for number in range(1, size + 1):
        comment = submitted(CommentFactory(letter=letter, number=number), team["drafter"])
        record_decision(
            comment.response, Decision.REVIEWED, actor=team["reviewer"], revision_number=1
        )
    approver = as_user(client, team["approver"])

    with django_assert_num_queries(7):
        page = approver.get(review_url(letter)).text

    assert page.count('class="review-item ') == size
    assert page.count("Reviewed, no changes by Reviewer") == size


def test_htmx_decision_swaps_only_that_comment(client, team, letter, comment):
    answer = as_user(client, team["reviewer"]).post(
        decide_url(comment), {"decision": Decision.REVIEWED, "revision_number": 1}, **HTMX
    )

    assert answer.status_code == 200
    assert answer.text.strip().startswith(f'<article id="review-item-{comment.pk}"')
    assert "Comment 1: reviewed, no changes." in answer.text
    assert "<html" not in answer.text


def test_plain_post_goes_back_to_the_page_at_that_comment(client, team, letter, comment):
    reviewer = as_user(client, team["reviewer"])
    answer = reviewer.post(
        decide_url(comment),
        {"decision": Decision.CHANGES_REQUESTED, "revision_number": 1, "note": "Add the amount."},
    )

    assert answer.status_code == 302
    assert answer.url == f"{review_url(letter)}#review-item-{comment.pk}"
    page = reviewer.get(answer.url).text
    assert "Comment 1: changes requested." in page
    assert "Add the amount." in page
    assert status_of(comment) == ResponseStatus.CHANGES_REQUESTED


def test_plain_post_sending_back_without_a_note_is_refused_on_the_page(
    client, team, letter, comment
):
    answer = as_user(client, team["reviewer"]).post(
        decide_url(comment), {"decision": Decision.CHANGES_REQUESTED, "revision_number": 1}
    )

    assert answer.status_code == 400
    assert "Say what needs to change." in answer.text
    assert "<html" in answer.text
    assert not Approval.objects.exists()
    assert status_of(comment) == ResponseStatus.IN_REVIEW


def test_stale_revision_is_refused_and_nothing_recorded(client, team, letter, comment):
    answer = as_user(client, team["approver"]).post(
        decide_url(comment), {"decision": Decision.APPROVED, "revision_number": 7}, **HTMX
    )

    assert answer.status_code == 400
    assert "A newer revision was saved" in answer.text
    assert not Approval.objects.exists()


def approve_all(client, letter, comments_and_revisions):
    values = [f"{c.response.pk}:{number}" for c, number in comments_and_revisions]
    return client.post(ready_url(letter), {"ready": values}, follow=True)


@pytest.fixture
def batch(company, letter, team):
    """Comments 1 and 2 in review by the drafter, 3 not drafted, 4 in review written by the
    CFO while she was a preparer; she is an approver now."""
    cfo = UserFactory(username="cfo", first_name="Grace")
    MembershipFactory(user=cfo, company=company, role=Role.PREPARER)
    comments = {n: CommentFactory(letter=letter, number=n) for n in (1, 2, 3, 4)}
    submitted(comments[1], team["drafter"])
    submitted(comments[2], team["drafter"])
    submitted(comments[4], cfo)
    Membership.objects.filter(user=cfo).update(role=Role.APPROVER)
    return cfo, comments


def test_approve_all_asks_to_confirm_saying_how_many_and_who_is_skipped(client, letter, batch):
    cfo, comments = batch

    page = as_user(client, cfo).get(ready_url(letter)).text

    assert "2 responses of Staff letter of December 17, 2009 are ready for your approval" in page
    assert "Approve 2 responses" in page
    assert f'value="{comments[1].response.pk}:1"' in page
    assert f'value="{comments[2].response.pk}:1"' in page
    assert "Comment 4: you wrote revision 1; someone else must approve it" in page
    assert "Comment 3" not in page
    assert not Approval.objects.exists()


def test_approve_all_records_one_approval_per_response_with_its_revision(client, letter, batch):
    cfo, comments = batch
    save_revision(comments[2].response, "Second draft.", author=batch_drafter(), based_on=1)
    confirmed = [(comments[1], 1), (comments[2], 2), (comments[4], 1)]

    page = approve_all(as_user(client, cfo), letter, confirmed).text

    approvals = Approval.objects.order_by("revision__response__comment__number")
    assert [
        (a.revision.response.comment.number, a.revision.number, a.approver.username, a.decision)
        for a in approvals
    ] == [(1, 1, "cfo", Decision.APPROVED), (2, 2, "cfo", Decision.APPROVED)]
    assert [status_of(comments[n]) for n in (1, 2, 4)] == [
        ResponseStatus.APPROVED,
        ResponseStatus.APPROVED,
        ResponseStatus.IN_REVIEW,
    ]
    assert "Approved 2 responses (comments 1, 2)." in page
    assert "Comment 4 was not approved: you wrote revision 1" in page
    assert Activity.objects.filter(verb="approval.approved").count() == 2


def batch_drafter():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="drafter")


def test_approve_all_skips_a_revision_saved_after_the_confirmation(client, letter, batch):
    cfo, comments = batch
    save_revision(comments[1].response, "Newer words.", author=batch_drafter(), based_on=1)

    page = approve_all(as_user(client, cfo), letter, [(comments[1], 1), (comments[2], 1)]).text

    assert "Approved 1 response (comment 2)." in page
    assert "Comment 1 was not approved: A newer revision was saved" in page
    assert status_of(comments[1]) == ResponseStatus.IN_REVIEW


def test_approve_all_waits_for_the_reviewer_where_the_letter_requires_one(
    client, team, letter, batch
):
    cfo, comments = batch
    letter.required_sign_offs = [REVIEWER_SIGN_OFF]
    letter.save()
    record_decision(
        comments[1].response, Decision.REVIEWED, actor=team["reviewer"], revision_number=1
    )

    page = as_user(client, cfo).get(ready_url(letter)).text
    done = approve_all(client, letter, [(comments[1], 1), (comments[2], 1)]).text

    assert "1 response of Staff letter of December 17, 2009 is ready" in page
    assert "Comment 2: waiting for the reviewer&#x27;s sign-off" in page
    assert "Approved 1 response (comment 1)." in done
    assert [status_of(comments[n]) for n in (1, 2)] == [
        ResponseStatus.APPROVED,
        ResponseStatus.IN_REVIEW,
    ]


def test_approve_all_ignores_malformed_and_foreign_values(client, letter, batch, outsider):
    cfo, comments = batch
    theirs = outsider.memberships.get().company
    other = submitted(CommentFactory(number=1, letter__review__company=theirs), outsider)
    values = ["x:1", "²:1", f"{other.response.pk}:1", f"{comments[1].response.pk}:"]

    page = as_user(client, cfo).post(ready_url(letter), {"ready": values}, follow=True).text

    assert "Nothing was approved." in page
    assert not Approval.objects.exists()
