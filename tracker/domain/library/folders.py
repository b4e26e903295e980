"""Import from a folder laid out as EDGAR serves a review:

    DIR/TICKER/THREAD/ACCESSION_upload.pdf       a staff letter (UPLOAD), as PDF
    DIR/TICKER/THREAD/ACCESSION_upload.flat.txt  the same letter as text
    DIR/TICKER/THREAD/ACCESSION_corresp.htm      a letter to the staff (CORRESP); .pdf, .txt too

Each THREAD folder is one review. A staff letter is read from its PDF, from its text when no
PDF is given. Each thread is imported by its own Celery task (run eagerly, in-process, when no
broker is configured), so a large import fans out over the workers.
"""

import logging
import re
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker.models import LibraryImport
from tracker.parsing.library_documents import CORRESP, UPLOAD

from .runs import record_thread, start_run
from .threads import SourceFile, import_thread

log = logging.getLogger(__name__)

_FILE_RE = re.compile(
    r"^(?P<accession>\d{10}-\d{2}-\d{6})_(?P<form>upload|corresp)\.(?P<ext>.+)$", re.I
)
# The staff letter's copies, best first.
_UPLOAD_PREFERENCE = ("pdf", "flat.txt", "txt", "htm", "html")
_CORRESP_EXTENSIONS = ("htm", "html", "pdf", "txt")


def thread_folders(root: Path) -> list[Path]:
    """Every folder under `root` (itself included) holding EDGAR documents, in name order."""
    found = {
        path.parent for path in root.rglob("*") if path.is_file() and _FILE_RE.match(path.name)
    }
    return sorted(found)


def thread_files(folder: Path) -> list[SourceFile]:
    """The thread's documents, one per accession: the staff letter's PDF, else its text."""
    chosen: dict[str, tuple[int, SourceFile]] = {}
    for path in sorted(folder.iterdir()):
        match = _FILE_RE.match(path.name)
        if not match or not path.is_file():
            continue
        extension = match["ext"].lower()
        if match["form"].lower() == "upload":
            form, rank = UPLOAD, _rank(extension, _UPLOAD_PREFERENCE)
        else:
            form, rank = CORRESP, _rank(extension, _CORRESP_EXTENSIONS)
        if rank is None:
            continue
        source = SourceFile(match["accession"], form, path.name, path=path)
        if match["accession"] not in chosen or rank < chosen[match["accession"]][0]:
            chosen[match["accession"]] = (rank, source)
    return [source for _, source in sorted(chosen.values(), key=lambda pair: pair[1].accession)]


def _rank(extension: str, preference: tuple[str, ...]) -> int | None:
    return preference.index(extension) if extension in preference else None


def thread_key(ticker: str, folder: str) -> str:
    """The review's key: EDGAR's own (TICKER_FIRSTACCESSION, as fetch_correspondence makes it)
    when the folder is named so, else TICKER/FOLDER, so two companies' folders of the same name
    ("review-2019") stay two reviews."""
    if not ticker or folder.startswith(f"{ticker}_"):
        return folder
    return f"{ticker}/{folder}"[:120]


def import_folder(root: Path, user: AbstractBaseUser | None = None) -> LibraryImport:
    """Start an import of every thread under `root`: a LibraryImport to follow it by, and one
    task per thread queued once the run is saved. Raises ValueError for a missing folder."""
    if not root.is_dir():
        raise ValueError(f"{root} is not a folder.")
    folders = thread_folders(root)
    if not folders:
        raise ValueError(
            f"{root} holds no EDGAR documents: the import looks for files named "
            "ACCESSION_upload.pdf (or _upload.flat.txt) and ACCESSION_corresp.htm in "
            "TICKER/THREAD folders."
        )
    from tracker.tasks import import_library_thread

    run = start_run(root.name or str(root), len(folders), user)
    for folder in folders:
        transaction.on_commit(
            lambda folder=folder: import_library_thread.delay(run.pk, str(root), str(folder))
        )
    return run


def run_folder_thread(run_id: int, root: str, folder: str) -> None:
    """Import one thread folder for run `run_id` and count it. Never raises: a thread that
    fails is counted failed, with a message, and the other threads go on."""
    path = Path(folder)
    relative = path.relative_to(root) if path.is_relative_to(root) else path
    ticker = relative.parts[0] if len(relative.parts) == 2 else ""
    try:
        outcome = import_thread(thread_key(ticker, path.name), thread_files(path), ticker=ticker)
    except Exception:
        log.exception("Library import of %s failed", folder)
        message = f"{path.name}: the thread could not be imported (see the log)."
        record_thread(run_id, imported=0, skipped=0, messages=[message], failed=True)
        return
    # A thread none of whose files could be read imported nothing: it failed.
    failed = bool(outcome.messages) and not (outcome.imported or outcome.skipped)
    record_thread(
        run_id,
        imported=outcome.imported,
        skipped=outcome.skipped,
        messages=outcome.messages,
        failed=failed,
    )
