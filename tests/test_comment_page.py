"""The comment page: writing, reviewing and approving a response through the browser's posts."""

import pytest
from django.urls import reverse

from tests.factories import (
    CommentFactory,
    CommentLetterFactory,
    MembershipFactory,
    RevisionFactory,
    UserFactory,
)
from tracker.domain.activity import record_activity
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import Decision, ResponseStatus, Role, SignOff
from tracker.models import Activity, Approval, Note, Revision

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


@pytest.fixture
def comment(letter):
    return CommentFactory(letter=letter, number=7)


def url(name: str, comment) -> str:
    return reverse(name, args=[comment.pk])


def as_user(client, user):
    client.force_login(user)
    return client


def drafted(comment, team, text: str = "First draft.") -> None:
    save_revision(comment.response, text, author=team["drafter"], based_on=None)


def in_review(comment, team, text: str = "First draft.") -> None:
    drafted(comment, team, text)
    submit_for_review(comment.response, actor=team["drafter"])


def snapshot(comment) -> tuple:
    """Everything a post could change, to check that a refused one changed nothing."""
    comment.response.refresh_from_db()
    return (
        comment.response.status,
        list(Revision.objects.values_list("number", "text")),
        Approval.objects.count(),
        Note.objects.count(),
        Activity.objects.count(),
    )


def test_whole_flow_through_the_page_ends_approved_with_its_history(client, team, comment):
    drafter = as_user(client, team["drafter"])
    drafter.post(url("comment_save", comment), {"text": "First draft.", "based_on": ""})
    drafter.post(url("comment_submit", comment))
    reviewer = as_user(client, team["reviewer"])
    reviewer.post(
        url("comment_decide", comment),
        {"decision": Decision.CHANGES_REQUESTED, "revision_number": 1, "note": "Quantify it."},
    )
    drafter = as_user(client, team["drafter"])
    drafter.post(
        url("comment_save", comment),
        {"text": "Second draft: $39.5 million.", "based_on": 1, "submit": "1"},
    )
    approver = as_user(client, team["approver"])
    answer = approver.post(
        url("comment_decide", comment), {"decision": Decision.APPROVED, "revision_number": 2}
    )

    assert answer.status_code == 302
    comment.response.refresh_from_db()
    assert comment.response.status == ResponseStatus.APPROVED
    assert list(Activity.objects.order_by("id").values_list("verb", flat=True)) == [
        "revision.saved",
        "response.drafting",
        "response.in_review",
        "approval.changes_requested",
        "response.changes_requested",
        "revision.saved",
        "response.drafting",
        "response.in_review",
        "approval.approved",
        "response.approved",
    ]
    page = approver.get(url("comment", comment)).text
    assert "Approved by Approver" in page
    assert "Quantify it." in page


VALID_POSTS = {
    "comment_save": {"text": "New words.", "based_on": 1},
    "comment_submit": {},
    "comment_decide": {"decision": Decision.APPROVED, "revision_number": 1},
    "comment_note": {"text": "Check with the auditors."},
}


def arrange(name: str, comment, team) -> None:
    """A response in the state where the post makes sense: drafted, or in review to decide."""
    (in_review if name == "comment_decide" else drafted)(comment, team)


@pytest.mark.parametrize(
    ("name", "who", "status"),
    [
        *((name, "outsider", 404) for name in VALID_POSTS),
        *((name, "reader", 403) for name in VALID_POSTS),
        ("comment_save", "drafter", 302),
        ("comment_save", "reviewer", 400),
        ("comment_save", "approver", 400),
        ("comment_submit", "drafter", 302),
        ("comment_submit", "reviewer", 400),
        ("comment_submit", "approver", 400),
        ("comment_decide", "drafter", 400),
        ("comment_decide", "reviewer", 400),
        ("comment_decide", "approver", 302),
        ("comment_note", "drafter", 302),
        ("comment_note", "reviewer", 302),
        ("comment_note", "approver", 302),
    ],
)
def test_post_permission_matrix_refusals_change_nothing(client, team, comment, name, who, status):
    arrange(name, comment, team)
    before = snapshot(comment)
    answer = as_user(client, team[who]).post(url(name, comment), VALID_POSTS[name])
    assert answer.status_code == status
    if status == 302:
        assert answer.url.startswith(url("comment", comment))
        assert snapshot(comment) != before
    else:
        assert snapshot(comment) == before


@pytest.mark.parametrize("name", list(VALID_POSTS))
def test_post_as_anonymous_redirects_to_login(client, team, comment, name):
    arrange(name, comment, team)
    before = snapshot(comment)
    answer = client.post(url(name, comment), VALID_POSTS[name])
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("login"))
    assert snapshot(comment) == before


@pytest.mark.parametrize("name", list(VALID_POSTS))
def test_get_on_a_post_endpoint_is_not_allowed(client, team, comment, name):
    assert as_user(client, team["drafter"]).get(url(name, comment)).status_code == 405


def test_refused_post_shows_the_reason_on_the_page(client, team, comment):
    in_review(comment, team)
    answer = as_user(client, team["drafter"]).post(
        url("comment_decide", comment), {"decision": Decision.APPROVED, "revision_number": 1}
    )
    assert answer.status_code == 400
    assert "Only an approver can approve a response." in answer.text


def test_stale_save_shows_both_texts_and_saving_again_on_the_new_base_works(client, team, comment):
    drafted(comment, team, "Base.")
    drafter = as_user(client, team["drafter"])
    first = drafter.post(url("comment_save", comment), {"text": "Tab one's words.", "based_on": 1})
    second = drafter.post(url("comment_save", comment), {"text": "Tab two's words.", "based_on": 1})

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Saved by Drafter as revision 2" in second.text
    assert "Tab one&#x27;s words." in second.text
    assert "Tab two&#x27;s words." in second.text
    assert '<input type="hidden" name="based_on" value="2"' in second.text
    assert list(Revision.objects.values_list("text", flat=True)) == ["Base.", "Tab one's words."]
    merged = drafter.post(
        url("comment_save", comment), {"text": "Both tabs' words, merged.", "based_on": 2}
    )
    assert merged.status_code == 302
    assert Revision.objects.get(number=3).text == "Both tabs' words, merged."


def test_author_cannot_approve_his_own_revision_by_a_forged_post(client, team, comment):
    in_review(comment, team)
    author = team["approver"]
    Revision.objects.create(response=comment.response, number=2, text="Mine.", author=author)
    before = snapshot(comment)
    answer = as_user(client, author).post(
        url("comment_decide", comment), {"decision": Decision.APPROVED, "revision_number": 2}
    )
    assert answer.status_code == 400
    assert "You wrote this revision; someone else must approve it." in answer.text
    assert snapshot(comment) == before


def test_page_hides_approve_from_the_author_of_the_latest_revision(client, team, comment):
    in_review(comment, team)
    Revision.objects.create(
        response=comment.response, number=2, text="Mine.", author=team["approver"]
    )
    page = as_user(client, team["approver"]).get(url("comment", comment)).text
    assert 'id="approve"' not in page
    assert 'id="request-changes"' in page


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"decision": Decision.APPROVED, "revision_number": 9}, "A newer revision was saved"),
        ({"decision": "rubber-stamp", "revision_number": 1}, "Select a valid choice."),
        ({"decision": Decision.CHANGES_REQUESTED, "revision_number": 1}, "Say what needs"),
    ],
)
def test_forged_decision_is_refused_and_changes_nothing(client, team, comment, post, message):
    in_review(comment, team)
    before = snapshot(comment)
    answer = as_user(client, team["approver"]).post(url("comment_decide", comment), post)
    assert answer.status_code == 400
    assert message in answer.text
    assert snapshot(comment) == before


def test_decision_on_a_draft_is_refused_as_a_move_the_table_does_not_allow(client, team, comment):
    drafted(comment, team)
    before = snapshot(comment)
    answer = as_user(client, team["approver"]).post(
        url("comment_decide", comment), {"decision": Decision.APPROVED, "revision_number": 1}
    )
    assert answer.status_code == 400
    assert "Only a response in review can be decided." in answer.text
    assert snapshot(comment) == before


def test_save_and_submit_in_review_is_refused_whole(client, team, comment):
    in_review(comment, team)
    before = snapshot(comment)
    answer = as_user(client, team["drafter"]).post(
        url("comment_save", comment), {"text": "Another try.", "based_on": 1, "submit": "1"}
    )
    assert answer.status_code == 400
    assert "cannot become in review" in answer.text
    assert "Another try." in answer.text
    assert snapshot(comment) == before


@pytest.mark.parametrize(
    ("name", "post", "message"),
    [
        ("comment_save", {"text": "x" * 50_001, "based_on": ""}, "at most 50000 characters"),
        ("comment_save", {"text": "   ", "based_on": ""}, "A response cannot be empty."),
        ("comment_note", {"text": "x" * 5_001}, "at most 5000 characters"),
        ("comment_note", {"text": ""}, "A note cannot be empty."),
    ],
)
def test_text_beyond_its_limits_is_refused(client, team, comment, name, post, message):
    before = snapshot(comment)
    answer = as_user(client, team["drafter"]).post(url(name, comment), post)
    assert answer.status_code == 400
    assert message in answer.text
    assert snapshot(comment) == before


def test_response_containing_a_script_shows_as_text(client, team, comment):
    drafted(comment, team, "See <script>alert(1)</script> and **this**.")
    page = as_user(client, team["reader"]).get(url("comment", comment)).text
    assert "<script>alert(1)" not in page
    assert "See &lt;script&gt;alert(1)&lt;/script&gt; and <strong>this</strong>." in page


def test_redline_shows_an_inserted_and_a_deleted_word(client, team, comment):
    drafted(comment, team, "We note the risk in the filing.")
    new = "We note risk in the amended filing."
    save_revision(comment.response, new, author=team["drafter"], based_on=1)
    answer = as_user(client, team["reader"]).get(url("comment_redline", comment) + "?from=1&to=2")
    assert answer.status_code == 200
    assert "We note<del> the</del> risk in the <ins>amended </ins>filing." in answer.text
    assert "<nav" in answer.text


def test_redline_for_htmx_is_the_part_without_the_layout(client, team, comment):
    drafted(comment, team, "One.")
    save_revision(comment.response, "Two.", author=team["drafter"], based_on=1)
    answer = as_user(client, team["reader"]).get(
        url("comment_redline", comment) + "?from=1&to=2", **HTMX
    )
    assert "<nav" not in answer.text
    assert "<del>One</del><ins>Two</ins>." in answer.text


def test_redline_of_a_missing_revision_is_404(client, team, comment):
    drafted(comment, team)
    answer = as_user(client, team["reader"]).get(url("comment_redline", comment) + "?from=1&to=5")
    assert answer.status_code == 404


def test_redline_for_a_reviewer_defaults_to_the_revision_he_last_decided_on(client, team, comment):
    in_review(comment, team, "Revision one.")
    reviewer = as_user(client, team["reviewer"])
    reviewer.post(
        url("comment_decide", comment),
        {"decision": Decision.CHANGES_REQUESTED, "revision_number": 1, "note": "More."},
    )
    for number in (2, 3):
        save_revision(
            comment.response, f"Revision {number}.", author=team["drafter"], based_on=number - 1
        )
    submit_for_review(comment.response, actor=team["drafter"])

    redline = reviewer.get(url("comment_redline", comment), **HTMX).text
    page = reviewer.get(url("comment", comment)).text

    assert "Revision 1 → revision 3" in redline
    assert "Changes since revision 1, which you last decided on" in page
    assert 'name="from" value="1" id="from-1" checked' in page


def test_htmx_save_returns_the_panel_without_the_page_layout(client, team, comment):
    answer = as_user(client, team["drafter"]).post(
        url("comment_save", comment), {"text": "Inline words.", "based_on": ""}, **HTMX
    )
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<section id="response-panel"')
    assert "<nav" not in answer.text
    assert "Saved revision 1." in answer.text
    assert '<section id="history" aria-labelledby="history-heading" hx-swap-oob="true">' in (
        answer.text
    )


def test_htmx_refusal_returns_the_panel_with_the_reason(client, team, comment):
    answer = as_user(client, team["drafter"]).post(url("comment_submit", comment), **HTMX)
    assert answer.status_code == 400
    assert "<nav" not in answer.text
    assert "cannot become in review" in answer.text


def test_htmx_note_returns_the_notes_newest_last(client, team, comment):
    drafter = as_user(client, team["drafter"])
    drafter.post(url("comment_note", comment), {"text": "First thought."})
    answer = drafter.post(url("comment_note", comment), {"text": "Second thought."}, **HTMX)
    assert answer.text.lstrip().startswith('<section id="notes"')
    assert answer.text.index("First thought.") < answer.text.index("Second thought.")
    assert "Comment 7: note added" in answer.text


@pytest.mark.parametrize(
    ("who", "buttons"),
    [
        ("drafter", ["save-draft", "save-and-submit", "submit-revision", "add-note"]),
        ("reviewer", ["add-note"]),
        ("reader", []),
    ],
)
def test_page_shows_only_the_buttons_the_member_may_use_on_a_draft(
    client, team, comment, who, buttons
):
    drafted(comment, team)
    page = as_user(client, team[who]).get(url("comment", comment)).text
    ids = ["save-draft", "save-and-submit", "submit-revision", "approve", "request-changes"]
    shown = [name for name in [*ids, "add-note"] if f'id="{name}"' in page]
    assert shown == buttons


def fill_history(comment, team, size: int) -> None:
    """`size` revisions, each decided on, `size` notes and `size` more activity rows."""
    for number in range(1, size + 1):
        revision = RevisionFactory(response=comment.response, number=number, author=team["drafter"])
        Approval.objects.create(
            revision=revision, approver=team["reviewer"], decision=Decision.CHANGES_REQUESTED
        )
        Note.objects.create(comment=comment, author=team["reviewer"], text=f"Note {number}.")
        record_activity(
            comment.letter.review.company, team["drafter"], "x", revision, f"Entry {number}."
        )


@pytest.mark.parametrize("size", [1, 50])
def test_comment_page_query_count_is_fixed_at_any_history(
    client, team, comment, size, django_assert_num_queries
):
    fill_history(comment, team, size)
    comment.response.status = ResponseStatus.IN_REVIEW
    comment.response.save()
    reviewer = as_user(client, team["reviewer"])
    with django_assert_num_queries(11):
        page = reviewer.get(url("comment", comment)).text
    assert page.count('class="revision-row"') == size
    assert page.count(" · Entry ") == size


@pytest.fixture
def follow_up(letter):
    """Round 2 of the review: comment 1 refers back to comment 7 (answered and approved) and
    to comment 9 (never answered)."""
    answered = CommentFactory(letter=letter, number=7, text="Please quantify the proceeds.")
    RevisionFactory(response=answered.response, number=1, text="We have added **$20 million**.")
    answered.response.status = ResponseStatus.APPROVED
    answered.response.save()
    unanswered = CommentFactory(letter=letter, number=9, text="Please file the lease.")
    second = CommentLetterFactory(review=letter.review, round=2)
    comment = CommentFactory(letter=second, number=1, text="We note your response to comment 7.")
    comment.follows_up.add(answered, unanswered)
    return comment


def test_follow_up_shows_the_earlier_comment_and_what_we_answered(client, team, follow_up):
    page = as_user(client, team["drafter"]).get(url("comment", follow_up)).text

    priors = page.split('<details class="prior-round')[1:]
    assert len(priors) == 2
    assert "Please quantify the proceeds." in priors[0]
    assert "We have added <strong>$20 million</strong>." in priors[0]
    assert "(not approved)" not in priors[0]
    assert "Please file the lease." in priors[1]
    assert "No response was written to it here." in priors[1]


def test_follow_up_page_takes_no_more_queries_than_a_first_round_comment(
    client, team, follow_up, django_assert_num_queries
):
    drafter = as_user(client, team["drafter"])
    first_round = follow_up.follows_up.get(number=9)  # no revision, like the follow-up
    with django_assert_num_queries(10):
        drafter.get(url("comment", first_round))
    with django_assert_num_queries(10):
        drafter.get(url("comment", follow_up))


def test_page_in_review_names_the_sign_offs_still_needed(client, team, comment):
    comment.letter.required_sign_offs = [SignOff.LEGAL, SignOff.FINANCE]
    comment.letter.save()
    team["approver"].memberships.update(sign_off_as=SignOff.LEGAL)
    in_review(comment, team)
    record_decision(comment.response, Decision.APPROVED, actor=team["approver"], revision_number=1)

    page = as_user(client, team["reviewer"]).get(url("comment", comment)).text

    assert "Approved by Approver (Legal)" in page
    assert "Sign-off still needed from: Finance approver</div>" in page


def test_page_in_review_without_required_sign_offs_asks_for_an_approver(client, team, comment):
    in_review(comment, team)
    page = as_user(client, team["reviewer"]).get(url("comment", comment)).text
    assert "Sign-off still needed from: an approver</div>" in page


def activity_entries(page: str) -> list[str]:
    log = page.split('<ol class="list-unstyled small activity-log">')[1].split("</ol>")[0]
    return [entry.split(" · ", 1)[1].split("</li>")[0] for entry in log.split("<li>")[1:]]


def test_activity_lists_what_happened_to_this_comment_newest_first(client, team, comment):
    other = CommentFactory(letter=comment.letter, number=8)
    in_review(comment, team)
    drafted(other, team)
    record_decision(
        comment.response,
        Decision.CHANGES_REQUESTED,
        actor=team["reviewer"],
        revision_number=1,
        note="Shorter.",
    )
    company = comment.letter.review.company
    record_activity(company, team["approver"], "x", comment, "Linked a section.")
    record_activity(company, team["drafter"], "x", other, "Not this comment.")

    page = as_user(client, team["drafter"]).get(url("comment", comment)).text

    assert activity_entries(page) == [
        "Approver · Linked a section.",
        "Reviewer · Comment 7: In review → Changes requested",
        "Reviewer · Comment 7: changes requested revision 1: <q>Shorter.</q>",
        "Drafter · Comment 7: Drafting → In review",
        "Drafter · Comment 7: Not started → Drafting",
        "Drafter · Comment 7: saved revision 1",
    ]


@pytest.mark.parametrize(
    ("who", "buttons"),
    [
        ("drafter", ["save-draft", "add-note"]),
        ("reviewer", ["request-changes", "add-note"]),
        ("approver", ["approve", "request-changes", "add-note"]),
        ("reader", []),
    ],
)
def test_page_shows_only_the_buttons_the_member_may_use_in_review(
    client, team, comment, who, buttons
):
    in_review(comment, team)
    page = as_user(client, team[who]).get(url("comment", comment)).text
    ids = ["save-draft", "save-and-submit", "submit-revision", "approve", "request-changes"]
    shown = [name for name in [*ids, "add-note"] if f'id="{name}"' in page]
    assert shown == buttons


def test_a_change_request_note_appears_once_in_the_activity_log(client, team, comment):
    in_review(comment, team)
    reviewer = as_user(client, team["reviewer"])
    reviewer.post(
        url("comment_decide", comment),
        {"decision": Decision.CHANGES_REQUESTED, "revision_number": 1, "note": "Quantify it."},
    )

    page = reviewer.get(url("comment", comment)).text

    log = page[page.index('id="activity"') :]
    assert log.count("Quantify it.") == 1
    assert "changes requested revision 1: <q>Quantify it.</q>" in log
