"""Importing a staff letter: upload it, correct the preview beside the source text, save it."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_htmx.http import HttpResponseClientRefresh

from tracker.clock import response_date
from tracker.domain import uploads
from tracker.domain.letters import DEFAULT_WINDOW, DuplicateLetter
from tracker.domain.responses import ActionRefused
from tracker.enums import UploadStatus
from tracker.forms import (
    BaseCommentFormSet,
    CommentForm,
    UploadForm,
    edited_letter,
    over_the_limit,
    preview_forms,
    removed_characters,
    removed_notice,
)
from tracker.forms.team import NewCompanyForm
from tracker.middleware import shows_post_limits
from tracker.models import LetterUpload
from tracker.parsing import ParsedLetter, ParseError
from tracker.permissions import can_add_companies, importing_companies, visible_companies
from tracker.queries import group_by_headings
from tracker.queries.imports import received_date_warning, registrant_mismatch
from tracker.views.assignments import first_error
from tracker.views.wording import sentence


@shows_post_limits
def letter_upload(request: HttpRequest) -> HttpResponse:
    """Keep the file or the pasted text and go to its preview, which shows the reading."""
    companies = importing_companies(request.user)
    if not companies.exists():
        raise PermissionDenied("Only preparers and approvers import the staff's letters.")
    form = UploadForm(request.POST or None, request.FILES or None, companies=companies)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            upload = stage(request, form)
        except ParseError as error:
            form.add_error(None, error.message)
        except DuplicateLetter as duplicate:
            context["duplicate"] = duplicate.letter
        else:
            return redirect("letter_preview", upload.pk)
    context["pending"] = pending_uploads(request.user)
    status = 400 if request.method == "POST" else 200
    return render(request, "tracker/imports/upload.html", context, status=status)


def stage(request: HttpRequest, form: UploadForm) -> LetterUpload:
    data = form.cleaned_data
    upload_file = data["source_file"]
    return uploads.stage_upload(
        company=data["company"],
        user=request.user,
        received_on=data["received_on"],
        # One byte past the limit is enough to refuse the file without reading all of it.
        data=upload_file.read(uploads.MAX_LETTER_BYTES + 1) if upload_file else None,
        text=None if upload_file else data["text"],
        filename=upload_file.name if upload_file else "",
        by_hand="by_hand" in request.POST,
    )


def reading(request: HttpRequest, upload: LetterUpload) -> HttpResponse:
    """The upload being read: htmx polls the bar every second until it has been read."""
    if request.htmx:
        return render(request, "tracker/imports/_reading.html", {"upload": upload})
    return render(request, "tracker/imports/reading.html", {"upload": upload})


def unread(request: HttpRequest, upload: LetterUpload) -> HttpResponse:
    """Why the file could not be read, and the form again: to try another copy, or to enter
    the comments by hand (its text box holding what was read, when something was)."""
    companies = importing_companies(request.user)
    initial = {"company": upload.company, "received_on": upload.received_on}
    form = UploadForm(initial={**initial, "text": upload.extracted_text}, companies=companies)
    context = {
        "form": form,
        "failure": [upload.message],
        "by_hand": upload.offer_by_hand,
        "pending": pending_uploads(request.user),
    }
    return render(request, "tracker/imports/upload.html", context)


def pending_uploads(user: AbstractBaseUser) -> QuerySet[LetterUpload]:
    """The user's uploads still being read or waiting for their preview to be checked."""
    return (
        LetterUpload.objects.filter(
            uploaded_by=user,
            status__in=[UploadStatus.PARSING, UploadStatus.PENDING],
            company__in=importing_companies(user),
        )
        .select_related("company")
        .defer("extracted_text")
    )


def upload_for(user: AbstractBaseUser, pk: int) -> LetterUpload:
    """Another company's upload is a 404; a member who may not import gets a 403."""
    visible = LetterUpload.objects.filter(company__in=visible_companies(user))
    upload = get_object_or_404(visible.select_related("company"), pk=pk)
    if not importing_companies(user).filter(pk=upload.company_id).exists():
        raise PermissionDenied("Only preparers and approvers import the staff's letters.")
    return upload


@shows_post_limits
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    upload = uploads.give_up_if_stalled(upload_for(request.user, pk))
    if request.htmx and upload.status != UploadStatus.PARSING:
        return HttpResponseClientRefresh()  # read: the poll gives way to the whole page
    if upload.status == UploadStatus.PARSING:
        return reading(request, upload)
    if upload.status == UploadStatus.FAILED:
        return unread(request, upload)
    action = request.POST.get("action") if request.method == "POST" else None
    if upload.status != UploadStatus.PENDING:
        return closed(request, upload)
    if action == "discard":
        return discard(request, upload)
    if action == "move":
        return move(request, upload)
    if action == "create_company":
        return create_company(request, upload)
    if limit := over_the_limit(upload):
        context = {"upload": upload, "over_the_limit": limit}
        status = 400 if action else 200
        return render(request, "tracker/imports/preview.html", context, status=status)
    fields, comments = preview_forms(upload, request.POST if action else None)
    context = {"upload": upload, "fields": fields, "comments": comments}
    if action and fields.is_valid() and comments.is_valid():
        edited = edited_letter(upload, fields, comments)
        received_on = fields.cleaned_data["received_on"]
        notice = removed_notice(removed_characters(fields, comments))
        try:
            if action == "save":
                return save(request, upload, edited, received_on, notice)
            return keep_corrections(request, upload, edited, received_on, notice)
        except DuplicateLetter as duplicate:
            context["duplicate"] = duplicate.letter
        except uploads.UploadClosed as error:
            return closed(request, error.upload)
    context |= preview_context(upload, comments) | preview_checks(request.user, upload)
    return render(request, "tracker/imports/preview.html", context, status=400 if action else 200)


def save(
    request: HttpRequest,
    upload: LetterUpload,
    edited: ParsedLetter,
    received_on: date,
    notice: str = "",
) -> HttpResponse:
    letter = uploads.save_upload(upload, edited, received_on=received_on, user=request.user)
    due = f"{letter.response_due_on:%A, %B %-d, %Y}" if letter.response_due_on else "not set"
    count = len(edited.comments)
    messages.success(
        request,
        f"Saved the staff letter of {letter.letter_date:%B %-d, %Y} "
        f"with {count} comment{'s' if count != 1 else ''}. "
        f"The response is due {due}.{notice}",
    )
    return redirect("letter", letter.pk)


def keep_corrections(
    request: HttpRequest,
    upload: LetterUpload,
    edited: ParsedLetter,
    received_on: date,
    notice: str = "",
) -> HttpResponse:
    uploads.update_preview(upload, edited, received_on=received_on, user=request.user)
    messages.success(request, f"Your corrections are kept. Check the preview, then save.{notice}")
    return redirect("letter_preview", upload.pk)


def discard(request: HttpRequest, upload: LetterUpload) -> HttpResponse:
    try:
        uploads.discard_upload(upload, request.user)
    except uploads.UploadClosed as error:
        return closed(request, error.upload)
    messages.info(request, f"Discarded {upload}. Nothing was saved.")
    return redirect("letter_upload")


def move(request: HttpRequest, upload: LetterUpload) -> HttpResponse:
    """Import the letter for the company it names rather than the one first chosen."""
    company = importing_companies(request.user).filter(pk=request.POST.get("company")).first()
    if company is None:
        messages.error(request, "Choose one of the companies you import letters for.")
        return redirect("letter_preview", upload.pk)
    try:
        uploads.move_upload(upload, company, request.user)
    except DuplicateLetter as duplicate:
        messages.error(request, f"{company} already has this letter: {duplicate}")
        return redirect("letter_preview", upload.pk)
    except uploads.UploadClosed as error:
        return closed(request, error.upload)
    messages.success(request, sentence(f"This letter will be imported for {company}"))
    return redirect("letter_preview", upload.pk)


def create_company(request: HttpRequest, upload: LetterUpload) -> HttpResponse:
    """Create the company the letter names, with the user as its administrator, and import the
    letter for it."""
    form = NewCompanyForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("letter_preview", upload.pk)
    name, cik = form.cleaned_data["name"], form.cleaned_data["cik"]
    try:
        upload = uploads.move_to_new_company(upload, name, cik, request.user)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("letter_preview", upload.pk)
    except uploads.UploadClosed as error:
        return closed(request, error.upload)
    company = upload.company
    messages.success(
        request,
        sentence(
            f"Created {company}, with you as its administrator (invite its team from the Team "
            f"page), and this letter will be imported for it"
        ),
    )
    return redirect("letter_preview", upload.pk)


def closed(request: HttpRequest, upload: LetterUpload) -> HttpResponse:
    """An upload already saved or discarded: show where it went, change nothing."""
    if upload.status == UploadStatus.SAVED and upload.letter_id:
        messages.info(request, "This upload was already saved; here is the letter.")
        return redirect("letter", upload.letter_id)
    messages.info(request, f"This upload was {upload.get_status_display().lower()}.")
    return redirect("letter_upload")


@dataclass
class CommentRow:
    """One comment's form with the headings it currently sits under."""

    form: CommentForm
    headings: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)


def preview_context(upload: LetterUpload, comments: BaseCommentFormSet) -> dict:
    rows = [
        CommentRow(form, [line.strip() for line in lines(form) if line.strip()], form.doubt_list())
        for form in comments
    ]
    window = upload.parsed.get("response_window_business_days") or DEFAULT_WINDOW
    return {
        "groups": group_by_headings(rows),
        "doubtful": [row for row in rows if row.doubts],
        "due_on": response_date(upload.received_on, window),
        "window": window,
    }


def preview_checks(user: AbstractBaseUser, upload: LetterUpload) -> dict:
    """The mistakes the preview warns of: the letter names another company, or the received
    date is far from the letter's own."""
    mismatch = registrant_mismatch(upload, user)
    letter_date = upload.parsed.get("date")
    received = received_date_warning(
        date.fromisoformat(letter_date) if letter_date else None, upload.received_on
    )
    may_add = bool(mismatch and not mismatch.matching and can_add_companies(user))
    context = {"mismatch": mismatch, "received_warning": received, "may_add_company": may_add}
    if may_add:
        initial = {"name": upload.parsed.get("registrant", ""), "cik": mismatch.cik}
        context["new_company_form"] = NewCompanyForm(initial=initial, auto_id="new-company-%s")
    return context


def lines(form: CommentForm) -> list[str]:
    return (form["headings"].value() or "").splitlines()
