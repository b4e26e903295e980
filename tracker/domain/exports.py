"""Exporting the keyed response letter: render, keep the file, record who made it."""

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction

from tracker import permissions, queries
from tracker.enums import ExportFormat, ExportVersion
from tracker.exporters import exporter_for
from tracker.exporters.context import ResponseLetterContext, printable_value
from tracker.models import CommentLetter, Export, ResponseLetter

from .activity import record_activity
from .files import generated_name
from .responses import require


def check_may_export(actor: AbstractBaseUser | None, letter: CommentLetter, final: bool) -> None:
    """Drafts for any working member, the final letter for preparers and approvers; the
    command line (no actor) may do both."""
    if actor is None or actor.is_superuser:
        return
    role = permissions.role_in(actor, letter.review.company)
    if final:
        require(
            permissions.can_export_final(role),
            "Only a preparer or an approver can export the final letter.",
        )
    require(permissions.can_export_draft(role), "Read-only members cannot export the letter.")


def check_allowed(context: ResponseLetterContext, version: str, format: str) -> None:
    """Rule 83 (`permissions.allowed_exports`): a letter with confidential passages is exported
    only as the confidential version, the public one or the request; EDGAR's formats only as
    the public version. Decided from the context, that is from the passages the letter would
    print. Raises ActionRefused with the reason."""
    confidential = bool(context.marked_sections)
    refusal = permissions.export_refusal(version, format, confidential=confidential)
    require(not refusal, refusal)


def check_context(context: ResponseLetterContext, final: bool) -> None:
    if final:
        waiting = ", ".join(map(str, context.unapproved))
        require(
            not waiting,
            f"The final letter needs an approved response to every comment; not yet approved: "
            f"{waiting}.",
        )
        require(
            bool(context.signer_name),
            "Say who signs the letter (in the letter settings) before the final export.",
        )


@transaction.atomic
def export_letter(
    letter: CommentLetter,
    format: str,
    *,
    version: str = ExportVersion.STANDARD,
    actor: AbstractBaseUser | None,
    final: bool = False,
) -> Export:
    """Render the letter in this format and version, keep the file and log the export.

    Raises ActionRefused, exporting nothing: for a version or format Rule 83 does not allow this
    letter (`check_allowed`), and for a final export while any response is unapproved. A draft
    says DRAFT throughout."""
    check_may_export(actor, letter, final)
    context = queries.response_letter_context(letter, version=version, draft=not final)
    check_allowed(context, version, format)
    check_context(context, final)
    exporter = exporter_for(format, version)
    rendered = exporter.render(context)
    export = Export(
        letter=letter,
        format=format,
        version=version,
        is_final=final,
        filename=rendered.filename,
        sha256=hashlib.sha256(rendered.data).hexdigest(),
        size=len(rendered.data),
        created_by=actor,
    )
    export.file.save(generated_name(rendered.filename), ContentFile(rendered.data), save=False)
    export.save()
    record_activity(
        letter.review.company,
        actor,
        "export.created",
        export,
        export_summary(export),
        format=format,
        version=version,
        final=final,
        sha256=export.sha256,
        filename=export.filename,
    )
    return export


def export_summary(export: Export) -> str:
    kind = "final" if export.is_final else "draft"
    version = ExportVersion(export.version).label.lower()
    return f"Exported the {kind} response letter ({version}, {ExportFormat(export.format).label})"


@transaction.atomic
def save_response_letter(
    letter: CommentLetter, values: dict[str, Any], *, actor: AbstractBaseUser
) -> ResponseLetter:
    """Save what the response letter says around the responses (letterhead, signer, ...).

    A wording that follows the review (the opening, the amendment, ...) is saved blank while it
    is one of its defaults, so that it keeps following the review and the choices made here
    (an amendment filed or not); edited, it is kept as written."""
    role = permissions.role_in(actor, letter.review.company)
    require(
        actor.is_superuser or permissions.can_export_final(role),
        "Only a preparer or an approver can change the letter settings.",
    )
    settings, _ = ResponseLetter.objects.get_or_create(letter=letter)
    defaults = queries.wordings_that_follow_the_review(letter)
    for name, value in values.items():
        value = printable_value(value)
        if isinstance(value, str) and _flat(value) in {_flat(d) for d in defaults.get(name, ())}:
            value = ""
        setattr(settings, name, value)
    settings.save()
    record_activity(
        letter.review.company,
        actor,
        "response_letter.saved",
        settings,
        f"Saved the settings of the response letter to the {letter}",
    )
    return settings


def _flat(text: str) -> str:
    """The text with its runs of white space as one space (a browser sends CR LF line ends)."""
    return " ".join(text.split())
