"""A real Celery worker on the local Redis executes a send queued through the broker."""

import os
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from tests.factories import CommentFactory, CommentLetterFactory, MembershipFactory, UserFactory
from tracker.domain.assignments import assign
from tracker.enums import AssignmentRole, DeliveryStatus, NotificationKind, Role
from tracker.models import Notification
from tracker.tasks import send_notification, send_notifications

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent
# A Redis database of its own, so that the test never meets another app's tasks.
BROKER_URL = "redis://127.0.0.1:6379/13"
WAIT_SECONDS = 60


def worker_database_url() -> str:
    """The test database this process writes, as the worker must read it."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, mail_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "CELERY_BROKER_URL": BROKER_URL,
        "DATABASE_URL": worker_database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    command = [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool", "solo"]
    command += ["--queues", queue, "--without-heartbeat", "--without-gossip", "--loglevel", "INFO"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def wait_until_sent(notification: Notification, worker: subprocess.Popen) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and worker.poll() is None:
        notification.refresh_from_db()
        if notification.status == DeliveryStatus.SENT:
            break
        time.sleep(0.25)
    return notification.status


def test_worker_sends_a_notification_queued_through_redis(tmp_path):
    recipient = UserFactory(username="alice")
    notification = Notification.objects.create(
        recipient=recipient,
        kind=NotificationKind.ASSIGNED,
        subject_key="assignment:1",
        day=date(2009, 12, 30),
        subject="Assigned to you as drafter: 1 comment",
        body="Comment 1: Risk Factors",
    )
    queue = f"corresp-test-{uuid.uuid4().hex}"
    worker = start_worker(queue, tmp_path)
    try:
        # Not the current app: the tasks of later tests must stay on corresp's own (eager) app.
        with Celery("corresp-test", broker=BROKER_URL, set_as_current=False) as broker:
            broker.signature(send_notification.name, args=(notification.pk,), queue=queue).delay()
        status = wait_until_sent(notification, worker)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    assert status == DeliveryStatus.SENT, output
    sent = [path.read_text() for path in tmp_path.iterdir()]
    assert len(sent) == 1
    assert "Subject: Assigned to you as drafter: 1 comment" in sent[0]
    assert "To: alice@example.com" in sent[0]


def test_worker_sends_a_notice_when_its_window_ends_not_before(tmp_path, settings, company):
    """The send queued at commit time for the end of the window: the worker holds it until
    then (a send run earlier would take nothing), then e-mails the notice once."""
    settings.NOTICE_WINDOW_SECONDS = 6
    lead, drafter = UserFactory(username="lead"), UserFactory(username="drafter")
    MembershipFactory(user=lead, company=company, role=Role.REVIEWER)  # reviewers assign
    MembershipFactory(user=drafter, company=company, role=Role.PREPARER)
    comment = CommentFactory(letter=CommentLetterFactory(review__company=company), number=1)
    assign([comment], drafter, AssignmentRole.DRAFTER, actor=lead)
    notice = Notification.objects.get()
    queue = f"corresp-test-{uuid.uuid4().hex}"
    worker = start_worker(queue, tmp_path)
    try:
        with Celery("corresp-test", broker=BROKER_URL, set_as_current=False) as broker:
            send = broker.signature(send_notifications.name, args=([notice.pk],), queue=queue)
            send.apply_async(eta=notice.due_at)
        status = wait_until_sent(notice, worker)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    assert status == DeliveryStatus.SENT, output
    assert notice.sent_at >= notice.due_at
    [sent] = [path.read_text() for path in tmp_path.iterdir()]
    assert "Subject: Assigned to you as drafter: 1 comment of " in sent
