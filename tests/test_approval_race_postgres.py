"""Two approvers approve the same revision at the same instant, on PostgreSQL.

The letter needs the legal and the finance sign-off. Each approver runs in his own thread and
database connection, released together by a barrier: the row lock on the response makes the
second decision see the first, so there is one approval each and the response is approved once.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tests.factories import CommentFactory, MembershipFactory, RevisionFactory, UserFactory
from tracker.domain.responses import ActionRefused, record_decision
from tracker.enums import Decision, ResponseStatus, Role, SignOff
from tracker.models import Activity, Approval

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(actions: list[Callable[[], object]]) -> list[object]:
    """Run each action in its own thread, released together; returns results or errors."""
    start = threading.Barrier(len(actions))
    results: list[object] = []

    def run(action: Callable[[], object]) -> None:
        try:
            start.wait()
            results.append(action())
        except ActionRefused as refusal:
            results.append(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def in_review(letter):
    """Comment 1 in review, revision 1 by a preparer; legal and finance approvers."""
    company = letter.review.company
    letter.required_sign_offs = [SignOff.LEGAL, SignOff.FINANCE]
    letter.save()
    drafter = UserFactory(username="alice")
    MembershipFactory(user=drafter, company=company, role=Role.PREPARER)
    approvers = {}
    for name, sign_off in [("grace", SignOff.LEGAL), ("frank", SignOff.FINANCE)]:
        approvers[name] = UserFactory(username=name)
        MembershipFactory(
            user=approvers[name], company=company, role=Role.APPROVER, sign_off_as=sign_off
        )
    response = CommentFactory(letter=letter, number=1).response
    RevisionFactory(response=response, number=1, author=drafter)
    response.status = ResponseStatus.IN_REVIEW
    response.save()
    return response, approvers


def approve(response, user) -> Callable[[], object]:
    return lambda: (
        record_decision(response, Decision.APPROVED, actor=user, revision_number=1).sign_off_as
    )


def test_legal_and_finance_approving_at_once_approve_the_response_once(in_review):
    response, approvers = in_review
    assert connection.vendor == "postgresql"

    results = at_once([approve(response, user) for user in approvers.values()])

    response.refresh_from_db()
    assert sorted(results) == ["finance", "legal"]
    assert sorted(Approval.objects.values_list("approver__username", flat=True)) == [
        "frank",
        "grace",
    ]
    assert response.status == ResponseStatus.APPROVED
    verbs = sorted(Activity.objects.filter(verb__startswith="approval").values_list("verb"))
    assert verbs == [("approval.approved",), ("approval.approved",)]
    assert Activity.objects.filter(verb="response.approved").count() == 1


def test_one_approver_posting_twice_at_once_approves_once(in_review):
    response, approvers = in_review

    results = at_once([approve(response, approvers["grace"])] * 2)

    response.refresh_from_db()
    assert sorted(map(str, results)) == ["You have already approved this revision.", "legal"]
    assert Approval.objects.count() == 1
    assert response.status == ResponseStatus.IN_REVIEW
