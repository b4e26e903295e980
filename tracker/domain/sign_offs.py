"""What counts as a sign-off on a revision, and when a response is ready for an approver.

The one home of these rules: the domain applies them when it records a decision, the comment
page and the letter's review page show what they say. Pure functions over a revision's
decisions (its `Approval` rows, any decision), so pages can apply them to prefetched rows.
"""

from collections.abc import Iterable

from tracker import permissions
from tracker.enums import REVIEWER_SIGN_OFF, Decision, ResponseStatus
from tracker.models import Approval, Revision

AN_APPROVER = "an approver"


def sign_offs_given(decisions: Iterable[Approval]) -> set[str]:
    """The sign-off codes these decisions on one revision give: each approval its approver's
    `sign_off_as` (legal, finance, or "" for an approver with none), and any "reviewed, no
    changes" the reviewer's (enums.REVIEWER_SIGN_OFF)."""
    given = set()
    for decision in decisions:
        if decision.decision == Decision.APPROVED:
            given.add(decision.sign_off_as)
        elif decision.decision == Decision.REVIEWED:
            given.add(REVIEWER_SIGN_OFF)
    return given


def sign_offs_lacking(required: list[str], decisions: Iterable[Approval]) -> list[str]:
    """Labels of the sign-offs these decisions on the latest revision still lack: each code of
    the letter's `required` list not given, and "an approver" while no approver has approved
    and none of `required` names an approver's sign-off. A reviewer's sign-off alone never
    approves a response."""
    decisions = list(decisions)
    given = sign_offs_given(decisions)
    lacking = [permissions.sign_off_label(code) for code in required if code not in given]
    approvers_named = any(code != REVIEWER_SIGN_OFF for code in required)
    approved = any(decision.decision == Decision.APPROVED for decision in decisions)
    if not approvers_named and not approved:
        lacking.append(AN_APPROVER)
    return lacking


def why_not_ready(
    status: str, revision: Revision | None, required: list[str], approver_pk: int
) -> str:
    """Why the approver `approver_pk` may not approve this response now, as a short reason fit
    to list, or "" if he may: it is in review, he did not write its latest revision (`revision`,
    with its approvals prefetched) nor approve it already, and the reviewer's sign-off, where
    the letter requires one, is given."""
    if status != ResponseStatus.IN_REVIEW or revision is None:
        return "not in review"
    if revision.author_id == approver_pk:
        return f"you wrote revision {revision.number}; someone else must approve it"
    decisions = list(revision.approvals.all())
    mine = [d for d in decisions if d.approver_id == approver_pk]
    if any(d.decision == Decision.APPROVED for d in mine):
        return "you have already approved it"
    if REVIEWER_SIGN_OFF in required and REVIEWER_SIGN_OFF not in sign_offs_given(decisions):
        return "waiting for the reviewer's sign-off"
    return ""
