"""Staging an uploaded staff letter: parse it, let the user correct the preview, then save it.

Nothing reaches the letters until `save_upload`, which hands the corrected tree to
`import_letter`; a file that cannot be read raises a ParseError and leaves no row behind.
"""

import dataclasses
import datetime as dt
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from tracker.enums import UploadStatus
from tracker.models import CommentLetter, Company, LetterUpload
from tracker.parsing import (
    MAX_LETTER_BYTES,
    Addressee,
    Contact,
    FilingRef,
    NeedsOCR,
    NotALetter,
    ParsedComment,
    ParsedLetter,
    Signatory,
    TooLarge,
    extract_text,
    parse_letter,
)
from tracker.permissions import importing_companies

from .activity import record_activity
from .files import stored_name
from .letters import DuplicateLetter, content_hash, import_letter


class UploadClosed(Exception):
    """The upload was already saved or discarded; nothing more can be done with it."""

    def __init__(self, upload: LetterUpload):
        self.upload = upload
        super().__init__(f"This upload was already {upload.get_status_display().lower()}.")


PASTE_TOO_LARGE = (
    f"The pasted text is larger than {MAX_LETTER_BYTES // (1024 * 1024)} MB, "
    "too large for a staff letter."
)


def stage_upload(
    *,
    company: Company,
    user: AbstractBaseUser,
    received_on: dt.date,
    data: bytes | None = None,
    text: str | None = None,
    filename: str = "",
    by_hand: bool = False,
) -> LetterUpload:
    """Parse a file's bytes or pasted text and keep it for preview.

    Raises ParseError (nothing saved) when the letter cannot be read, and DuplicateLetter when
    the same content was imported before. `by_hand` skips the search for numbered comments and
    starts the preview with one empty comment. The same user's pending upload of the same
    content is returned rather than staged twice.
    """
    ensure_may_import(user, company)
    source = data if data is not None else normalized_text(text or "").encode()
    if len(source) > MAX_LETTER_BYTES:
        raise TooLarge() if data is not None else TooLarge(PASTE_TOO_LARGE)
    parsed = by_hand_letter(source) if by_hand else parse_source(source)
    digest = content_hash(parsed, source)
    existing = CommentLetter.objects.filter(source_sha256=digest).first()
    if existing:
        raise DuplicateLetter(existing)
    pending = LetterUpload.objects.filter(
        company=company, uploaded_by=user, source_sha256=digest, status=UploadStatus.PENDING
    ).first()
    return pending or create_upload(company, user, received_on, source, filename, parsed, digest)


def normalized_text(text: str) -> str:
    """Browsers send pasted text with CRLF line ends; the same letter as a file has LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_source(source: bytes) -> ParsedLetter:
    """Parse, keeping the text read so far on NotALetter: the user may enter comments by hand."""
    text = extract_text(source)
    try:
        return parse_letter(text)
    except NotALetter as error:
        error.source_text = text
        raise


def by_hand_letter(source: bytes) -> ParsedLetter:
    """A preview with one empty comment, for text without numbered comments or a scanned PDF."""
    try:
        text = extract_text(source)
    except NeedsOCR:
        text = ""
    return ParsedLetter(kind="comments", source_text=text, comments=[ParsedComment(number=1)])


def create_upload(
    company: Company,
    user: AbstractBaseUser,
    received_on: dt.date,
    source: bytes,
    filename: str,
    parsed: ParsedLetter,
    digest: str,
) -> LetterUpload:
    upload = LetterUpload(
        company=company,
        uploaded_by=user,
        source_name=Path(filename).name[:255],
        source_sha256=digest,
        extracted_text=parsed.source_text,
        parsed=preview_data(parsed),
        received_on=received_on,
    )
    upload.source_file.save(stored_name(source), ContentFile(source), save=False)
    upload.save()
    return upload


def ensure_may_import(user: AbstractBaseUser, company: Company) -> None:
    if not importing_companies(user).filter(pk=company.pk).exists():
        raise PermissionDenied("You may not import letters for this company.")


@transaction.atomic
def update_preview(
    upload: LetterUpload, edited: ParsedLetter, *, received_on: dt.date, user: AbstractBaseUser
) -> LetterUpload:
    """Keep the user's corrections without saving the letter yet."""
    upload = locked_pending(upload, user)
    upload.parsed, upload.received_on = preview_data(edited), received_on
    upload.save(update_fields=["parsed", "received_on"])
    return upload


@transaction.atomic
def save_upload(
    upload: LetterUpload, edited: ParsedLetter, *, received_on: dt.date, user: AbstractBaseUser
) -> CommentLetter:
    """Import the corrected letter and mark the upload saved: both happen, or neither does."""
    upload = locked_pending(upload, user)
    edited.source_text = upload.extracted_text
    source = stored_source(upload)
    letter = import_letter(
        edited,
        received_on=received_on,
        company=upload.company,
        source=source,
        actor=user,
    )
    upload.parsed, upload.received_on = preview_data(edited), received_on
    upload.letter = letter
    close(upload, UploadStatus.SAVED, ["parsed", "received_on", "letter"])
    return letter


def stored_source(upload: LetterUpload) -> bytes:
    """The bytes as uploaded; the text read from them if the staged file was removed."""
    if not upload.source_file:
        return upload.extracted_text.encode()
    with upload.source_file.open("rb") as stored:
        return stored.read()


@transaction.atomic
def discard_upload(upload: LetterUpload, user: AbstractBaseUser) -> None:
    upload = locked_pending(upload, user)
    close(upload, UploadStatus.DISCARDED, [])
    name = upload.source_name or "pasted text"
    record_activity(upload.company, user, "upload.discarded", upload, f"Discarded {name}")


def locked_pending(upload: LetterUpload, user: AbstractBaseUser) -> LetterUpload:
    """The upload, locked, if the user may still act on it: two clicks never save twice."""
    ensure_may_import(user, upload.company)
    locked = LetterUpload.objects.select_for_update().select_related("company").get(pk=upload.pk)
    if locked.status != UploadStatus.PENDING:
        raise UploadClosed(locked)
    return locked


def close(upload: LetterUpload, status: str, fields: list[str]) -> None:
    """Set the final status and drop the staged copy of the file once that is committed."""
    stored, storage = upload.source_file.name, upload.source_file.storage
    upload.status, upload.source_file = status, ""
    upload.save(update_fields=["status", "source_file", *fields])
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def preview_data(letter: ParsedLetter) -> dict:
    """The letter as JSON-ready data; the source text is kept once, in `extracted_text`."""
    data = dataclasses.asdict(letter)
    del data["source_text"]
    data["date"] = iso(letter.date)
    data["filings"] = [
        {**ref, "filed": iso(ref["filed"]), "submitted": iso(ref["submitted"])}
        for ref in data["filings"]
    ]
    for comment in data["comments"]:
        comment["prior_letter_date"] = iso(comment["prior_letter_date"])
    return data


def letter_from_preview(data: dict, source_text: str = "") -> ParsedLetter:
    """Rebuild the dataclass tree from `preview_data` (or the same shape after editing)."""
    signatory = data.get("signatory")
    return ParsedLetter(
        date=from_iso(data.get("date")),
        kind=data.get("kind") or "other",
        addressee=Addressee(**(data.get("addressee") or {})),
        salutation=data.get("salutation", ""),
        re_block=data.get("re_block", ""),
        registrant=data.get("registrant", ""),
        filings=[filing_ref(ref) for ref in data.get("filings", [])],
        response_window_business_days=data.get("response_window_business_days"),
        comments=[parsed_comment(comment) for comment in data.get("comments", [])],
        closing=data.get("closing", ""),
        contacts=[Contact(**contact) for contact in data.get("contacts", [])],
        signatory=Signatory(**signatory) if signatory else None,
        cc=list(data.get("cc", [])),
        source_text=source_text,
        warnings=list(data.get("warnings", [])),
    )


def filing_ref(data: dict) -> FilingRef:
    dates = {"filed": from_iso(data.get("filed")), "submitted": from_iso(data.get("submitted"))}
    return FilingRef(**{**data, **dates})


def parsed_comment(data: dict) -> ParsedComment:
    return ParsedComment(**{**data, "prior_letter_date": from_iso(data.get("prior_letter_date"))})


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
