"""fetch_company: a company's staff letters and responses fetched from EDGAR, grouped into
review threads and imported through import_thread, as a folder's are.

Idempotent: accessions the library holds are neither downloaded nor read again; a new
document of a review already held joins that review's thread, which is paired again.
"""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from tracker.edgar import EdgarClient, EdgarError, EdgarFiling
from tracker.models import LibraryDocument, LibraryImport
from tracker.parsing.errors import ParseError
from tracker.parsing.threads import DocumentFacts, facts_of, group_reviews, in_order

from .runs import add_messages, record_thread, start_run
from .threads import SourceFile, import_thread, read_files

_SUFFIX = {"UPLOAD": "upload", "CORRESP": "corresp"}


def fetch_company(
    *,
    cik: str = "",
    ticker: str = "",
    since: dt.date | None = None,
    client: EdgarClient | None = None,
    user: AbstractBaseUser | None = None,
) -> LibraryImport:
    """Fetch and import one company's correspondence (by CIK or ticker) filed on or after
    `since`. Raises EdgarError when EDGAR cannot say what the company filed (unknown ticker,
    EDGAR unreachable); a document that cannot be fetched or read is a message on the run."""
    client = client or EdgarClient.from_settings()
    cik = client.cik_for_ticker(ticker) if ticker else f"{int(cik):010d}"
    _, filings = client.filings(cik, since.isoformat() if since else "")
    held = {
        d.accession: d
        for d in LibraryDocument.objects.filter(
            accession__in=[f.accession for f in filings]
        ).select_related("thread")
    }
    files, messages = _download(client, cik, [f for f in filings if f.accession not in held])
    readings = read_files(files)
    messages += [
        f"{source.name} was not imported: {readings[source.accession]}"
        for source in files
        if isinstance(readings[source.accession], ParseError)
    ]
    files = [f for f in files if not isinstance(readings[f.accession], ParseError)]
    groups = _groups(files, readings, held, label=ticker.upper() or cik)
    run = start_run(f"EDGAR {ticker.upper() or 'CIK ' + cik}", len(groups), user)
    LibraryImport.objects.filter(pk=run.pk).update(documents_skipped=len(held))
    if messages:
        add_messages(run.pk, messages)
    for key, group in groups.items():
        outcome = import_thread(key, group, ticker=ticker.upper(), cik=cik, readings=readings)
        record_thread(run.pk, imported=outcome.imported, skipped=0, messages=outcome.messages)
    run.refresh_from_db()
    return run


def _download(
    client: EdgarClient, cik: str, filings: list[EdgarFiling]
) -> tuple[list[SourceFile], list[str]]:
    files, messages = [], []
    for filing in filings:
        name = f"{filing.accession}_{_SUFFIX[filing.form]}_{filing.primary_document}"
        try:
            data = client.document(cik, filing)
        except EdgarError as error:
            messages.append(f"{name} was not fetched: {error}")
            continue
        filed_on = dt.date.fromisoformat(filing.filed_on) if filing.filed_on else None
        files.append(SourceFile(filing.accession, filing.form, name, data=data, filed_on=filed_on))
    return files, messages


def _groups(
    files: list[SourceFile], readings: dict, held: dict[str, LibraryDocument], label: str
) -> dict[str, list[SourceFile]]:
    """The new files by the key of the review thread each belongs to: the thread already
    holding a document of its review, else a new one named as a folder's thread is
    (TICKER_ACCESSION, the review's first document)."""
    by_accession = {f.accession: f for f in files}
    facts = [DocumentFacts.from_json(d.reading) for d in held.values() if d.reading]
    for source in files:
        found = facts_of(source.accession, readings[source.accession])
        found.date = found.date or source.filed_on
        facts.append(found)
    groups: dict[str, list[SourceFile]] = {}
    for review in group_reviews(in_order(facts)):
        new = [by_accession[d.accession] for d in review if d.accession in by_accession]
        if not new:
            continue
        key = next((held[d.accession].thread.key for d in review if d.accession in held), "")
        groups.setdefault(key or f"{label}_{review[0].accession}", []).extend(new)
    return groups
