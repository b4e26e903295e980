"""The export page of a staff letter: export the keyed response letter, set what it says,
download earlier exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tracker import permissions, queries
from tracker.domain.exports import export_letter, save_response_letter
from tracker.domain.responses import ActionRefused
from tracker.domain.styles import save_letter_style
from tracker.enums import ExportFormat
from tracker.exporters import CONTENT_TYPES, text_replacements
from tracker.forms import ExportForm, LetterStyleForm, ResponseLetterForm, removed_notice
from tracker.models import CommentLetter, Export, LetterStyle
from tracker.views.wording import sentence


def role_for(request: HttpRequest, letter: CommentLetter) -> str | None:
    if request.user.is_superuser:
        return "approver"
    return permissions.role_in(request.user, letter.review.company)


@require_http_methods(["GET", "POST"])
def letter_export(request: HttpRequest, pk: int) -> HttpResponse:
    letter = queries.letter_for(request.user, pk)
    confidential = queries.letter_has_confidential_passages(letter)
    all_approved = 0 < letter.approved_count == letter.comment_count
    # The final letter is what a user wants once it may be had; a draft until then.
    export_form = ExportForm(confidential=confidential, initial={"final": all_approved})
    settings = queries.response_letter_settings(letter)
    settings_form = settings_form_for(letter, settings)
    if request.method == "POST":
        if not permissions.can_export_draft(role_for(request, letter)):
            raise PermissionDenied("Read-only members cannot export the letter.")
        if request.POST.get("action") == "settings":
            settings_form = settings_form_for(letter, settings, request.POST)
            if save_settings(request, letter, settings_form):
                return redirect("letter_export", pk=letter.pk)
        else:
            export_form = ExportForm(request.POST, confidential=confidential)
            if export := create_export(request, letter, export_form):
                return download(export)
    context = {
        "letter": letter,
        "all_approved": all_approved,
        "export_form": export_form,
        "settings_form": settings_form,
        "confidential": confidential,
        "unsigned": not settings.signer_name,
        "may_finalize": permissions.can_export_final(role_for(request, letter)),
        "exports": letter.exports.select_related("created_by")[:50],
        "asks": queries.letter_style_asks(letter),
    }
    return render(request, "tracker/exports/page.html", context)


def settings_form_for(letter: CommentLetter, settings, data=None) -> ResponseLetterForm:
    defaults = queries.response_letter_defaults(letter, settings)
    return ResponseLetterForm.for_settings(settings, defaults, letter.asks_acknowledgment, data)


def create_export(request: HttpRequest, letter: CommentLetter, form: ExportForm) -> Export | None:
    """The export the form asks for, kept in the letter's history; None, with the form's
    errors or the refusal on the form, when it cannot be made."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    final = data["final"]
    try:
        export = export_letter(
            letter, data["format"], version=data["version"], actor=request.user, final=final
        )
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    if export.format == ExportFormat.TXT:
        context = queries.response_letter_context(letter, version=export.version, draft=not final)
        if replaced := text_replacements(context):
            # Shown on the export page once the user is back on it: the answer is the file.
            messages.info(
                request,
                f"{export.filename}: replaced for EDGAR\u2019s ASCII: {replacements(replaced)}.",
            )
    return export


def replacements(pairs: list[tuple[str, str]]) -> str:
    """ "\u20ac \u2192 EUR, \u00bd \u2192 1/2"; a character that does not show (a no-break
    space) by its code point, one dropped as "nothing"."""

    def shown(ch: str) -> str:
        return ch if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"

    return ", ".join(f"{shown(ch)} \u2192 {ascii or 'nothing'}" for ch, ascii in pairs)


def save_settings(request: HttpRequest, letter: CommentLetter, form: ResponseLetterForm) -> bool:
    if not form.is_valid():
        return False
    try:
        save_response_letter(letter, form.cleaned_data, actor=request.user)
    except ActionRefused as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    notice = removed_notice(form.removed_characters)
    messages.success(request, f"Saved the letter settings.{notice}")
    return True


def export_download(request: HttpRequest, pk: int, export_id: int) -> FileResponse:
    letter = queries.letter_for(request.user, pk)
    return download(get_object_or_404(letter.exports, pk=export_id))


def download(export: Export) -> FileResponse:
    """The export's file, as an attachment under its EDGAR file name."""
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type=CONTENT_TYPES[export.format],
    )


@require_http_methods(["GET", "POST"])
def company_letter_style(request: HttpRequest, pk: int) -> HttpResponse:
    """The company's letter style: every member may read it, preparers and approvers change
    it; another company's is a 404."""
    company = get_object_or_404(permissions.visible_companies(request.user), pk=pk)
    role = "approver" if request.user.is_superuser else permissions.role_in(request.user, company)
    style = LetterStyle.objects.filter(company=company).first() or LetterStyle(company=company)
    form = LetterStyleForm.for_style(style)
    if request.method == "POST":
        if not permissions.can_edit_letter_style(role):
            raise PermissionDenied("Only a preparer or an approver can change the letter style.")
        form = LetterStyleForm(request.POST, request.FILES)
        if save_style(request, company, form):
            return redirect(back_to(request, company))
    context = {
        "company": company,
        "style": style,
        "form": form,
        "may_edit": permissions.can_edit_letter_style(role),
        "back": back_to(request, company),
    }
    return render(request, "tracker/exports/letter_style.html", context)


def save_style(request: HttpRequest, company, form: LetterStyleForm) -> bool:
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    letterhead = data.pop("letterhead_docx")
    try:
        save_letter_style(
            company,
            data,
            actor=request.user,
            letterhead=letterhead,
            remove_letterhead=data.pop("remove_letterhead"),
        )
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return False
    messages.success(request, sentence(f"Saved the letter style of {company}"))
    return True


def back_to(request: HttpRequest, company) -> str:
    """The export page the user came from (its letter must be the company's), else the
    style page itself."""
    letter = request.GET.get("letter", "")
    if letter.isdigit() and company.reviews.filter(letters__pk=int(letter)).exists():
        return reverse("letter_export", args=[int(letter)])
    return reverse("company_letter_style", args=[company.pk])
