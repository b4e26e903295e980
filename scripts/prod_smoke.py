"""The production smoke: corresp's compose commands on this machine, checked over HTTP.

    scripts/prod-smoke          (or: make prod-smoke; it makes the throwaway database)

Starts, with DEBUG off and the commands of docker-compose.yml, the web service (migrate,
setup_schedule, gunicorn) after the Dockerfile's collectstatic, then the Celery worker and beat,
against the local PostgreSQL (DATABASE_URL) and Redis. Then, as three people in browsers: log
in, import the staff letter through the upload page, assign a comment (the worker e-mails the
notice), run the reminders (the worker e-mails the digest), draft, submit and approve a
response, export the letter and download it. Prints one ok/FAIL line per check; exits 1 on any
failure. Every process it started is stopped on the way out.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

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
from scripts.webclient import Browser, Page, forms_of

LETTER = production.ROOT / "tests" / "data" / "sec-staff-letter_calix_s-1_2009-12-17.txt"
BROKER_URL = os.environ.get("SMOKE_BROKER_URL", "redis://127.0.0.1:6379/11")
PASSWORD = "smoke-pass-1234-corresp"  # noqa: S105 - a throwaway user in a throwaway database
START_SECONDS = 120
MAIL_SECONDS = 60
RESPONSE_TEXT = "The Company has revised the disclosure on page 3 as requested (smoke check)."

SEED = f"""
import json
from django.contrib.auth import get_user_model
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from tracker.models import Company, Membership
company = Company.objects.create(name="Calix Networks, Inc.", cik="0001406666")
ids = {{}}
# The lead imports, assigns and exports: the company's administrator (preparers assign only
# where the company lets them).
for name, role in [
    ("lead", "administrator"), ("drafter", "preparer"), ("approver", "approver")
]:
    user = get_user_model().objects.create_user(
        name, f"{{name}}@example.com", {PASSWORD!r}, first_name=name.title())
    Membership.objects.create(user=user, company=company, role=role)
    ids[name] = user.pk
# A fast schedule, so that the smoke sees beat queue a sweep that the worker runs.
every, _ = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.SECONDS)
PeriodicTask.objects.create(
    name="Smoke: deadline sweep", task="tracker.tasks.run_deadline_sweep", interval=every)
print(json.dumps(ids))
"""


class Smoke(Checks):
    def __init__(self, processes: Processes, mail_dir: Path):
        super().__init__()
        self.processes = processes
        self.mail_dir = mail_dir

    def mail_to(self, address: str, subject_start: str) -> list:
        return [
            m
            for m in sent_mail(self.mail_dir)
            if m["To"] == address and m["Subject"].startswith(subject_start)
        ]

    def wait_for_mail(self, address: str, subject_start: str) -> list:
        return wait_for(lambda: self.mail_to(address, subject_start), MAIL_SECONDS) or []


def start_services(smoke: Smoke, port: int) -> bool:
    processes = smoke.processes
    processes.run(production.collectstatic_command())
    static = processes.env["STATIC_ROOT"]
    smoke.check("collectstatic (the Dockerfile's step)", Path(static, "staticfiles.json").exists())
    web = processes.start("web", production.web_command(port))
    up = wait_for_port(port, web, START_SECONDS)
    if not smoke.check("web: migrate, setup_schedule, gunicorn (compose command)", up):
        print(processes.tail("web"))
        return False
    healthcheck = web_healthcheck(port)
    smoke.check("web healthcheck from docker-compose.yml", healthcheck == "", healthcheck)
    return True


def web_healthcheck(port: int) -> str:
    """Run compose's web healthcheck against this gunicorn; '' when it passes."""
    code = production.compose_text(production.SERVICES["web"]["healthcheck"]["test"][3])
    code = code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    env = {"PATH": os.environ.get("PATH", ""), "ALLOWED_HOSTS": "127.0.0.1"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
    )
    return "" if result.returncode == 0 else result.stderr.strip().splitlines()[-1]


def start_celery(smoke: Smoke) -> None:
    processes = smoke.processes
    # The worker's node is celery@<host name>; in a container HOSTNAME holds it.
    processes.env["HOSTNAME"] = os.uname().nodename
    processes.start("worker", production.worker_command())
    processes.start("beat", production.beat_command())
    ping = production.SERVICES["worker"]["healthcheck"]["test"][1]

    def answers() -> bool:
        try:
            processes.run(["sh", "-c", production.compose_text(ping)], timeout=30)
        except (RuntimeError, TimeoutError):
            return False
        return True

    smoke.check(
        "worker healthcheck from docker-compose.yml (celery inspect ping)", wait_for(answers, 60, 1)
    )


def check_static_and_errors(smoke: Smoke, base: str, visitor: Browser) -> None:
    login = visitor.get("/login/")
    css = re.search(r'href="(/static/vendor/[^"]+\.css)"', login.body)
    if smoke.check("login page with a vendor stylesheet", login.status == 200 and bool(css)):
        status, _, headers = visitor.get_bytes(css.group(1))
        cache = headers.get("Cache-Control", "")
        max_age = int(re.search(r"max-age=(\d+)", cache).group(1)) if "max-age" in cache else 0
        smoke.check(
            "whitenoise serves the hashed stylesheet, cached for a year",
            status == 200 and max_age >= 365 * 24 * 3600,
            f"{status} {cache}",
        )
    missing = visitor.get("/static/no-such-file.css")
    smoke.check("a missing static file is a plain 404", missing.status == 404, str(missing.status))


def log_in(smoke: Smoke, base: str, username: str) -> Browser:
    browser = Browser(base)
    page = browser.log_in(username, PASSWORD)
    smoke.check(f"{username} logs in", page.status == 200 and page.url.rstrip("/") == base)
    return browser


def import_letter(smoke: Smoke, lead: Browser) -> str | None:
    upload = lead.get("/letters/import/")
    company = dict(forms_of(upload.body)[-1].fields).get("company", "")
    fields = [("company", company), ("received_on", "2009-12-17"), ("text", "")]
    preview = lead.post_file(
        "/letters/import/", fields, "source_file", LETTER.name, LETTER.read_bytes()
    )
    preview = once_read(lead, preview)
    if not smoke.check(
        "upload the staff letter: the worker reads it and the preview opens",
        preview.status == 200 and "Save the letter" in preview.body,
        f"{preview.status} {preview.url}",
    ):
        return None
    form = next(f for f in forms_of(preview.body) if ("action", "save") in f.buttons)
    saved = lead.post(preview.url, [*form.fields, ("action", "save")])
    letter = re.search(r"/letters/(\d+)/$", saved.url)
    count = re.search(r"with (\d+) comments", saved.body)
    smoke.check(
        "save the preview: the letter page lists its comments",
        saved.status == 200 and bool(letter) and bool(count),
        f"{count.group(1)} comments" if count else f"{saved.status} {saved.url}",
    )
    return letter.group(1) if letter else None


def once_read(lead: Browser, page: Page) -> Page:
    """The upload's page once the worker has read the letter (until then it shows a bar)."""

    def preview() -> Page | None:
        current = page if "Save the letter" in page.body else lead.get(page.url)
        return current if "Save the letter" in current.body else None

    return wait_for(preview, 60) or lead.get(page.url)


def assign(smoke: Smoke, lead: Browser, letter: str, comment: str, user: int, role: str) -> None:
    page = lead.post(
        f"/letters/{letter}/assign/",
        [("comments", comment), ("user", str(user)), ("role", role), ("due_on", "")],
        token_from=f"/letters/{letter}/",
    )
    smoke.check(f"assign comment as {role}", "assigned as" in page.body, str(page.status))


def respond_and_approve(smoke: Smoke, drafter: Browser, approver: Browser, comment: str) -> None:
    path = f"/comments/{comment}/"
    saved = drafter.post(
        f"{path}save/", {"text": RESPONSE_TEXT, "based_on": "", "submit": "1"}, path
    )
    smoke.check(
        "the drafter saves and submits a response",
        "Saved revision 1 and submitted it for review" in saved.body,
        str(saved.status),
    )
    decided = approver.post(
        f"{path}decide/", {"decision": "approved", "revision_number": "1", "note": ""}, path
    )
    smoke.check("the approver approves it", "Approved: revision 1." in decided.body)
    page = approver.get(path).body
    smoke.check("the comment page shows the response approved", "Approved by Approver" in page)


def export(smoke: Smoke, lead: Browser, letter: str) -> None:
    path = f"/letters/{letter}/export/"
    answer = lead.post(path, {"format": "txt", "version": "standard"})  # the file itself
    page = lead.get(path)  # the export stays in the page's list
    download = page.links(rf"/letters/{letter}/exports/\d+/download/")
    if not smoke.check("export the response letter as text", bool(download), str(answer.status)):
        return
    status, content, _ = lead.get_bytes(download[0])
    words = " ".join(content.decode("utf-8", errors="replace").split())  # the text is wrapped
    smoke.check(
        "download the export: it holds the approved response",
        status == 200 and RESPONSE_TEXT in words,
        f"{len(content)} bytes",
    )


def check_mail(smoke: Smoke) -> None:
    notices = smoke.wait_for_mail("drafter@example.com", "Assigned to you as drafter")
    smoke.check("the worker e-mails the assignment notice", len(notices) == 1, f"{len(notices)}")
    output = smoke.processes.manage("send_reminders", "--date", "2009-12-30")
    digests = smoke.wait_for_mail("drafter@example.com", "Your corresp work for")
    smoke.check(
        "send_reminders claims a digest that the worker e-mails",
        len(digests) == 1 and "queued" in output,
        f"{len(digests)} digest(s); {output.strip().splitlines()[-1]}",
    )


def check_beat(smoke: Smoke) -> None:
    def swept() -> bool:
        log = smoke.processes.log("worker").read_text(errors="replace")
        return bool(re.search(r"tracker\.tasks\.run_deadline_sweep\[[^]]+\] succeeded", log))

    smoke.check("beat queues the deadline sweep and the worker runs it", bool(wait_for(swept, 60)))


def smoke_test(work: Path) -> int:
    # A short notice window: the worker sends the assignment's notice when it ends (its task
    # queued for then), not at once, and the smoke does not wait five minutes for it.
    env = production.production_env(work, broker_url=BROKER_URL, NOTICE_WINDOW_SECONDS="3")
    processes = Processes(work, env)
    smoke = Smoke(processes, work / "mail")
    port = production.free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        if not start_services(smoke, port):
            return 1
        ids = json.loads(shell(processes, SEED).strip().splitlines()[-1])
        start_celery(smoke)
        visitor = Browser(base)
        check_static_and_errors(smoke, base, visitor)
        lead, drafter, approver = (log_in(smoke, base, name) for name in ids)
        hidden = lead.get("/no-such-page/")
        smoke.check(
            "DEBUG is off: an unknown page is a plain 404",
            hidden.status == 404 and "URLconf" not in hidden.body,
            str(hidden.status),
        )
        letter = import_letter(smoke, lead)
        if letter is None:
            return 1
        comments = lead.get(f"/letters/{letter}/").links(r"/comments/\d+/")
        comment = comments[0].split("/")[2]
        assign(smoke, lead, letter, comment, ids["drafter"], "drafter")
        check_mail(smoke)
        respond_and_approve(smoke, drafter, approver, comment)
        export(smoke, lead, letter)
        stored = list(Path(env["MEDIA_ROOT"]).rglob("*"))
        smoke.check("uploads and exports are stored under MEDIA_ROOT", len(stored) >= 2)
        check_beat(smoke)
        errors = processes.log("web").read_text(errors="replace").count('" 500 ')
        smoke.check("gunicorn answered no request with a 500", errors == 0, f"{errors}")
    except Exception as error:  # noqa: BLE001 - report any crash as a failed check
        smoke.check("the smoke ran to its end", False, f"{type(error).__name__}: {error}")
    finally:
        processes.stop_all()
    return smoke.summary("prod-smoke", processes, ["web", "worker", "beat"])


def main() -> int:
    return run_in_work_folder("prod-smoke", smoke_test)


if __name__ == "__main__":
    sys.exit(main())
