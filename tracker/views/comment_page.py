"""The comment page's context: the staff comment, our response, and what this user may do.

Shared by the page itself and by the posts, which answer htmx with the parts they change.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker import permissions, queries
from tracker.domain.sign_offs import sign_offs_lacking
from tracker.enums import Decision, ResponseStatus
from tracker.forms import DecisionForm, NoteForm, ResponseForm
from tracker.models import Approval, Comment, Revision
from tracker.parsing.rendered_redline import rendered_redline

from .walk import walk_for

PAGE = "tracker/comment/detail.html"
RESPONSE_SWAP = "tracker/comment/_response_swap.html"
NOTES_SWAP = "tracker/comment/_notes_swap.html"


def last_decided(revisions: list[Revision], user: AbstractBaseUser) -> Revision | None:
    """The revision this user last approved or sent back: what a reviewer read last time."""
    decisions = [
        (approval.decided_at, revision)
        for revision in revisions
        for approval in revision.approvals.all()
        if approval.approver_id == user.pk
    ]
    return max(decisions, key=lambda pair: pair[0])[1] if decisions else None


def default_comparison(revisions: list[Revision], seen: Revision | None) -> tuple[int, int]:
    """Which two revisions the Compare form starts with: the one this user last decided on
    (else the one before the latest) against the latest. `revisions` are newest first."""
    if len(revisions) < 2:
        return (0, 0)
    latest = revisions[0]
    older = seen if seen and seen.number < latest.number else revisions[1]
    return (older.number, latest.number)


def decisions_on(revision: Revision | None, decision: str) -> list[Approval]:
    if revision is None:
        return []
    return [a for a in revision.approvals.all() if a.decision == decision]


def editor_form(latest: Revision | None) -> ResponseForm:
    return ResponseForm(
        initial={
            "text": latest.text if latest else "",
            "based_on": latest.number if latest else None,
        }
    )


def actions_for(
    user: AbstractBaseUser, role: str | None, status: str, latest: Revision | None
) -> permissions.ResponseActions:
    """The buttons `user` (of `role`) sees on a response in `status` whose latest revision,
    with its decisions prefetched, is `latest`."""
    mine = {
        a.decision for a in (latest.approvals.all() if latest else []) if a.approver_id == user.pk
    }
    return permissions.response_actions(
        role,
        status,
        has_revision=latest is not None,
        wrote_latest=latest is not None and latest.author_id == user.pk,
        approved_latest=Decision.APPROVED in mine,
        reviewed_latest=Decision.REVIEWED in mine,
    )


def response_context(request: HttpRequest, comment: Comment) -> dict[str, Any]:
    """The response panel: status, latest revision, sign-offs, buttons, and the editor."""
    response = comment.response
    revisions = list(response.revisions.all())
    latest = revisions[0] if revisions else None
    approvals = decisions_on(latest, Decision.APPROVED)
    seen = last_decided(revisions, request.user)
    in_review = response.status == ResponseStatus.IN_REVIEW
    return {
        "comment": comment,
        "response": response,
        "revision": latest,
        "revisions": revisions,
        "approvals": approvals,
        "reviews": decisions_on(latest, Decision.REVIEWED),
        "change_requests": decisions_on(latest, Decision.CHANGES_REQUESTED),
        "missing_sign_offs": sign_offs_lacking(
            comment.letter.required_sign_offs, latest.approvals.all()
        )
        if in_review and latest
        else [],
        "actions": actions_for(request.user, comment.user_role, response.status, latest),
        "seen": seen,
        "since_seen": rendered_redline(seen.text, latest.text)
        if in_review and seen not in (None, latest)
        else None,
        "compare": default_comparison(revisions, seen),
        "form": editor_form(latest),
        "decision_form": DecisionForm(initial={"revision_number": latest and latest.number}),
    }


def page_context(request: HttpRequest, comment: Comment, **extra: Any) -> dict[str, Any]:
    context = response_context(request, comment)
    activities = queries.comment_activity(comment, context["revisions"])
    context.update(note_form=NoteForm(), activities=activities)
    context.update(extra)
    return context


def render_comment(
    request: HttpRequest, pk: int, template: str = PAGE, status: int = 200, **extra: Any
) -> HttpResponse:
    """The whole page, or for htmx the given swap of its parts, read afresh after a post."""
    comment = queries.comment_for(request.user, pk)
    if not request.htmx:
        template = PAGE
        extra["walk"] = walk_for(request, comment)
    return render(request, template, page_context(request, comment, **extra), status=status)
