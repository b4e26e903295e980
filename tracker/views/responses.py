"""Posts on a comment's page: save, submit, decide, add a note; and the redline between revisions.

Thin: each view checks who may post at all, calls one domain function and shows the outcome.
Refusals re-show the page (or, for htmx, the part that was posted) with the reason, status 400;
a stale save shows both texts side by side, status 409. Nothing is changed by a refused post.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tracker import permissions, queries
from tracker.domain.assignments import add_note
from tracker.domain.responses import (
    ActionRefused,
    DraftOfAnother,
    StaleRevision,
    record_decision,
    save_revision,
    submit_for_review,
)
from tracker.forms import DecisionForm, NoteForm, ResponseForm, removed_notice
from tracker.models import Comment
from tracker.parsing.rendered_redline import rendered_redline

from .comment_page import (
    NOTES_SWAP,
    RESPONSE_SWAP,
    default_comparison,
    last_decided,
    render_comment,
)


def acting_on(request: HttpRequest, pk: int) -> Comment:
    """The comment, if the user may see it (404 otherwise) and may post on it (403 otherwise)."""
    comment = queries.visible_comment(request.user, pk)
    if not permissions.can_act_on_comments(comment.user_role):
        raise PermissionDenied("Read-only members cannot change responses or write notes.")
    return comment


def form_errors(form: Form) -> str:
    return " ".join(error for errors in form.errors.values() for error in errors)


def succeeded(request: HttpRequest, pk: int, message: str, swap: str) -> HttpResponse:
    """htmx gets the changed parts with the message; a plain post goes back to the page."""
    if request.htmx:
        return render_comment(request, pk, swap, notice=message)
    messages.success(request, message)
    anchor = "#notes" if swap == NOTES_SWAP else "#our-response"
    return redirect(reverse("comment", args=[pk]) + anchor)


@require_POST
def comment_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the editor's text as a new revision; with `submit`, also submit it for review."""
    comment = acting_on(request, pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return render_comment(request, pk, RESPONSE_SWAP, 400, error=form_errors(form), form=form)
    data = form.cleaned_data
    submit, based_on = "submit" in request.POST, data["based_on"]
    try:
        # Save and submit together or not at all: a refused submit keeps no half-done save.
        with transaction.atomic():
            revision = save_revision(
                comment.response,
                data["text"],
                author=request.user,
                based_on=based_on,
                replacing=data["replacing"],
            )
            if submit:
                submit_for_review(comment.response, actor=request.user)
    except StaleRevision as stale:
        return stale_save(request, pk, stale)
    except DraftOfAnother as refusal:
        return confirm_replacing(request, pk, refusal, text=data["text"], based_on=based_on)
    except ActionRefused as refusal:
        return render_comment(request, pk, RESPONSE_SWAP, 400, error=str(refusal), form=form)
    saved = f"Saved revision {revision.number}" if revision.number != based_on else "No changes"
    message = f"{saved}{' and submitted it for review' if submit else ''}."
    message += removed_notice(form.removed_characters)
    return succeeded(request, pk, message, RESPONSE_SWAP)


def stale_save(request: HttpRequest, pk: int, stale: StaleRevision) -> HttpResponse:
    """Both texts side by side; the editor keeps the user's words, now based on the latest
    revision, so that saving again after merging goes through."""
    current = stale.current
    form = ResponseForm(initial={"text": stale.attempted_text, "based_on": current.number})
    context = {
        "error": str(stale),
        "form": form,
        "conflict": current,
        "conflict_redline": rendered_redline(current.text, stale.attempted_text),
    }
    return render_comment(request, pk, RESPONSE_SWAP, 409, **context)


def confirm_replacing(
    request: HttpRequest, pk: int, refusal: DraftOfAnother, text: str, based_on: int | None
) -> HttpResponse:
    """The editor again with the user's text, saying whose draft a save would replace; saving
    it again confirms (it carries `replacing`), and a save by anyone meanwhile is still stale."""
    initial = {"text": text, "based_on": based_on, "replacing": refusal.draft.number}
    form = ResponseForm(initial=initial)
    return render_comment(request, pk, RESPONSE_SWAP, 409, replace_draft=refusal, form=form)


@require_POST
def comment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = acting_on(request, pk)
    try:
        submit_for_review(comment.response, actor=request.user)
    except ActionRefused as refusal:
        return render_comment(request, pk, RESPONSE_SWAP, 400, error=str(refusal))
    return succeeded(request, pk, "Submitted for review.", RESPONSE_SWAP)


@require_POST
def comment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve the revision the reviewer read, or send it back with a note."""
    comment = acting_on(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render_comment(
            request, pk, RESPONSE_SWAP, 400, error=form_errors(form), decision_form=form
        )
    data = form.cleaned_data
    try:
        approval = record_decision(
            comment.response,
            data["decision"],
            actor=request.user,
            revision_number=data["revision_number"],
            note=data["note"],
        )
    except ActionRefused as refusal:
        return render_comment(
            request, pk, RESPONSE_SWAP, 400, error=str(refusal), decision_form=form
        )
    message = f"{approval.get_decision_display()}: revision {data['revision_number']}."
    return succeeded(request, pk, message, RESPONSE_SWAP)


@require_POST
def comment_note(request: HttpRequest, pk: int) -> HttpResponse:
    comment = acting_on(request, pk)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form))
        add_note(comment, form.cleaned_data["text"], author=request.user)
    except ActionRefused as refusal:
        return render_comment(request, pk, NOTES_SWAP, 400, note_error=str(refusal), note_form=form)
    return succeeded(request, pk, "Note added.", NOTES_SWAP)


def revision_number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def comment_redline(request: HttpRequest, pk: int) -> HttpResponse:
    """The redline between two revisions (`?from=N&to=M`); by default, for a reviewer, between
    the revision he last decided on and the latest."""
    comment = queries.comment_for(request.user, pk)
    revisions = list(comment.response.revisions.all())
    default_from, default_to = default_comparison(revisions, last_decided(revisions, request.user))
    by_number = {revision.number: revision for revision in revisions}
    old = by_number.get(revision_number(request.GET.get("from")) or default_from)
    new = by_number.get(revision_number(request.GET.get("to")) or default_to)
    if old is None or new is None:
        raise Http404("No such revision of this response.")
    context = {
        "comment": comment,
        "old": old,
        "new": new,
        "chunks": rendered_redline(old.text, new.text),
    }
    template = "tracker/comment/_redline.html" if request.htmx else "tracker/comment/redline.html"
    return render(request, template, context)
