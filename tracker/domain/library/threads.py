"""import_thread: one public review's documents into the library, paired, idempotently."""

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from tracker.models import LibraryComment, LibraryDocument, LibraryThread
from tracker.parsing.characters import printable
from tracker.parsing.errors import ParseError
from tracker.parsing.library_documents import LibraryReading, read_library_document
from tracker.parsing.sandbox import bounded_each
from tracker.parsing.threads import DocumentFacts, facts_of, in_order, pair_thread

from ..bounded import letter_limits

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceFile:
    """One EDGAR document to import: its accession, UPLOAD or CORRESP, and its bytes (given,
    or read from `path`)."""

    accession: str
    form_type: str
    name: str
    path: Path | None = None
    data: bytes | None = None
    filed_on: dt.date | None = None  # EDGAR's filing date: the date of a letter that prints none

    def read(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()


@dataclass
class ThreadOutcome:
    """What one import of a thread did: accessions stored, accessions the library already
    held, comments stored, and messages about files it could not read."""

    thread: LibraryThread
    imported: int = 0
    skipped: int = 0
    comments: int = 0
    messages: list[str] = field(default_factory=list)


def import_thread(
    key: str,
    files: list[SourceFile],
    *,
    ticker: str = "",
    cik: str = "",
    readings: dict[str, LibraryReading] | None = None,
) -> ThreadOutcome:
    """Import the review `key` (e.g. "ADM_0000000000-17-044885") from `files`.

    Each accession is stored once: files whose accession the library holds are skipped and not
    read again. New files are read in one bounded child (per-file limits as for uploads); a
    file that cannot be read is left out with a message naming it, the others are imported.
    When anything was stored, the whole thread is paired again (answers, outcomes) and its
    company, form, opening and closing dates are set from its letters. `readings` gives files
    already read (by accession), which are not read again."""
    thread, _ = LibraryThread.objects.get_or_create(
        key=key, defaults={"ticker": ticker[:12], "cik": cik[:10]}
    )
    outcome = ThreadOutcome(thread)
    held = set(
        LibraryDocument.objects.filter(accession__in=[f.accession for f in files]).values_list(
            "accession", flat=True
        )
    )
    new = [f for f in files if f.accession not in held]
    outcome.skipped = len(files) - len(new)
    if not new:
        return outcome
    read = read_files([f for f in new if f.accession not in (readings or {})])
    read |= {f.accession: readings[f.accession] for f in new if f.accession in (readings or {})}
    with transaction.atomic():
        for source in new:
            reading = read[source.accession]
            if isinstance(reading, ParseError):
                outcome.messages.append(f"{key}: {source.name} was not imported: {reading}")
                continue
            outcome.comments += _store(thread, source, reading)
            outcome.imported += 1
        if outcome.imported:
            pair_again(thread)
    return outcome


def read_files(files: list[SourceFile]) -> dict[str, LibraryReading | ParseError]:
    """Each file read in one bounded child (per-file limits as for uploads), by accession."""
    if not files:
        return {}
    items = [(f.form_type, f.read()) for f in files]
    readings = bounded_each(read_library_document, items, limits=letter_limits())
    return {f.accession: reading for f, reading in zip(files, readings, strict=True)}


def _store(thread: LibraryThread, source: SourceFile, reading: LibraryReading) -> int:
    facts = facts_of(source.accession, reading)
    facts.date = facts.date or source.filed_on
    document = LibraryDocument.objects.create(
        thread=thread,
        accession=source.accession,
        form_type=source.form_type,
        kind=facts.kind,
        letter_date=facts.date,
        source_name=source.name[:255],
        source_sha256=hashlib.sha256(source.read()).hexdigest(),
        text=printable(reading.text),
        note="\n".join(_warnings(reading)),
        reading=facts.to_json(),
    )
    if reading.letter is None:
        return 0
    comments, seen = [], set()
    for comment in reading.letter.comments:
        if comment.number in seen:  # a number read twice: the first is the comment
            continue
        seen.add(comment.number)
        comments.append(
            LibraryComment(
                letter=document,
                thread=thread,
                number=comment.number,
                headings=[printable(heading) for heading in comment.headings],
                text=printable(comment.text),
                request_types=comment.request_types,
                letter_date=facts.date,
            )
        )
    _embed(comments)
    LibraryComment.objects.bulk_create(comments)
    return len(comments)


def _warnings(reading: LibraryReading) -> list[str]:
    parsed = reading.letter or reading.response
    return list(parsed.warnings)


def _embed(comments: list[LibraryComment]) -> None:
    """Each comment's sentence embedding, as float16 bytes (256 x 2 bytes)."""
    if not comments:
        return
    from tracker.parsing import embedding

    vectors = embedding.embed([embedding.comment_text(c.headings, c.text) for c in comments])
    for comment, vector in zip(comments, vectors, strict=True):
        comment.vector = embedding.to_bytes(vector)


def pair_again(thread: LibraryThread) -> None:
    """Pair every comment of `thread` from the stored facts, and set the thread's company,
    form, opening and closing dates. Writes only this thread's rows."""
    documents = list(thread.documents.all())
    by_accession = {d.accession: d for d in documents}
    facts = in_order([DocumentFacts.from_json(d.reading) for d in documents if d.reading])
    _describe(thread, facts)
    pairings = pair_thread(facts)
    comments = list(LibraryComment.objects.filter(thread=thread).select_related("letter"))
    by_key = {(c.letter.accession, c.number): c for c in comments}
    for comment in comments:
        pairing = pairings.get((comment.letter.accession, comment.number))
        answered_by = by_accession.get(pairing.answer_accession) if pairing else None
        # Stored as it will be shown and copied into a draft: no control or direction marks.
        comment.answer = printable(pairing.answer) if pairing else ""
        comment.answer_document = answered_by
        comment.outcome = pairing.outcome if pairing else LibraryComment.UNKNOWN
        follow_up = pairing.followed_up_by if pairing else None
        comment.followed_up_by = by_key.get(follow_up) if follow_up else None
        comment.company_name = thread.company_name
        comment.form_type = thread.form_type
    LibraryComment.objects.bulk_update(
        comments,
        ["answer", "answer_document", "outcome", "followed_up_by", "company_name", "form_type"],
    )


def _describe(thread: LibraryThread, facts: list[DocumentFacts]) -> None:
    letters = [f for f in facts if f.form_type == LibraryDocument.UPLOAD]
    named = [f.company for f in letters if f.company] + [f.company for f in facts if f.company]
    thread.company_name = printable(named[0] if named else thread.company_name)[:200]
    thread.form_type = next((f.form for f in letters if f.form), thread.form_type)[:20]
    thread.opened_on = next((f.date for f in letters if f.date), None)
    closings = [f.date for f in letters if f.kind == "review_complete" and f.date]
    thread.closed_on = closings[-1] if closings else None
    thread.save(update_fields=["company_name", "form_type", "opened_on", "closed_on"])
