import argparse
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tracker.domain.library.edgar import fetch_company
from tracker.edgar import EdgarError


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Fetch a company's staff letters (UPLOAD) and responses (CORRESP) from EDGAR into the "
        "precedent library, grouped into review threads. Needs EDGAR_USER_AGENT "
        '("corresp <contact e-mail>"). Documents the library holds are not fetched again.'
    )

    def add_arguments(self, parser):
        company = parser.add_mutually_exclusive_group(required=True)
        company.add_argument("--cik", help="The company's CIK, e.g. 7084")
        company.add_argument("--ticker", help="The company's ticker, e.g. ADM")
        parser.add_argument("--since", type=iso_date, help="Only what was filed on or after it")

    def handle(self, *args, **options):
        cik, ticker = (options["cik"] or "").strip(), (options["ticker"] or "").strip()
        if options["cik"] is not None and not cik.isdigit():
            raise CommandError(f"--cik must be a number, e.g. 7084, not {options['cik']!r}")
        if options["ticker"] is not None and not ticker:
            raise CommandError("--ticker must name a ticker, e.g. ADM.")
        try:
            run = fetch_company(cik=cik, ticker=ticker, since=options["since"])
        except EdgarError as error:
            raise CommandError(str(error)) from error
        for message in run.messages:
            self.stderr.write(message)
        if run.documents_imported == 0:
            self.stdout.write(
                f"Nothing new: the library already holds the {run.documents_skipped} documents "
                f"EDGAR lists for {run.source}."
            )
            return
        self.stdout.write(
            f"Imported {run.documents_imported} documents into {run.threads_total} review "
            f"threads from {run.source}; {run.documents_skipped} already held."
        )
