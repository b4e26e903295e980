""" "Reviewed, no changes": recorded on the revision, shown, logged, and counted as the reviewer's
sign-off where a letter requires one; it never approves a response by itself."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, MembershipFactory, UserFactory
from tracker.domain.responses import (
    ActionRefused,
    record_decision,
    save_revision,
    submit_for_review,
    transition_response,
)
from tracker.enums import (
    REVIEWER_SIGN_OFF,
    Decision,
    NotificationKind,
    ResponseStatus,
    Role,
    SignOff,
)
from tracker.models import Activity, Approval, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(company):
    def member(name, role, sign_off=""):
        user = UserFactory(username=name, first_name=name.title())
        MembershipFactory(user=user, company=company, role=role, sign_off_as=sign_off)
        return user

    return {
        "drafter": member("drafter", Role.PREPARER),
        "reviewer": member("reviewer", Role.REVIEWER),
        "approver": member("approver", Role.APPROVER, SignOff.LEGAL),
        "cfo": member("cfo", Role.APPROVER, SignOff.FINANCE),
    }


@pytest.fixture
def comment(letter, team):
    comment = CommentFactory(letter=letter, number=4)
    save_revision(comment.response, "Revised on page 12.", author=team["drafter"], based_on=None)
    submit_for_review(comment.response, actor=team["drafter"])
    return comment


def state(comment) -> str:
    comment.response.refresh_from_db()
    return comment.response.status


def reviewed(comment, user, number=1):
    return record_decision(comment.response, Decision.REVIEWED, actor=user, revision_number=number)


def approved(comment, user, number=1):
    return record_decision(comment.response, Decision.APPROVED, actor=user, revision_number=number)


def requiring(comment, *codes):
    comment.letter.required_sign_offs = list(codes)
    comment.letter.save()


def test_reviewed_is_recorded_with_who_and_which_revision_and_leaves_it_in_review(team, comment):
    decision = reviewed(comment, team["reviewer"])

    assert (decision.revision.number, decision.approver, decision.decision) == (
        1,
        team["reviewer"],
        Decision.REVIEWED,
    )
    assert decision.decided_at is not None
    assert state(comment) == ResponseStatus.IN_REVIEW
    log = Activity.objects.get(verb="approval.reviewed")
    assert (log.actor, log.summary) == (
        team["reviewer"],
        "Comment 4: reviewed revision 1, no changes",
    )
    assert not Notification.objects.filter(kind=NotificationKind.DECIDED).exists()


def test_reviewed_alone_never_approves_even_where_only_a_reviewer_is_required(team, comment):
    requiring(comment, REVIEWER_SIGN_OFF)

    reviewed(comment, team["reviewer"])

    assert state(comment) == ResponseStatus.IN_REVIEW


def test_where_a_reviewer_is_required_an_approval_alone_waits_for_him(team, comment):
    requiring(comment, REVIEWER_SIGN_OFF)

    approved(comment, team["approver"])
    assert state(comment) == ResponseStatus.IN_REVIEW
    reviewed(comment, team["reviewer"])

    assert state(comment) == ResponseStatus.APPROVED
    move = Activity.objects.get(verb="response.approved")
    assert move.actor == team["reviewer"]


def test_reviewed_first_then_the_approval_approves(team, comment):
    requiring(comment, REVIEWER_SIGN_OFF, SignOff.LEGAL)

    reviewed(comment, team["reviewer"])
    approved(comment, team["approver"])

    assert state(comment) == ResponseStatus.APPROVED


def test_reviewed_does_not_stand_for_an_approver_sign_off(team, comment):
    requiring(comment, SignOff.LEGAL, SignOff.FINANCE)

    reviewed(comment, team["reviewer"])
    approved(comment, team["approver"])

    assert state(comment) == ResponseStatus.IN_REVIEW
    approved(comment, team["cfo"])
    assert state(comment) == ResponseStatus.APPROVED


def test_a_new_revision_needs_a_new_review(team, comment):
    requiring(comment, REVIEWER_SIGN_OFF)
    reviewed(comment, team["reviewer"])
    save_revision(comment.response, "Revised on page 13.", author=team["drafter"], based_on=1)

    approved(comment, team["approver"], number=2)

    assert state(comment) == ResponseStatus.IN_REVIEW


def test_reviewer_cannot_approve_directly_while_sign_offs_are_missing(team, comment):
    with pytest.raises(ActionRefused, match="Only an approver"):
        transition_response(comment.response, ResponseStatus.APPROVED, actor=team["reviewer"])


def test_reviewed_refused_to_preparer_author_and_twice(team, comment):
    with pytest.raises(ActionRefused, match="Only a reviewer or an approver"):
        reviewed(comment, team["drafter"])
    reviewed(comment, team["reviewer"])
    with pytest.raises(ActionRefused, match="already marked this revision reviewed"):
        reviewed(comment, team["reviewer"])
    assert Approval.objects.count() == 1


def test_comment_page_shows_reviewed_and_the_reviewer_sign_off_still_needed(client, team, comment):
    requiring(comment, REVIEWER_SIGN_OFF)
    client.force_login(team["reviewer"])
    before = client.get(reverse("comment", args=[comment.pk])).text
    answer = client.post(
        reverse("comment_decide", args=[comment.pk]),
        {"decision": Decision.REVIEWED, "revision_number": 1},
        follow=True,
    ).text

    assert "Sign-off still needed from: Reviewer, an approver" in before
    assert 'id="mark-reviewed"' in before
    assert "Reviewed, no changes, by Reviewer" in answer
    assert "Sign-off still needed from: an approver" in answer
    assert "Reviewer · Comment 4: reviewed revision 1, no changes" in answer
    assert 'id="mark-reviewed"' not in answer
