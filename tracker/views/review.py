"""The letter's review page: every comment with its current response, in the order of the
letter, each decided on the spot; and "approve all that are ready", after a confirmation.

Thin: the decisions go through `record_decision` (one comment) or `approve_ready` (the batch).
htmx gets the one comment's block back; a plain post goes back to the page at that comment.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tracker import permissions, queries
from tracker.domain.responses import ActionRefused, record_decision
from tracker.domain.review import approve_ready, ready_for
from tracker.domain.sign_offs import sign_offs_lacking
from tracker.enums import ResponseStatus
from tracker.forms import DecisionForm
from tracker.models import Approval, Comment, CommentLetter, Revision

from .comment_page import actions_for
from .responses import acting_on, form_errors

PAGE = "tracker/letter/review.html"
ITEM = "tracker/letter/_review_item.html"
CONFIRM = "tracker/letter/approve_ready.html"
NOTE_MAX = DecisionForm.base_fields["note"].max_length


@dataclass
class ReviewItem:
    """One comment as the review page shows it, with what this user may do on it."""

    comment: Comment
    revision: Revision | None
    decisions: list[Approval]
    lacking: list[str]
    actions: permissions.ResponseActions
    notice: str = ""
    error: str = ""

    @property
    def headings(self) -> list[str]:  # read by queries.group_by_headings
        return self.comment.headings


def review_items(user: AbstractBaseUser, letter: CommentLetter, pks=None) -> list[ReviewItem]:
    items = []
    for comment in queries.comments_to_review(letter, pks):
        response = comment.response
        revision = next(iter(response.latest), None)
        decisions = list(revision.approvals.all()) if revision else []
        in_review = response.status == ResponseStatus.IN_REVIEW
        lacking = sign_offs_lacking(letter.required_sign_offs, decisions) if in_review else []
        actions = actions_for(user, letter.user_role, response.status, revision)
        items.append(ReviewItem(comment, revision, decisions, lacking, actions))
    return items


def readable_letter(request: HttpRequest, pk: int) -> CommentLetter:
    """The letter, for those who work on it: outsiders get a 404, read-only members a 403."""
    letter = queries.letter_to_review(request.user, pk)
    if not permissions.can_act_on_comments(letter.user_role):
        raise PermissionDenied("Read-only members cannot review responses.")
    return letter


def letter_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Every comment and its current response, reading like the letter that will go out."""
    letter = readable_letter(request, pk)
    items = review_items(request.user, letter)
    return render_page(request, letter, items)


def render_page(
    request: HttpRequest, letter: CommentLetter, items: list[ReviewItem], status: int = 200
) -> HttpResponse:
    context = {
        "letter": letter,
        "groups": queries.group_by_headings(items),
        "may_approve": permissions.can_approve(letter.user_role),
        "required_labels": [permissions.sign_off_label(c) for c in letter.required_sign_offs],
        "note_max": NOTE_MAX,
    }
    return render(request, PAGE, context, status=status)


@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve, mark reviewed or send back one comment's response from the review page."""
    comment = acting_on(request, pk)
    letter = readable_letter(request, comment.letter_id)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form))
        data = form.cleaned_data
        approval = record_decision(
            comment.response,
            data["decision"],
            actor=request.user,
            revision_number=data["revision_number"],
            note=data["note"],
        )
    except ActionRefused as refusal:
        return refused(request, letter, comment, str(refusal))
    message = f"Comment {comment.number}: {approval.get_decision_display().lower()}."
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{reverse('letter_review', args=[letter.pk])}#review-item-{pk}")
    return render_item(request, letter, pk, notice=message)


def refused(
    request: HttpRequest, letter: CommentLetter, comment: Comment, why: str
) -> HttpResponse:
    """The refusal beside the comment it concerns, status 400; nothing was recorded."""
    if request.htmx:
        return render_item(request, letter, comment.pk, status=400, error=why)
    items = review_items(request.user, letter)
    for item in items:
        if item.comment.pk == comment.pk:
            item.error = why
    return render_page(request, letter, items, status=400)


def render_item(
    request: HttpRequest, letter: CommentLetter, pk: int, status: int = 200, **shown: str
) -> HttpResponse:
    """One comment's block of the page, with a notice or an error, for htmx to swap in."""
    (item,) = review_items(request.user, letter, [pk])
    item.notice, item.error = shown.get("notice", ""), shown.get("error", "")
    context = {"letter": letter, "item": item, "note_max": NOTE_MAX}
    return render(request, ITEM, context, status=status)


def approving_letter(request: HttpRequest, pk: int) -> CommentLetter:
    """The letter, for its approvers: outsiders get a 404, other members a 403."""
    letter = queries.letter_to_review(request.user, pk)
    if not permissions.can_approve(letter.user_role):
        raise PermissionDenied("Only an approver can approve responses.")
    return letter


@require_http_methods(["GET", "POST"])
def approve_ready_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: how many responses are ready for this approver, and which are skipped and why;
    POST: approve those he confirmed (each `ready` value is "response pk:revision number")."""
    letter = approving_letter(request, pk)
    if request.method != "POST":
        context = {"letter": letter, "split": ready_for(letter, request.user)}
        return render(request, CONFIRM, context)
    outcome = approve_ready(letter, request.user, chosen_revisions(request.POST.getlist("ready")))
    if outcome.approved:
        numbers = ", ".join(str(c.number) for c in outcome.approved)
        plural = "s" if len(outcome.approved) != 1 else ""
        approved = f"Approved {len(outcome.approved)} response{plural} (comment{plural} {numbers})."
        messages.success(request, approved)
    else:
        messages.info(request, "Nothing was approved.")
    for comment, why in outcome.skipped:
        messages.warning(request, f"Comment {comment.number} was not approved: {why}")
    return redirect("letter_review", pk=letter.pk)


def chosen_revisions(values: list[str]) -> dict[int, int]:
    """{response pk: revision number} from "pk:number" values; anything else is ignored."""
    chosen = {}
    for value in values:
        response, _, number = value.partition(":")
        if response.isdecimal() and number.isdecimal() and len(value) < 40:
            chosen[int(response)] = int(number)
    return chosen
