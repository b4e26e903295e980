"""Thin Celery tasks: they take ids, call the domain and leave the work there.

Every task may run twice (acks_late redelivers a task whose worker died), so each is safe to
repeat: sweeps claim before they queue, and a send leases its row before it talks to SMTP.
"""

from smtplib import SMTPException

from celery import Task, shared_task

from tracker.domain import filing_imports, library, notifications, reminders, uploads, vectors

SEND_RETRIES = 5


class RetriedInProcess(Task):
    """Without a broker (eager mode) Celery runs a retry at once, in-process, but raises it to
    the caller when eager errors propagate: the request that queued the e-mail would fail and
    the retries would stop. This task never propagates in eager mode, so its retries and its
    recorded last failure behave as on a worker (without the backoff's wait)."""

    def apply(self, *args, **kwargs):
        kwargs["throw"] = False
        return super().apply(*args, **kwargs)


@shared_task(
    base=RetriedInProcess,
    bind=True,
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=SEND_RETRIES,
)
def send_notification(self, notification_id: int) -> str:
    """E-mail one claimed notification; SMTP errors are retried with backoff, and the last
    one is recorded on the row (status failed) instead of being raised."""
    last_try = self.request.retries >= SEND_RETRIES
    return notifications.deliver(notification_id, last_try=last_try)


@shared_task(acks_late=True)
def send_notifications(notification_ids: list[int]) -> list[str]:
    """E-mail a sweep's batch of claimed notifications over one SMTP connection; a row that
    fails goes on alone to `send_notification`, which retries it with backoff."""
    return notifications.deliver_batch(notification_ids)


@shared_task(acks_late=True)
def send_unsent_notices() -> int:
    """Queue every notice due and unsent whose send was lost (a broker down at commit time, a
    worker killed); run every few minutes by beat."""
    return len(notifications.sweep_unsent())


@shared_task(acks_late=True)
def run_deadline_sweep() -> int:
    return len(reminders.deadline_sweep())


@shared_task(acks_late=True)
def send_daily_digests() -> int:
    return len(reminders.daily_digests())


@shared_task(acks_late=True)
def import_filing_task(filing_import_id: int) -> str:
    """Read and save one staged filing; a second delivery finds it claimed and does nothing."""
    return filing_imports.run_import(filing_import_id).status


@shared_task(acks_late=True)
def read_upload_task(letter_upload_id: int) -> str:
    """Read one staged staff letter in the bounded child; a second delivery changes nothing."""
    return uploads.read_staged(letter_upload_id).status


@shared_task(acks_late=True)
def import_library_thread(library_import_id: int, root: str, folder: str) -> None:
    """Import one review thread's folder into the library; a second delivery finds every
    accession held and imports nothing."""
    library.run_folder_thread(library_import_id, root, folder)


@shared_task(acks_late=True)
def embed_letter_task(letter_id: int) -> int:
    """Store the sentence embeddings of an imported letter's comments; a second delivery finds
    them stored and embeds nothing."""
    return vectors.store_letter_vectors(letter_id)
