"""A filing document imported in the background: staged as a FilingImport, then read and saved
by a task that reports its progress on the record, so the page can show a progress bar.

The record is claimed by a conditional update, so a task delivered twice imports once. The file
is read in the bounded child (tracker/parsing/sandbox.py). A claim is a lease: an import still
running when its lease has run out lost its worker, and is queued again (`retake_if_stalled`).
"""

import hashlib
import logging
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tracker import permissions
from tracker.enums import ImportStatus
from tracker.models import Company, Filing, FilingImport
from tracker.parsing import EmptyDocument, ParseError
from tracker.parsing import filing_document as documents
from tracker.parsing.extract import refuse_image, sniff_format
from tracker.parsing.sandbox import bounded

from .activity import record_activity
from .bounded import filing_limits
from .files import stored_name
from .filings import AlreadyImported, import_filing

logger = logging.getLogger(__name__)

# Progress steps shown on the import page: read the file, cut it into sections, save them.
STEPS = 3
UNEXPECTED = "The import failed unexpectedly. Nothing was saved; try again or ask an administrator."
# A lease outlasts the longest read (its wall-clock limit) by this much, for saving the sections.
LEASE_MARGIN = timedelta(minutes=2)
# Workers that may take an import up before it is given up (a file that kills them every time).
MAX_ATTEMPTS = 3
STALLED = "Its worker stopped before the import finished; it is being read again."
GAVE_UP = (
    f"The import stopped {MAX_ATTEMPTS} times before it finished: "
    "try another copy of the file, or ask an administrator."
)


def check_size(data: bytes) -> None:
    """Refuse an empty or oversized file before anything is stored."""
    if len(data) > documents.MAX_FILING_BYTES:
        raise documents.FilingTooLarge()
    if not data.strip():
        raise EmptyDocument()
    if sniff_format(data) == "image":
        refuse_image(data, "filing")


@transaction.atomic
def start_import(
    *,
    company: Company,
    user: AbstractBaseUser | None,
    data: bytes,
    filename: str,
    form_type: str,
    file_number: str = "",
    filed_on: date | None = None,
    amends: Filing | None = None,
    queue: bool = True,
) -> FilingImport:
    """Store the file and queue its import (after this transaction commits)."""
    if (
        user is not None
        and not permissions.importing_companies(user).filter(pk=company.pk).exists()
    ):
        raise PermissionDenied("Only preparers and approvers import filings.")
    check_size(data)
    record = FilingImport(
        company=company,
        uploaded_by=user,
        source_name=filename[:255],
        source_sha256=hashlib.sha256(data).hexdigest(),
        form_type=form_type,
        file_number=file_number,
        filed_on=filed_on,
        amends=amends,
        total=STEPS,
    )
    record.source_file.save(stored_name(data), ContentFile(data), save=False)
    record.save()
    if queue:
        enqueue(record)
    return record


def enqueue(record: FilingImport) -> None:
    from tracker.tasks import import_filing_task

    transaction.on_commit(lambda: import_filing_task.delay(record.pk))


def claim(pk: int) -> bool:
    """Move a queued import to running and start its lease; False if another runner got there
    first."""
    claimed = FilingImport.objects.filter(pk=pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING,
        progress=1,
        total=STEPS,
        claimed_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    return claimed == 1


def lease() -> timedelta:
    """How long a claim holds: the longest read, and time to save what was read."""
    return timedelta(seconds=filing_limits().wall_seconds) + LEASE_MARGIN


def stalled(record: FilingImport) -> bool:
    """Running past its lease: its worker died (an import claimed before leases existed counts
    from its upload)."""
    since = record.claimed_at or record.created_at
    return record.status == ImportStatus.RUNNING and since < timezone.now() - lease()


def retake_if_stalled(record: FilingImport) -> FilingImport:
    """Queue a stalled import again (the message says so), or fail it after MAX_ATTEMPTS.

    The move is a conditional update on the claim it found, so two pages asking at once
    queue it once; the record returned is read afresh."""
    if not stalled(record):
        return record
    same_claim = FilingImport.objects.filter(
        pk=record.pk, status=ImportStatus.RUNNING, claimed_at=record.claimed_at
    )
    if record.attempts >= MAX_ATTEMPTS:
        done = timezone.now()
        if same_claim.update(status=ImportStatus.FAILED, message=GAVE_UP, finished_at=done):
            record_failure(fresh(record))
    elif same_claim.update(status=ImportStatus.QUEUED, progress=0, message=STALLED):
        logger.warning("Filing import %s stalled; queued again", record.pk)
        enqueue(record)
    return fresh(record)


def fresh(record: FilingImport) -> FilingImport:
    return FilingImport.objects.select_related("company", "filing", "uploaded_by").get(pk=record.pk)


def run_import(pk: int) -> FilingImport:
    """Read the staged file and save the filing; the record ends done or failed, with a message."""
    if not claim(pk):
        return FilingImport.objects.get(pk=pk)
    record = FilingImport.objects.select_related("company", "amends", "uploaded_by").get(pk=pk)
    try:
        with record.source_file.open("rb") as source:
            data = source.read()
        parsed = bounded(documents.parse_filing_file, data, limits=filing_limits())
        advance(record, 2)
        filing = import_filing(
            parsed,
            company=record.company,
            form_type=record.form_type,
            file_number=record.file_number,
            filed_on=record.filed_on,
            amends=record.amends,
            actor=record.uploaded_by,
        )
    except (ParseError, AlreadyImported) as error:
        return finish(record, ImportStatus.FAILED, str(error))
    except Exception:
        logger.exception("Filing import %s failed", pk)
        return finish(record, ImportStatus.FAILED, UNEXPECTED)
    record.filing = filing
    return finish(record, ImportStatus.DONE, parsed.message)


def advance(record: FilingImport, progress: int) -> None:
    record.progress = progress
    FilingImport.objects.filter(pk=record.pk).update(progress=progress)


def finish(record: FilingImport, status: str, message: str) -> FilingImport:
    record.status, record.message = status, message
    record.progress = STEPS if status == ImportStatus.DONE else record.progress
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "message", "progress", "filing", "finished_at"])
    if status == ImportStatus.FAILED:
        record_failure(record)
    return record


def record_failure(record: FilingImport) -> None:
    summary = f"Could not import {record.source_name or 'a filing'}: {record.message}"
    record_activity(record.company, record.uploaded_by, "filing.import_failed", record, summary)
