"""Load (make load): 20 people working at once against 200,000 comments on PostgreSQL.

    make load        (scripts/with-throwaway-db .venv/bin/python -m scripts.load)
    ... -m scripts.load --comments 20000 --seconds 20     (a quicker look)

Generates the comments (`generate_comments`) in a throwaway database, vacuums and analyzes it
as a settled server's would be, starts gunicorn with the workers and threads the README
recommends for this machine, logs in 20 preparers of different
companies and lets each, for 60 seconds, open My work, All comments (filtered), a letter of his
company and one of its comments, and save a draft now and then (with the revision it started
from, as the editor does). Each person reads a page for 1 to 3 seconds (--think) before the
next; `--think 0 0` drives the server as hard as it goes instead.
Then throughput at full load against an anchor served by the same gunicorn in the same run:
rounds alternate between the 20 people working without thinking and the same 20 people, logged
in, asking for the floor page (a trivial view, `scripts.load_urls`; gunicorn runs with
`scripts.load_settings`, so production never serves it); the medians' ratio is reported. The
anchor is logged in because every corresp page is: its session, user and second-factor checks
cost a few milliseconds before any page's own work, several times what gunicorn and Django
alone cost, so an anonymous anchor would measure the pages against a floor none of them can
reach. A third kind of round, 20 anonymous clients asking for the anonymous floor page, is
reported as `trivial_anonymous`, for reference only.
`--busy` keeps one core busy with a CPU-bound loop beside the server all along, as PostgreSQL,
Celery or a backup do on a real server.
Prints JSON: throughput, p50/p95/p99 per page and overall, the throughput ratio, errors. Exits 1
on any error, when the overall p95 is over 300 ms or the ratio under 0.20.
"""

import argparse
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from scripts import production
from scripts.production import Processes, shell, wait_for_port
from scripts.webclient import Browser, csrf_token

PASSWORD = "load-pass-1234-corresp"  # noqa: S105 - throwaway users in a throwaway database
P95_BUDGET_MS = 300
# corresp's pages at full load must serve at least this share of the floor page's requests.
THROUGHPUT_RATIO_TARGET = 0.20
FLOOR_PATH = "/load/floor/"
ANONYMOUS_FLOOR_PATH = "/load/floor/anonymous/"
# A CPU-bound loop for --busy: what a second busy process costs the server's cores.
BUSY_LOOP = [sys.executable, "-c", "while True: pass"]
# The README's recommendation with PostgreSQL on the same machine: one worker per core, plus one.
WORKERS = (os.cpu_count() or 1) + 1
THREADS = 1
WARM_UP = 10

PEOPLE = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from tracker.models import Comment, Membership
people, companies = [], set()
for membership in Membership.objects.filter(role="preparer").order_by("company_id", "user_id"):
    if membership.company_id in companies or len(people) == COUNT:
        continue
    comments = list(
        Comment.objects.filter(
            letter__review__company_id=membership.company_id,
            response__status__in=["not_started", "drafting", "changes_requested"],
        ).order_by("-letter__letter_date", "number").values_list("pk", "letter_id")[:5]
    )
    if len(comments) == 5:
        companies.add(membership.company_id)
        people.append({{"id": membership.user_id, "comments": comments}})
users = get_user_model().objects.filter(pk__in=[p["id"] for p in people])
users.update(password=make_password({PASSWORD!r}))
names = dict(users.values_list("pk", "username"))
for person in people:
    person["username"] = names[person["id"]]
print(json.dumps(people))
"""

# A settled server's tables: vacuumed (so an index-only scan need not read the rows behind the
# index, as it must in tables just written) and analyzed (so the planner knows their sizes).
SETTLE = """
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
"""

FILTERS = [
    "?status=drafting",
    "?status=in_review&request_type=revise",
    "?request_type=tell_us",
    "?status=not_started",
]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.throughput: dict | None = None

    def add(self, page: str, started: float, status: int, expected: tuple[int, ...]) -> None:
        took = (time.perf_counter() - started) * 1000
        with self.lock:
            self.times[page].append(took)
            if status not in expected:
                self.errors.append(f"{page}: HTTP {status}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def figures(values: list[float]) -> dict:
    return {
        "requests": len(values),
        "p50_ms": percentile(values, 0.50),
        "p95_ms": percentile(values, 0.95),
        "p99_ms": percentile(values, 0.99),
        "max_ms": round(max(values), 1),
    }


class Person:
    """One logged-in preparer browsing his company's work."""

    def __init__(self, base: str, person: dict, recorder: Recorder, rng: random.Random, think):
        self.browser = Browser(base, follow_redirects=False)
        self.person = person
        self.recorder = recorder
        self.rng = rng
        self.think = think
        self.drafts = 0

    def log_in(self) -> bool:
        page = self.browser.log_in(self.person["username"], PASSWORD)
        return page.status == 302

    def get(self, name: str, path: str) -> str:
        started = time.perf_counter()
        try:
            page = self.browser.get(path)
        except OSError as error:
            self.recorder.add(name, started, 0, (200,))
            self.recorder.errors.append(f"{name}: {error}")
            return ""
        self.recorder.add(name, started, page.status, (200,))
        return page.body

    def save_draft(self, comment: int, page: str) -> None:
        """Save a new revision from the one the editor shows, as the editor does."""
        based_on = re.search(r'name="based_on" value="(\d+)"', page)
        fields = {
            "text": f"Draft {self.drafts} by {self.person['username']}: the Company has revised.",
            "based_on": based_on.group(1) if based_on else "",
            "csrfmiddlewaretoken": csrf_token(page),
        }
        self.drafts += 1
        started = time.perf_counter()
        answer = self.browser.post(f"/comments/{comment}/save/", fields)
        self.recorder.add("save draft", started, answer.status, (302,))

    def step(self) -> None:
        comment, letter = self.rng.choice(self.person["comments"])
        choice = self.rng.random()
        if choice < 0.25:
            self.get("my work", "/")
        elif choice < 0.5:
            self.get("all comments (filtered)", f"/comments/{self.rng.choice(FILTERS)}")
        elif choice < 0.7:
            self.get("letter page", f"/letters/{letter}/")
        else:
            page = self.get("comment page", f"/comments/{comment}/")
            if page and choice > 0.9:
                self.save_draft(comment, page)

    def run(self, until: float) -> None:
        while time.monotonic() < until:
            self.step()
            time.sleep(self.rng.uniform(*self.think))


class FloorClient:
    """A client asking for a floor page as fast as the server answers: logged in with the
    session of `person` (the floor page), or anonymous (the anonymous floor page)."""

    def __init__(self, base: str, recorder: Recorder, person: Person | None = None):
        self.browser = person.browser if person else Browser(base, follow_redirects=False)
        self.path = FLOOR_PATH if person else ANONYMOUS_FLOOR_PATH
        self.recorder = recorder

    def run(self, until: float) -> None:
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                status = self.browser.get(self.path).status
            except OSError as error:
                status = 0
                self.recorder.errors.append(f"floor: {error}")
            self.recorder.add("floor", started, status, (200,))


def generate(processes: Processes, comments: int) -> float:
    started = time.monotonic()
    processes.manage("migrate", "--noinput", timeout=600)
    if comments:
        processes.manage("generate_comments", "--comments", str(comments), timeout=1800)
        shell(processes, SETTLE)
    processes.run(production.collectstatic_command())
    return time.monotonic() - started


def drive(base: str, people: list[dict], options: argparse.Namespace) -> tuple[Recorder, float]:
    """Log everyone in, let them work WARM_UP seconds unmeasured (every gunicorn worker
    compiles its templates and opens its connection once), then measure `options.seconds`
    and the throughput rounds (in `recorder.throughput`)."""
    clients = [
        Person(base, person, Recorder(), random.Random(n), options.think)
        for n, person in enumerate(people)
    ]
    logged_in = [client.log_in() for client in clients]
    if not all(logged_in):
        raise RuntimeError(f"{logged_in.count(False)} of {len(clients)} people could not log in")
    work_together(clients, WARM_UP)
    recorder = Recorder()
    for client in clients:
        client.recorder = recorder
    started = time.monotonic()
    work_together(clients, options.seconds)
    elapsed = time.monotonic() - started
    recorder.throughput = throughput(base, clients, options) if options.rounds else None
    return recorder, elapsed


def work_together(clients: list, seconds: float) -> None:
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client.run, args=(until,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)


def rate(clients: list, seconds: float) -> tuple[float, list[str]]:
    """Requests a second the clients get answered in `seconds` of working without pause."""
    recorder = Recorder()
    for client in clients:
        client.recorder = recorder
    started = time.monotonic()
    work_together(clients, seconds)
    served = sum(len(values) for values in recorder.times.values())
    return served / (time.monotonic() - started), recorder.errors


def throughput(base: str, people: list[Person], options: argparse.Namespace) -> dict:
    """Medians of alternated rounds: the people without thinking, then the same people asking
    for the floor page, then anonymous clients asking for the anonymous one, so a machine slowed
    for a while by other work slows all alike."""
    floor_clients = [FloorClient(base, Recorder(), person) for person in people]
    anonymous_clients = [FloorClient(base, Recorder()) for _ in people]
    for person in people:
        person.think = (0.0, 0.0)
    pages, floors, anonymous, errors = [], [], [], []
    kinds = ((people, pages), (floor_clients, floors), (anonymous_clients, anonymous))
    for _ in range(options.rounds):
        for clients, rates in kinds:
            served, failed = rate(clients, options.round_seconds)
            rates.append(round(served, 1))
            errors += failed
    ratio = statistics.median(pages) / statistics.median(floors)
    return {
        "pages_rps": statistics.median(pages),
        "floor_rps": statistics.median(floors),
        "ratio": round(ratio, 3),
        "ratio_target": THROUGHPUT_RATIO_TARGET,
        "trivial_anonymous": {
            "rps": statistics.median(anonymous),
            "ratio": round(statistics.median(pages) / statistics.median(anonymous), 3),
            "rps_rounds": anonymous,
        },
        "pages_rps_rounds": pages,
        "floor_rps_rounds": floors,
        "round_seconds": options.round_seconds,
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def report(recorder: Recorder, elapsed: float, setup: dict) -> dict:
    every = [took for values in recorder.times.values() for took in values]
    return {
        **setup,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "throughput_rps": round(len(every) / elapsed, 1),
        "overall": figures(every),
        "pages": {name: figures(values) for name, values in sorted(recorder.times.items())},
        "errors": len(recorder.errors),
        "first_errors": recorder.errors[:5],
        "p95_budget_ms": P95_BUDGET_MS,
        "throughput": recorder.throughput,
    }


def run(work: Path, options: argparse.Namespace) -> int:
    env = production.production_env(work, broker_url="redis://127.0.0.1:6379/10")
    processes = Processes(work, env)
    port = production.free_port()
    try:
        generated = generate(processes, options.comments)
        people = json.loads(
            shell(processes, PEOPLE.replace("COUNT", str(options.users))).splitlines()[-1]
        )
        command = production.gunicorn_command(port, options.workers, options.threads)
        web = processes.start("web", command, DJANGO_SETTINGS_MODULE="scripts.load_settings")
        if not wait_for_port(port, web, 60):
            raise RuntimeError(f"gunicorn did not start:\n{processes.tail('web')}")
        if options.busy:
            processes.start("busy", BUSY_LOOP)
        recorder, elapsed = drive(f"http://127.0.0.1:{port}", people, options)
    finally:
        processes.stop_all()
    setup = {
        "comments": options.comments,
        "people": len(people),
        "generate_seconds": round(generated, 1),
        "gunicorn": f"--workers {options.workers} --threads {options.threads}",
        "think_seconds": options.think,
        "busy": options.busy,
    }
    result = report(recorder, elapsed, setup)
    print(json.dumps(result, indent=2))
    return 1 if failed(result, options, len(people)) else 0


def failed(result: dict, options: argparse.Namespace, people: int) -> bool:
    """An error, a p95 over budget, too few people, or too low a throughput ratio."""
    slow = result["overall"]["p95_ms"] > P95_BUDGET_MS
    measured = result["throughput"]
    weak = measured is not None and (
        measured["errors"] or measured["ratio"] < THROUGHPUT_RATIO_TARGET
    )
    return bool(result["errors"] or slow or weak or people < options.users)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--comments",
        type=int,
        default=200_000,
        help="How many to generate; 0 measures the database DATABASE_URL names as it is",
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"))
    parser.add_argument(
        "--rounds", type=int, default=3, help="Throughput rounds of each kind; 0 skips them"
    )
    parser.add_argument("--round-seconds", type=float, default=10)
    parser.add_argument(
        "--busy", action="store_true", help="Keep one core busy beside the server all along"
    )
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="corresp-load-") as work:
        return run(Path(work), options)


if __name__ == "__main__":
    sys.exit(main())
