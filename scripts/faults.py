"""Faults in production shape: Redis down, files built to overload the reader, a worker killed
mid-sweep, PostgreSQL restarted.

    scripts/faults          (or: make faults; it makes the throwaway database)
    scripts/faults uploads  (only the overloading files: it leaves PostgreSQL running)

The web app, worker and beat run with the commands of docker-compose.yml (DEBUG off) against
a throwaway PostgreSQL database and a Redis of their own, started here on a free port, so that
stopping it disturbs nothing else. One ok/FAIL line per check; exit 1 on any failure.

- Redis down: pages keep answering, and an assignment made meanwhile (its notice saved with
  it) is e-mailed by the next sweep once Redis is back: once, none lost.
- The worst files uploaded three at a time (PDFs of 200,000 tiny text objects, Word files with
  a cell spanning a billion columns): every upload is accepted at once, the login page keeps
  answering within LOGIN_WITHIN seconds while the worker reads them, and each ends refused
  with the limit's message (the bounded reading, tracker/parsing/sandbox.py).
- A worker killed (SIGKILL) while its sweep queues 600 deadline warnings: a new worker and a
  second sweep send every warning exactly once.
- PostgreSQL restarted (pg_ctlcluster) while 4 clients browse: requests during the restart get
  a plain error page, never a traceback, and the same gunicorn answers 200 afterwards
  (CONN_HEALTH_CHECKS). This restarts the machine's PostgreSQL, so it waits until no other
  client is connected, and runs last.
"""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg

from scripts import production
from scripts.production import (
    Checks,
    Processes,
    run_in_work_folder,
    sent_mail,
    shell,
    wait_for,
    wait_for_port,
)
from scripts.webclient import Browser
from tracker.parsing.samples import bomb_pdf, slow_pdf, wide_docx

PASSWORD = "faults-pass-1234-corresp"  # noqa: S105 - a throwaway user in a throwaway database
LETTER = production.ROOT / "tests" / "data" / "sec-staff-letter_calix_s-1_2009-12-17.txt"
WARNED = 600
SECONDS = 60
# The login page must answer within this many seconds while the worst files are being read.
LOGIN_WITHIN = 2.0

SEED = f"""
import json
from django.contrib.auth import get_user_model
from tracker.models import Company, Membership
company = Company.objects.create(name="Calix Networks, Inc.", cik="0001406666")
ids = {{}}
# The lead assigns work: the company's administrator (preparers assign only where it lets them).
for name, role in [("lead", "administrator"), ("drafter", "preparer")]:
    user = get_user_model().objects.create_user(name, f"{{name}}@example.com", {PASSWORD!r})
    Membership.objects.create(user=user, company=company, role=role)
    ids[name] = user.pk
print(json.dumps(ids))
"""

# A letter whose response is due today, and WARNED approvers to warn about it.
SEED_WARNINGS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from tests.factories import CommentFactory, CommentLetterFactory
from tracker.models import Company, Membership
company = Company.objects.create(name="Warned, Inc.", cik="0000000042")
letter = CommentLetterFactory(review__company=company, response_due_on=timezone.localdate())
CommentFactory(letter=letter, number=1)
User = get_user_model()
password = make_password(None)
users = User.objects.bulk_create(
    User(username=f"approver{{n:04d}}", email=f"approver{{n:04d}}@example.com", password=password)
    for n in range({WARNED})
)
Membership.objects.bulk_create(
    Membership(user=user, company=company, role="approver") for user in users
)
"""


class Faults(Checks):
    def __init__(self, processes: Processes, base: str):
        super().__init__()
        self.processes = processes
        self.base = base
        self.mail_dir = Path(processes.env["EMAIL_FILE_PATH"])

    def query(self, sql: str) -> list[tuple]:
        with psycopg.connect(self.processes.env["DATABASE_URL"], connect_timeout=5) as db:
            return db.execute(sql).fetchall()

    def sweep(self) -> None:
        """Queue the deadline sweep through the broker, as beat does every hour."""
        self.processes.run(["celery", "-A", "tracker", "call", "tracker.tasks.run_deadline_sweep"])

    def log_in(self, username: str) -> Browser:
        browser = Browser(self.base, timeout=20)
        page = browser.log_in(username, PASSWORD)
        self.check(f"{username} logs in", page.status == 200 and page.url.rstrip("/") == self.base)
        return browser


# --- Redis down ---


def start_redis(processes: Processes, port: int) -> None:
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port)]
    processes.start("redis", [*command, "--save", "", "--appendonly", "no"])

    def answers() -> bool:
        result = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(port), "ping"],
            capture_output=True,
            text=True,
            timeout=5,
        )
        return result.stdout.strip() == "PONG"

    if not wait_for(answers, 20):
        raise RuntimeError(f"redis-server did not answer on port {port}")


def assigned_mail(faults: Faults) -> list:
    return [m for m in sent_mail(faults.mail_dir) if m["Subject"].startswith("Assigned to you")]


def redis_down(faults: Faults, ids: dict, letter: str, redis_port: int) -> None:
    processes = faults.processes
    lead = faults.log_in("lead")
    comments = lead.get(f"/letters/{letter}/").links(r"/comments/\d+/")
    processes.kill("redis", signal.SIGTERM)
    pages = ["/", "/comments/?status=not_started", f"/letters/{letter}/", comments[0]]
    statuses = [lead.get(path).status for path in pages]
    faults.check("with Redis down, the pages answer 200", statuses == [200] * 4, f"{statuses}")
    started = time.monotonic()
    page = lead.post(
        f"/letters/{letter}/assign/",
        [("comments", comments[0].split("/")[2]), ("user", str(ids["drafter"]))]
        + [("role", "drafter"), ("due_on", "")],
        token_from=f"/letters/{letter}/",
    )
    took = time.monotonic() - started
    faults.check(
        "with Redis down, an assignment is saved",
        page.status == 200 and "assigned as" in page.body,
        f"{page.status} in {took:.1f}s",
    )
    rows = faults.query("SELECT status, sent_at FROM tracker_notification")
    faults.check("its notice is saved, waiting unsent", rows == [("gathering", None)], f"{rows}")
    start_redis(processes, redis_port)
    faults.sweep()
    sent = wait_for(lambda: assigned_mail(faults), SECONDS)
    faults.check("Redis back: the next sweep has the notice e-mailed", len(sent or []) == 1)
    faults.sweep()
    time.sleep(3)
    rows = faults.query("SELECT status FROM tracker_notification")
    faults.check(
        "a second sweep sends it no second time",
        len(assigned_mail(faults)) == 1 and rows == [("sent",)],
        f"{len(assigned_mail(faults))} e-mail(s), rows {rows}",
    )


# --- the worst files uploaded three at a time ---


# Messages that blame corresp rather than the file (domain/uploads.UNEXPECTED and STOPPED).
OUR_SIDE = (
    "The letter could not be read because of an error on our side",
    "Reading this file stopped",
)


def hostile_files() -> list[tuple[str, bytes]]:
    """Two rounds of three, each file different (the same bytes twice would be one upload):
    PDFs that take long to read, Word tables a billion columns wide, a compression bomb.
    The PDFs take about three times the reader's CPU limit, so a faster machine still stops them."""
    pdfs = [(f"slow-{n}.pdf", slow_pdf(400_000 + n)) for n in range(3)]
    words = [(f"wide-{n}.docx", wide_docx(999_999_999 - n)) for n in range(2)]
    return pdfs + words + [("bomb.pdf", bomb_pdf(1536))]


def upload(browser: Browser, company: str, name: str, content: bytes, seen: list) -> None:
    started = time.monotonic()
    fields = [("company", company), ("received_on", "2009-12-17"), ("text", "")]
    page = browser.post_file("/letters/import/", fields, "source_file", name, content)
    seen.append((name, page.status, "Being read" in page.body, time.monotonic() - started))


def login_page_times(base: str, stop: threading.Event, times: list) -> None:
    """A new visitor asks for the login page every half second until told to stop."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            status = Browser(base, timeout=30).get("/login/").status
        except OSError:
            status = 0
        times.append((status, time.monotonic() - started))
        stop.wait(0.5)


def hostile_uploads(faults: Faults) -> None:
    browsers = [faults.log_in("lead") for _ in range(3)]
    company = str(faults.query("SELECT id FROM tracker_company WHERE cik = '0001406666'")[0][0])
    files = hostile_files()
    stop, times, seen = threading.Event(), [], []
    watcher = threading.Thread(target=login_page_times, args=(faults.base, stop, times))
    watcher.start()
    for round_start in range(0, len(files), 3):
        threads = [
            threading.Thread(target=upload, args=(browser, company, *file, seen))
            for browser, file in zip(browsers, files[round_start : round_start + 3], strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS)
    reading = "SELECT count(*) FROM tracker_letterupload WHERE status = 'parsing'"
    settled = wait_for(lambda: faults.query(reading)[0][0] == 0, 300, every=1)
    stop.set()
    watcher.join(timeout=SECONDS)
    slowest = max(seconds for _, _, _, seconds in seen)
    faults.check(
        f"{len(files)} overloading files uploaded three at a time are each taken at once",
        len(seen) == len(files) and all(status == 200 and shown for _, status, shown, _ in seen),
        f"slowest upload answered in {slowest:.1f}s",
    )
    worst = max(seconds for _, seconds in times)
    faults.check(
        f"while they are read, the login page answers within {LOGIN_WITHIN:.0f}s every time",
        bool(times) and all(status == 200 for status, _ in times) and worst < LOGIN_WITHIN,
        f"{len(times)} requests, slowest {worst:.2f}s, statuses {Counter(s for s, _ in times)}",
    )
    rows = faults.query("SELECT source_name, status, message FROM tracker_letterupload")
    at_limit = {
        name
        for name, status, message in rows
        if status == "failed" and ("took too long" in message or "more memory" in message)
    }
    # The reader's own caps refuse a bomb unread, and read a billion-column table as the few
    # cells it has: a message about the file, never one about an error on our side.
    refused = {
        name
        for name, status, message in rows
        if status == "failed" and message and not message.startswith(OUR_SIDE)
    }
    slow = {name for name, _ in files if name.startswith("slow-")}
    faults.check(
        "each ends refused with a message about the file, the slow ones at the CPU limit, "
        "nothing left being read",
        bool(settled) and len(refused) == len(files) and slow <= at_limit,
        f"{len(refused)} of {len(rows)} refused, at the limit: {sorted(at_limit)}"
        + "".join(
            f"; {name}: {status} {message!r}"
            for name, status, message in rows
            if name in slow - at_limit
        ),
    )


# --- a worker killed mid-sweep ---


def warnings_sent(faults: Faults) -> list:
    return [m for m in sent_mail(faults.mail_dir) if m["Subject"].startswith("Response date")]


def worker_killed(faults: Faults) -> None:
    processes = faults.processes
    shell(processes, SEED_WARNINGS)
    count = "SELECT count(*) FROM tracker_notification WHERE kind = 'deadline_near'"
    # One process, so that sends wait for the sweep and the kill lands in the sweep itself.
    processes.start("worker-killed", [*production.worker_command(), "--concurrency", "1"])
    wait_for(lambda: "ready." in processes.log("worker-killed").read_text(), 30)
    faults.sweep()
    claimed = wait_for(lambda: faults.query(count)[0][0], SECONDS, every=0.01)
    processes.kill("worker-killed", signal.SIGKILL)
    log = processes.log("worker-killed").read_text()
    finished = re.search(r"run_deadline_sweep\[[^]]+\] succeeded", log)
    sent_before = len(warnings_sent(faults))
    faults.check(
        "SIGKILL lands in the middle of the sweep",
        bool(claimed) and not finished,
        f"{claimed} warnings claimed, {sent_before} sent when killed",
    )
    processes.start("worker-rerun", production.worker_command())
    faults.sweep()
    unsent = f"{count} AND status <> 'sent'"
    wait_for(lambda: faults.query(unsent)[0][0] == 0, 180, every=1)
    faults.sweep()
    time.sleep(3)
    sent = Counter(m["To"] for m in warnings_sent(faults))
    rows = faults.query(f"{count} AND status = 'sent'")[0][0]
    faults.check(
        f"a new worker and the next sweep send each of the {WARNED} warnings exactly once",
        len(sent) == WARNED and set(sent.values()) == {1} and rows == WARNED,
        f"{sum(sent.values())} e-mails to {len(sent)} people, {rows} rows sent",
    )


# --- PostgreSQL restarted ---


def other_clients(faults: Faults) -> int:
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
        "AND pid <> pg_backend_pid() AND datname IS DISTINCT FROM current_database()"
    )
    return faults.query(sql)[0][0]


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version[-1], "main", "restart"],
        check=True,
        timeout=120,
    )


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], timeout=10).returncode == 0


def browse(browser: Browser, paths: list[str], stop: threading.Event, seen: list) -> None:
    """Ask for the pages in turn until told to stop (at most SECONDS)."""
    deadline = time.monotonic() + SECONDS
    while not stop.is_set() and time.monotonic() < deadline:
        for path in paths:
            try:
                page = browser.get(path)
                seen.append((page.status, page.body))
            except OSError as error:
                seen.append((0, f"{type(error).__name__}: {error}"))


def clean_error(status: int, body: str) -> bool:
    leaks = ["Traceback", "psycopg", "OperationalError", 'File "/']
    return status in {500, 503} and not any(leak in body for leak in leaks)


def postgres_restarted(faults: Faults, letter: str, web: subprocess.Popen) -> None:
    busy = wait_for(lambda: other_clients(faults) == 0, 180, every=2)
    if not faults.check("no other client uses PostgreSQL (safe to restart it)", bool(busy)):
        return
    browsers = [faults.log_in("lead") for _ in range(4)]
    paths = ["/", f"/letters/{letter}/", "/comments/?status=not_started"]
    stop, seen = threading.Event(), []
    threads = [
        threading.Thread(target=browse, args=(browser, paths, stop, seen)) for browser in browsers
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)
    restart_postgres()
    ready = wait_for(postgres_ready, 60, every=0.5)
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(timeout=SECONDS)
    faults.check("PostgreSQL restarted and ready again", bool(ready))
    statuses = Counter(status for status, _ in seen)
    errors = [(status, body) for status, body in seen if status != 200]
    faults.check(
        "during the restart every answer is a page or a plain error page, no traceback",
        all(clean_error(status, body) for status, body in errors),
        f"{dict(statuses)}; first error: {errors[0][1][:120]!r}" if errors else f"{dict(statuses)}",
    )
    after = [browser.get(path).status for browser in browsers for path in paths]
    faults.check(
        "after it, the same gunicorn answers 200 without a restart (CONN_HEALTH_CHECKS)",
        web.poll() is None and after == [200] * len(after),
        f"{Counter(after)}",
    )


def run(work: Path, only: str = "") -> int:
    redis_port = production.free_port()
    # A one-second notice window: the notice saved while Redis is down is due by the sweep.
    broker_url = f"redis://127.0.0.1:{redis_port}/0"
    env = production.production_env(work, broker_url=broker_url, NOTICE_WINDOW_SECONDS="1")
    processes = Processes(work, env)
    port = production.free_port()
    faults = Faults(processes, f"http://127.0.0.1:{port}")
    try:
        start_redis(processes, redis_port)
        processes.run(production.collectstatic_command())
        web = processes.start("web", production.web_command(port))
        if not faults.check("web starts (compose command)", wait_for_port(port, web, 120)):
            return 1
        ids = json.loads(shell(processes, SEED).strip().splitlines()[-1])
        processes.manage(
            "import_letter",
            str(LETTER),
            "--company",
            "Calix Networks, Inc.",
            "--received",
            "2009-12-17",
        )
        letter = str(faults.query("SELECT max(id) FROM tracker_commentletter")[0][0])
        processes.start("worker", production.worker_command())
        if only != "uploads":
            redis_down(faults, ids, letter, redis_port)
        hostile_uploads(faults)
        processes.kill("worker", signal.SIGTERM)
        if only != "uploads":
            worker_killed(faults)
            postgres_restarted(faults, letter, web)
    except Exception as error:  # noqa: BLE001 - report any crash as a failed check
        faults.check("the fault checks ran to their end", False, f"{type(error).__name__}: {error}")
    finally:
        processes.stop_all()
    return faults.summary("faults", processes, ["web", "worker", "worker-killed", "worker-rerun"])


def main() -> int:
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    if only not in {"", "uploads"}:
        raise SystemExit("usage: scripts/faults [uploads]")
    return run_in_work_folder("faults", lambda work: run(work, only))


if __name__ == "__main__":
    sys.exit(main())
