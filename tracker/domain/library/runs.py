"""A LibraryImport's progress: counts moved with F() expressions, so that Celery workers
importing threads of the same run at once never lose each other's counts."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tracker.models import LibraryImport

# A run lists its messages on its page; past this many it says how many more there were.
MAX_MESSAGES = 200


def start_run(
    source: str, threads_total: int, user: AbstractBaseUser | None = None
) -> LibraryImport:
    run = LibraryImport.objects.create(
        source=source[:255], threads_total=threads_total, started_by=user
    )
    if threads_total == 0:
        finish_if_complete(run.pk)
    return run


def record_thread(
    run_id: int, *, imported: int, skipped: int, messages: list[str], failed: bool = False
) -> None:
    """Add one thread's counts and messages to the run; the last thread ends it."""
    done = {"threads_failed": F("threads_failed") + 1} if failed else {}
    done = done or {"threads_done": F("threads_done") + 1}
    with transaction.atomic():
        LibraryImport.objects.filter(pk=run_id).update(
            documents_imported=F("documents_imported") + imported,
            documents_skipped=F("documents_skipped") + skipped,
            **done,
        )
        if messages:
            add_messages(run_id, messages)
    finish_if_complete(run_id)


def add_messages(run_id: int, messages: list[str]) -> None:
    with transaction.atomic():
        run = LibraryImport.objects.select_for_update().get(pk=run_id)
        room = MAX_MESSAGES - len(run.messages)
        if room <= 0:
            return
        run.messages += messages[:room]
        if len(messages) > room:
            run.messages.append("Further messages were left out.")
        run.save(update_fields=["messages"])


def finish_if_complete(run_id: int) -> bool:
    """Mark the run done once every thread is counted; only one caller ever does it."""
    complete = F("threads_done") + F("threads_failed")
    return bool(
        LibraryImport.objects.filter(
            pk=run_id, status=LibraryImport.RUNNING, threads_total__lte=complete
        ).update(status=LibraryImport.DONE, finished_at=timezone.now())
    )
