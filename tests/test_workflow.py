"""The response workflow's rules: moves, permissions, sign-offs, stale saves, the record."""

import pytest

from tests.factories import CommentFactory, MembershipFactory, UserFactory
from tracker.domain.assignments import add_note, assign
from tracker.domain.responses import (
    ActionRefused,
    StaleRevision,
    record_decision,
    save_revision,
    submit_for_review,
    transition_response,
)
from tracker.enums import Decision, ResponseStatus, Role, SignOff
from tracker.models import Activity, Approval, Assignment, Revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(company):
    def member(name, role, sign_off=""):
        user = UserFactory(username=name)
        MembershipFactory(user=user, company=company, role=role, sign_off_as=sign_off)
        return user

    return {
        "drafter": member("drafter", Role.PREPARER),
        "reviewer": member("reviewer", Role.REVIEWER),
        "approver": member("approver", Role.APPROVER, SignOff.LEGAL),
        "cfo": member("cfo", Role.APPROVER, SignOff.FINANCE),
        "reader": member("reader", Role.READ_ONLY),
    }


@pytest.fixture
def response(letter):
    return CommentFactory(letter=letter, number=1).response


def state(response) -> str:
    response.refresh_from_db()
    return response.status


def test_whole_flow_ends_approved_with_its_history(team, response):
    save_revision(response, "First draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    record_decision(
        response,
        Decision.CHANGES_REQUESTED,
        actor=team["reviewer"],
        revision_number=1,
        note="Quantify it.",
    )
    assert state(response) == ResponseStatus.CHANGES_REQUESTED
    save_revision(response, "Second draft: $39.5 million.", author=team["drafter"], based_on=1)
    assert state(response) == ResponseStatus.DRAFTING
    submit_for_review(response, actor=team["drafter"])
    record_decision(response, Decision.APPROVED, actor=team["approver"], revision_number=2)
    assert state(response) == ResponseStatus.APPROVED
    verbs = list(Activity.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == [
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
    assert list(response.revisions.values_list("number", "author__username")) == [
        (1, "drafter"),
        (2, "drafter"),
    ]


def test_letter_requiring_legal_and_finance_waits_for_both(team, response, letter):
    letter.required_sign_offs = [SignOff.LEGAL, SignOff.FINANCE]
    letter.save()
    save_revision(response, "Draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    record_decision(response, Decision.APPROVED, actor=team["approver"], revision_number=1)
    assert state(response) == ResponseStatus.IN_REVIEW
    with pytest.raises(ActionRefused, match="Finance approver"):
        transition_response(response, ResponseStatus.APPROVED, actor=team["approver"])
    record_decision(response, Decision.APPROVED, actor=team["cfo"], revision_number=1)
    assert state(response) == ResponseStatus.APPROVED


def test_author_cannot_approve_his_own_revision(team, response):
    save_revision(response, "Draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    approver = team["approver"]
    approver.memberships.update(role=Role.PREPARER)
    save_revision(response, "Approver's own words.", author=approver, based_on=1)
    approver.memberships.update(role=Role.APPROVER)
    with pytest.raises(ActionRefused, match="someone else must approve"):
        record_decision(response, Decision.APPROVED, actor=approver, revision_number=2)
    assert state(response) == ResponseStatus.IN_REVIEW
    assert Approval.objects.count() == 0


def test_editing_an_approved_response_sends_it_back_to_review(team, response):
    save_revision(response, "Draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    record_decision(response, Decision.APPROVED, actor=team["approver"], revision_number=1)
    save_revision(response, "Draft, amended after approval.", author=team["drafter"], based_on=1)
    assert state(response) == ResponseStatus.IN_REVIEW
    assert response.revisions.get(number=2).approvals.count() == 0
    assert response.revisions.get(number=1).approvals.get().decision == Decision.APPROVED


def test_stale_save_is_refused_and_keeps_both_texts(team, response):
    save_revision(response, "Base.", author=team["drafter"], based_on=None)
    save_revision(response, "Tab one's words.", author=team["drafter"], based_on=1)
    with pytest.raises(StaleRevision) as refused:
        save_revision(response, "Tab two's words.", author=team["drafter"], based_on=1)
    assert refused.value.current.text == "Tab one's words."
    assert refused.value.attempted_text == "Tab two's words."
    assert list(response.revisions.values_list("text", flat=True)) == ["Base.", "Tab one's words."]


def test_first_draft_saved_twice_from_empty_editors_is_refused_the_second_time(team, response):
    save_revision(response, "Mine.", author=team["drafter"], based_on=None)
    with pytest.raises(StaleRevision):
        save_revision(response, "Theirs.", author=team["drafter"], based_on=None)
    assert Revision.objects.count() == 1


@pytest.mark.parametrize("who", ["reviewer", "approver", "reader"])
def test_only_preparers_write_responses(team, response, who):
    with pytest.raises(ActionRefused):
        save_revision(response, "Words.", author=team[who], based_on=None)
    assert state(response) == ResponseStatus.NOT_STARTED


def test_outsider_can_do_nothing(team, response, outsider):
    with pytest.raises(ActionRefused):
        save_revision(response, "Words.", author=outsider, based_on=None)
    save_revision(response, "Draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    with pytest.raises(ActionRefused):
        record_decision(response, Decision.APPROVED, actor=outsider, revision_number=1)
    assert state(response) == ResponseStatus.IN_REVIEW


def test_reviewer_can_ask_for_changes_but_not_approve(team, response):
    save_revision(response, "Draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    with pytest.raises(ActionRefused, match="Only an approver"):
        record_decision(response, Decision.APPROVED, actor=team["reviewer"], revision_number=1)
    with pytest.raises(ActionRefused, match="Say what needs to change"):
        record_decision(
            response, Decision.CHANGES_REQUESTED, actor=team["reviewer"], revision_number=1
        )
    assert state(response) == ResponseStatus.IN_REVIEW


def test_move_not_in_the_table_is_refused_with_a_reason(team, response):
    with pytest.raises(ActionRefused, match="not started cannot become approved"):
        transition_response(response, ResponseStatus.APPROVED, actor=team["approver"])
    transition_response(response, ResponseStatus.DRAFTING, actor=team["drafter"])
    with pytest.raises(ActionRefused, match="Write a response before submitting"):
        submit_for_review(response, actor=team["drafter"])


def test_decision_on_an_old_revision_is_refused(team, response):
    save_revision(response, "Draft.", author=team["drafter"], based_on=None)
    submit_for_review(response, actor=team["drafter"])
    save_revision(response, "Better draft.", author=team["drafter"], based_on=1)
    with pytest.raises(ActionRefused, match="newer revision"):
        record_decision(response, Decision.APPROVED, actor=team["approver"], revision_number=1)


def test_assign_checks_who_may_hold_the_role(team, letter):
    comments = [CommentFactory(letter=letter, number=n) for n in (1, 2)]
    created = assign(comments, team["drafter"], "drafter", actor=team["reviewer"])
    assert len(created) == 2
    assert assign(comments, team["drafter"], "drafter", actor=team["approver"]) == []
    with pytest.raises(ActionRefused, match="cannot be the approver"):
        assign(comments, team["reviewer"], "approver", actor=team["reviewer"])
    with pytest.raises(ActionRefused, match="Only reviewers, approvers and administrators"):
        assign(comments, team["reviewer"], "reviewer", actor=team["drafter"])
    assert Assignment.objects.count() == 2


def test_notes_need_a_member_who_may_write(team, letter):
    comment = CommentFactory(letter=letter)
    note = add_note(comment, "  Check with the auditors.  ", author=team["reviewer"])
    assert note.text == "Check with the auditors."
    with pytest.raises(ActionRefused):
        add_note(comment, "Hello", author=team["reader"])
