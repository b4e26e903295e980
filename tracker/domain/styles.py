"""Saving a company's letter style: how its response letters are dressed, and its letterhead."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction

from tracker import permissions
from tracker.exporters.context import printable_value
from tracker.exporters.docx import letterhead_refusal
from tracker.models import Company, LetterStyle

from .activity import record_activity
from .files import generated_name
from .responses import require

STYLE_VALUES = [
    "salutation",
    "recital",
    "response_label",
    "sign_off",
    "attention",
    "cc",
    "closing_contact",
    "contact_phone",
    "contact_email",
]


@transaction.atomic
def save_letter_style(
    company: Company,
    values: dict[str, Any],
    *,
    actor: AbstractBaseUser,
    letterhead: tuple[str, bytes] | None = None,
    remove_letterhead: bool = False,
) -> LetterStyle:
    """Save the company's letter style; `letterhead` is a new Word letterhead (its file name
    and bytes). Raises ActionRefused, saving nothing, for a member who may not change the
    style or a letterhead that is not a usable .docx (the message says why)."""
    role = permissions.role_in(actor, company)
    require(
        actor.is_superuser or permissions.can_edit_letter_style(role),
        "Only a preparer or an approver can change the letter style.",
    )
    if letterhead is not None:
        refusal = letterhead_refusal(letterhead[1])
        require(not refusal, refusal)
    style, _ = LetterStyle.objects.select_for_update().get_or_create(company=company)
    for name in STYLE_VALUES:
        if name in values:
            setattr(style, name, printable_value(values[name] or ""))
    if remove_letterhead and letterhead is None:
        style.letterhead_docx, style.letterhead_name = "", ""
    if letterhead is not None:
        name, data = letterhead
        style.letterhead_docx.save(generated_name("letterhead.docx"), ContentFile(data), False)
        style.letterhead_name = printable_value(name)[:255]
    style.save()
    record_activity(company, actor, "letter_style.saved", style, summary(style, letterhead))
    return style


def summary(style: LetterStyle, letterhead: tuple[str, bytes] | None) -> str:
    added = f", with the Word letterhead {style.letterhead_name}" if letterhead else ""
    return f"Saved the letter style of {style.company}{added}"
