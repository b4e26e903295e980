"""The response workflow. Every change of a response's state goes through transition_response."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker import clock, permissions
from tracker.enums import TRANSITIONS, AssignmentRole, Decision, ResponseStatus
from tracker.models import Approval, Assignment, Response, Revision
from tracker.models.companies import zone_named
from tracker.parsing.characters import printable

from . import notices
from .activity import record_activity
from .sign_offs import sign_offs_lacking

MAX_RESPONSE_CHARS = 50_000
MAX_NOTE_CHARS = 5_000

# Saving a revision moves the response on from these states; approvals belong to a revision,
# so editing an approved response sends the new revision back to review.
STATE_AFTER_SAVE = {
    ResponseStatus.NOT_STARTED: ResponseStatus.DRAFTING,
    ResponseStatus.CHANGES_REQUESTED: ResponseStatus.DRAFTING,
    ResponseStatus.APPROVED: ResponseStatus.IN_REVIEW,
}


class ActionRefused(Exception):
    """A move the rules do not allow; the message says why and is fit to show the user."""


class StaleRevision(ActionRefused):
    """Someone saved since the editor was opened; both texts are kept for the user to merge."""

    def __init__(self, current: Revision, attempted_text: str):
        self.current = current
        self.attempted_text = attempted_text
        super().__init__(
            f"{current.author.get_full_name() or current.author} saved revision {current.number} "
            "while you were editing. Nothing was overwritten: compare the two texts, merge them "
            "and save again."
        )


class DraftOfAnother(ActionRefused):
    """The save would replace the draft of the preparer the response is assigned to; saving
    again with `replacing=draft.number` confirms it."""

    def __init__(self, draft: Revision):
        self.draft = draft
        self.owner = author_name(draft)
        super().__init__(
            f"This response is assigned to {self.owner}, whose draft of "
            f"{day_written(draft)} you would replace."
        )


def author_name(revision: Revision) -> str:
    return revision.author.get_full_name() or revision.author.username


def day_written(revision: Revision) -> str:
    """'3 December', with the year when it is not this year's (in Washington's days)."""
    written = revision.created_at.astimezone(zone_named(clock.SEC_TIME_ZONE))
    today = clock.sec_today()
    year = "" if written.year == today.year else f" {written.year}"
    return f"{written.day} {written:%B}{year}"


def assigned_draft_of_another(
    response: Response, latest: Revision | None, actor: AbstractBaseUser
) -> Revision | None:
    """`latest` (the response's latest revision), when someone other than `actor` wrote it and
    is assigned to draft this response: saving over it needs confirming, as a draft was once
    replaced without warning. Revisions by anyone else are the team's shared text."""
    if latest is None or latest.author_id == actor.pk:
        return None
    assigned = Assignment.objects.filter(
        comment_id=response.comment_id, user_id=latest.author_id, role=AssignmentRole.DRAFTER
    )
    return latest if assigned.exists() else None


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ActionRefused(message)


def locked(response: Response) -> Response:
    """The response row, locked until the transaction ends, with what the rules need."""
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("comment__letter__review__company")
        .get(pk=response.pk)
    )


def latest_revision(response: Response) -> Revision | None:
    return response.revisions.select_related("author").order_by("-number").first()


@transaction.atomic
def transition_response(
    response: Response, to: str, *, actor: AbstractBaseUser, note: str = ""
) -> Response:
    """Move the response to state `to`: checks the move and the permission, locks, saves, logs."""
    response = locked(response)
    comment = response.comment
    company = comment.letter.review.company
    require(
        to in TRANSITIONS[response.status],
        f"A response that is {response.get_status_display().lower()} cannot become "
        f"{ResponseStatus(to).label.lower()}.",
    )
    role = permissions.role_in(actor, company)
    require(
        permissions.may_move_to(role, to) or gives_last_sign_off(role, to, response),
        permissions.refusal_for_move(to),
    )
    submitted = latest_revision(response) if to == ResponseStatus.IN_REVIEW else None
    if to == ResponseStatus.IN_REVIEW:
        require(submitted is not None, "Write a response before submitting it.")
    if to == ResponseStatus.APPROVED:
        missing = missing_sign_offs(response)
        require(not missing, f"Still waiting for sign-off by: {', '.join(missing)}.")
    before = response.status
    response.status = to
    response.save(update_fields=["status", "updated_at"])
    summary = (
        f"Comment {comment.number}: {ResponseStatus(before).label} → {ResponseStatus(to).label}"
    )
    record_activity(company, actor, f"response.{to}", response, summary, note=note, before=before)
    if submitted is not None:
        notices.review_requested(submitted, actor=actor)
    return response


@transaction.atomic
def save_revision(
    response: Response,
    text: str,
    *,
    author: AbstractBaseUser,
    based_on: int | None,
    source: str = "",
    replacing: int | None = None,
) -> Revision:
    """Save the text as a new revision, unless someone saved since `based_on` (the revision
    number the editor started from; None for a first draft). `source` says where text that was
    not typed came from (a precedent); the revision and its history entry keep it.

    Raises StaleRevision when someone saved since `based_on`, and DraftOfAnother when the
    latest revision is the draft of another preparer assigned to draft the response, unless
    `replacing` is that revision's number (the user confirmed); the history then says whose
    draft was saved over. Other refusals raise ActionRefused."""
    response = locked(response)
    company = response.comment.letter.review.company
    require(
        permissions.can_draft(permissions.role_in(author, company)),
        "Only a preparer of this company can write responses.",
    )
    # Stored as it will print: a control character inside "[[" would otherwise hide a
    # confidential passage from the checks that read the stored text.
    text = printable(text).strip()
    require(bool(text), "A response cannot be empty.")
    require(
        len(text) <= MAX_RESPONSE_CHARS,
        f"A response is limited to {MAX_RESPONSE_CHARS:,} characters.",
    )
    latest = latest_revision(response)
    if (latest.number if latest else None) != based_on:
        raise (
            StaleRevision(latest, text) if latest else ActionRefused("That draft no longer exists.")
        )
    if latest and latest.text == text:
        return latest
    replaced = assigned_draft_of_another(response, latest, author)
    if replaced is not None and replaced.number != replacing:
        raise DraftOfAnother(replaced)
    revision = Revision.objects.create(
        response=response,
        number=latest.number + 1 if latest else 1,
        text=text,
        author=author,
        based_on=latest,
        source=source[:500],
    )
    summary = f"Comment {response.comment.number}: saved revision {revision.number}"
    if replaced is not None:
        summary += f" over {author_name(replaced)}'s draft (revision {replaced.number})"
    if source:
        summary += f", started from {source}"
    detail = {**source_detail(source), **replaced_detail(replaced)}
    record_activity(company, author, "revision.saved", revision, summary, **detail)
    if response.status in STATE_AFTER_SAVE:
        transition_response(response, STATE_AFTER_SAVE[response.status], actor=author)
    return revision


def gives_last_sign_off(role: str | None, to: str, response: Response) -> bool:
    """A reviewer whose "reviewed, no changes" was the last sign-off the letter required moves
    the response to approved: the approvers approved the same revision before him (an approval
    is always among the sign-offs required, see sign_offs.sign_offs_lacking)."""
    return (
        to == ResponseStatus.APPROVED
        and permissions.can_review(role)
        and not missing_sign_offs(response)
    )


def source_detail(source: str) -> dict[str, str]:
    return {"source": source} if source else {}


def replaced_detail(replaced: Revision | None) -> dict[str, str | int]:
    if replaced is None:
        return {}
    return {"replaced_draft_of": author_name(replaced), "replaced_revision": replaced.number}


def submit_for_review(response: Response, *, actor: AbstractBaseUser) -> Response:
    return transition_response(response, ResponseStatus.IN_REVIEW, actor=actor)


@transaction.atomic
def record_decision(
    response: Response,
    decision: str,
    *,
    actor: AbstractBaseUser,
    revision_number: int,
    note: str = "",
) -> Approval:
    """A reviewer's or approver's decision (enums.Decision) on the revision he read, numbered
    `revision_number`; raises ActionRefused (with the reason) if the rules refuse it.

    Changes requested send the response back to its drafter. An approval, or a "reviewed, no
    changes", leaves it in review until every sign-off the letter requires is given (see
    sign_offs.sign_offs_lacking), then approves it. A "reviewed" sends no notice: nothing waits
    on the drafter."""
    response = locked(response)
    company = response.comment.letter.review.company
    membership = permissions.membership_in(actor, company)
    role = membership.role if membership else None
    require(
        response.status == ResponseStatus.IN_REVIEW, "Only a response in review can be decided."
    )
    revision = latest_revision(response)
    require(
        revision is not None and revision.number == revision_number,
        "A newer revision was saved since you opened this page; read it before deciding.",
    )
    note = note.strip()
    check_decision(decision, role, revision, actor, note)
    approval = Approval.objects.create(
        revision=revision,
        approver=actor,
        decision=decision,
        note=note,
        sign_off_as=membership.sign_off_as,
    )
    summary = f"Comment {response.comment.number}: {decision_summary(decision, revision.number)}"
    record_activity(company, actor, f"approval.{decision}", approval, summary, note=note)
    if decision != Decision.REVIEWED:
        notices.decided(approval, actor=actor)
    if decision == Decision.CHANGES_REQUESTED:
        # The note is the decision's: its history entry above carries it, once.
        transition_response(response, ResponseStatus.CHANGES_REQUESTED, actor=actor)
    elif not missing_sign_offs(response):
        transition_response(response, ResponseStatus.APPROVED, actor=actor)
    return approval


def decision_summary(decision: str, number: int) -> str:
    """ "approved revision 2", as the activity log reads it."""
    if decision == Decision.REVIEWED:
        return f"reviewed revision {number}, no changes"
    return f"{Decision(decision).label.lower()} revision {number}"


def check_decision(
    decision: str, role: str | None, revision: Revision, actor: AbstractBaseUser, note: str
) -> None:
    require(len(note) <= MAX_NOTE_CHARS, f"A note is limited to {MAX_NOTE_CHARS:,} characters.")
    if decision == Decision.APPROVED:
        require(permissions.can_approve(role), "Only an approver can approve a response.")
        require(
            revision.author_id != actor.pk, "You wrote this revision; someone else must approve it."
        )
        already = revision.approvals.filter(approver=actor, decision=Decision.APPROVED).exists()
        require(not already, "You have already approved this revision.")
    elif decision == Decision.REVIEWED:
        require(
            permissions.can_review(role), "Only a reviewer or an approver can mark it reviewed."
        )
        require(
            revision.author_id != actor.pk, "You wrote this revision; someone else must review it."
        )
        already = revision.approvals.filter(approver=actor, decision=Decision.REVIEWED).exists()
        require(not already, "You have already marked this revision reviewed.")
    else:
        require(decision == Decision.CHANGES_REQUESTED, "Unknown decision.")
        require(permissions.can_review(role), "Only a reviewer or an approver can ask for changes.")
        require(bool(note), "Say what needs to change.")


def missing_sign_offs(response: Response) -> list[str]:
    """The sign-offs the letter requires that the latest revision still lacks."""
    revision = latest_revision(response)
    decisions = list(revision.approvals.all()) if revision else []
    return sign_offs_lacking(response.comment.letter.required_sign_offs, decisions)
