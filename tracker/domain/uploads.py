"""Staging an uploaded staff letter: keep it, read it in the background, let the user correct
the preview, then save it.

`stage_upload` stores the file as an upload being read and queues `read_staged` (a Celery task;
in-process when there is no broker). The reading runs in a bounded child process (see
tracker/parsing/sandbox.py), so a file built to exhaust the reader costs its limits, never a
web worker. The upload ends waiting for review, or failed with a message a user can read.
Nothing reaches the letters until `save_upload`, which hands the corrected tree to
`import_letter`.
"""

import datetime as dt
import logging
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tracker.enums import UPLOAD_TRANSITIONS, UploadStatus
from tracker.models import CommentLetter, Company, LetterUpload
from tracker.parsing import (
    MAX_LETTER_BYTES,
    EmptyDocument,
    NeedsOCR,
    NotALetter,
    ParsedLetter,
    ParseError,
    TooLarge,
    letter_to_json,
    read_upload,
)
from tracker.parsing.extract import refuse_image, sniff_format
from tracker.parsing.sandbox import bounded
from tracker.permissions import importing_companies

from .activity import record_activity
from .bounded import letter_limits
from .files import stored_name
from .letters import DuplicateLetter, import_letter, imported_before, source_hash
from .team import create_company

logger = logging.getLogger(__name__)

UNEXPECTED = "The letter could not be read because of an error on our side. Try again later."
STOPPED = "Reading this file stopped before it finished (its worker stopped). Upload it again."
# A reading outlasts its wall-clock limit by this much only if its worker died.
LEASE_MARGIN = dt.timedelta(minutes=2)
# Files that cannot be read as a letter, but whose comments the user may enter by hand.
BY_HAND_OFFERED = (NotALetter, NeedsOCR)


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
    """Keep a file's bytes or pasted text and queue its reading (once this transaction commits).

    Raises TooLarge or EmptyDocument (nothing saved) for a file past MAX_LETTER_BYTES or with
    nothing in it, and DuplicateLetter when the company imported the same content before.
    `by_hand` skips the search for numbered comments: the preview starts with one empty comment.
    The same user's upload of the same content, still being read or waiting for review, is
    returned rather than staged twice.
    """
    ensure_may_import(user, company)
    source = data if data is not None else normalized_text(text or "").encode()
    if len(source) > MAX_LETTER_BYTES:
        raise TooLarge() if data is not None else TooLarge(PASTE_TOO_LARGE)
    if not source.strip():
        raise EmptyDocument()
    if sniff_format(source) == "image":
        refuse_image(source, "letter")  # named at once, not after a trip to the reader
    digest = source_hash(source)
    existing = imported_before(company, digest)
    if existing:
        raise DuplicateLetter(existing)
    waiting = LetterUpload.objects.filter(
        company=company,
        uploaded_by=user,
        source_sha256=digest,
        status__in=[UploadStatus.PARSING, UploadStatus.PENDING],
    ).first()
    return waiting or create_upload(company, user, received_on, source, filename, by_hand, digest)


def normalized_text(text: str) -> str:
    """Browsers send pasted text with CRLF line ends; the same letter as a file has LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@transaction.atomic
def create_upload(
    company: Company,
    user: AbstractBaseUser,
    received_on: dt.date,
    source: bytes,
    filename: str,
    by_hand: bool,
    digest: str,
) -> LetterUpload:
    upload = LetterUpload(
        company=company,
        uploaded_by=user,
        source_name=Path(filename).name[:255],
        source_sha256=digest,
        received_on=received_on,
        by_hand=by_hand,
        status=UploadStatus.PARSING,
    )
    upload.source_file.save(stored_name(source), ContentFile(source), save=False)
    try:
        upload.save()
    except BaseException:
        upload.source_file.storage.delete(upload.source_file.name)  # no file without its row
        raise
    from tracker.tasks import read_upload_task

    transaction.on_commit(lambda: read_upload_task.delay(upload.pk))
    return upload


def read_staged(pk: int) -> LetterUpload:
    """Read a staged upload in the bounded child; it ends waiting for review, or failed.

    Safe to run twice (a task redelivered): only an upload still being read is changed, by a
    conditional update, so a second reading changes nothing."""
    upload = LetterUpload.objects.get(pk=pk)
    if upload.status != UploadStatus.PARSING:
        return upload
    try:
        parsed = bounded(read_upload, stored_source(upload), upload.by_hand, limits=letter_limits())
    except ParseError as error:
        text = getattr(error, "source_text", "")
        return failed(upload, error.message, text, isinstance(error, BY_HAND_OFFERED))
    except Exception:
        logger.exception("Reading letter upload %s failed", pk)
        return failed(upload, UNEXPECTED, "", False)
    fields = {"parsed": letter_to_json(parsed), "extracted_text": parsed.source_text}
    settle(upload, UploadStatus.PENDING, **fields)
    return upload


def give_up_if_stalled(upload: LetterUpload) -> LetterUpload:
    """An upload still being read long after its reading's wall-clock limit lost its worker:
    it ends failed with a message, and the form to upload it again, rather than read for ever."""
    lease = dt.timedelta(seconds=letter_limits().wall_seconds) + LEASE_MARGIN
    if upload.status == UploadStatus.PARSING and upload.created_at < timezone.now() - lease:
        return failed(upload, STOPPED, "", False)
    return upload


def failed(upload: LetterUpload, message: str, text: str, by_hand: bool) -> LetterUpload:
    """Keep why it failed (and the text read, for entering the comments by hand); drop the
    staged file, which the user did not mean to keep unread."""
    stored, storage = upload.source_file.name, upload.source_file.storage
    fields = {"message": message, "extracted_text": text, "offer_by_hand": by_hand}
    if settle(upload, UploadStatus.FAILED, source_file="", **fields) and stored:
        storage.delete(stored)
    return upload


def settle(upload: LetterUpload, status: str, **fields) -> bool:
    """Move an upload being read to `status` with `fields`; False if it was read already."""
    if status not in UPLOAD_TRANSITIONS[UploadStatus.PARSING]:
        raise ValueError(f"An upload being read cannot become {status}.")
    moved = LetterUpload.objects.filter(pk=upload.pk, status=UploadStatus.PARSING).update(
        status=status, **fields
    )
    upload.refresh_from_db()
    return moved == 1


def ensure_may_import(user: AbstractBaseUser, company: Company) -> None:
    if not importing_companies(user).filter(pk=company.pk).exists():
        raise PermissionDenied("You may not import letters for this company.")


@transaction.atomic
def update_preview(
    upload: LetterUpload, edited: ParsedLetter, *, received_on: dt.date, user: AbstractBaseUser
) -> LetterUpload:
    """Keep the user's corrections without saving the letter yet."""
    upload = locked_pending(upload, user)
    upload.parsed, upload.received_on = letter_to_json(edited), received_on
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
    upload.parsed, upload.received_on = letter_to_json(edited), received_on
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
def move_upload(upload: LetterUpload, company: Company, user: AbstractBaseUser) -> LetterUpload:
    """Import the upload for `company` instead: the letter names it, not the one first chosen.

    The user must import for both companies (PermissionDenied otherwise); raises DuplicateLetter
    when `company` imported the same file before, and UploadClosed once saved or discarded."""
    upload = locked_pending(upload, user)
    ensure_may_import(user, company)
    existing = imported_before(company, upload.source_sha256)
    if existing:
        raise DuplicateLetter(existing)
    moved_from, upload.company = upload.company, company
    upload.save(update_fields=["company"])
    # Neither company's log names the other: their members need not be the same people.
    name = upload.source_name or "pasted text"
    record_activity(moved_from, user, "upload.moved", upload, f"Moved {name} to another company")
    record_activity(company, user, "upload.moved", upload, f"Moved {name} here")
    return upload


@transaction.atomic
def move_to_new_company(
    upload: LetterUpload, name: str, cik: str, user: AbstractBaseUser
) -> LetterUpload:
    """Create the company the letter is addressed to (the user becomes its administrator:
    team.create_company) and import the upload for it; both happen, or neither does. Raises
    ActionRefused for a name or CIK create_company refuses, UploadClosed once saved or
    discarded."""
    locked_pending(upload, user)
    return move_upload(upload, create_company(name, cik, creator=user), user)


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
