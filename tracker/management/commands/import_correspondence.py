import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from tracker.domain import library
from tracker.models import LibraryComment, LibraryImport


class Command(BaseCommand):
    help = (
        "Import public SEC correspondence into the precedent library from a folder laid out as "
        "EDGAR serves a review: TICKER/THREAD/ACCESSION_upload.pdf (or _upload.flat.txt) and "
        "ACCESSION_corresp.htm. Each accession is imported once; running it again imports only "
        "what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder of review threads")

    def handle(self, *args, **options):
        root = Path(options["folder"])
        if not root.is_dir():
            raise CommandError(f"No such folder: {root}")
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # The tasks run here, one per thread: their "Task ... succeeded" lines would bury
            # the summary below.
            logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        start = time.perf_counter()
        try:
            run = library.import_folder(root)
        except ValueError as error:
            raise CommandError(str(error)) from error
        run.refresh_from_db()
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(
                f"Queued {run.threads_total} threads; follow the import at "
                f"{reverse('library_import', args=[run.pk])}"
            )
            return
        self._report(run, time.perf_counter() - start)

    def _report(self, run: LibraryImport, seconds: float) -> None:
        for message in run.messages:
            self.stderr.write(message)
        if run.documents_imported == 0 and not run.messages:
            self.stdout.write(
                f"Nothing new: the library already holds all {run.documents_skipped} documents "
                f"of the {run.threads_total} threads in {run.source}."
            )
            return
        if run.documents_imported == 0:
            self.stdout.write(
                f"Nothing imported: {run.documents_skipped} documents were already in the "
                f"library, and the files listed above could not be read; "
                f"{run.threads_failed} threads failed."
            )
            return
        comments = LibraryComment.objects.filter(letter__imported_at__gte=run.started_at)
        self.stdout.write(
            f"Imported {run.documents_imported} documents ({comments.count()} staff comments) "
            f"of {run.threads_done} threads in {seconds:.1f} s; {run.documents_skipped} already "
            f"held; {run.threads_failed} threads failed."
        )
