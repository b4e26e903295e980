"""`make bench`: speed figures as JSON, on a throwaway test database.

Runs against SQLite by default, or PostgreSQL when DATABASE_URL points at it.
Targets (from the issues) are printed beside the figures; nothing here fails a build.
"""

import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tracker" / "demo_data" / "sec-staff-letter_calix_s-1_2009-12-17.txt"


def median_ms(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2)


def count_queries(action: Callable[[], object]) -> int:
    """How many SQL statements the action sends to the default database."""
    from django.db import connection

    sent = 0

    def counter(execute, sql, params, many, context):
        nonlocal sent
        sent += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        action()
    return sent


def parsing_figures() -> dict:
    from tracker.parsing import parse_letter
    from tracker.parsing.samples import synthetic_letter

    seed = SEED.read_text(encoding="utf-8")
    big = synthetic_letter(200)
    # The one-line form: what a copy from a web page or a dataset gives.
    flat_seed, flat_big = " ".join(seed.split()), " ".join(big.split())
    flat_small = " ".join(synthetic_letter(20).split())
    flat_big_ms = median_ms(lambda: parse_letter(flat_big), 10)
    flat_small_ms = median_ms(lambda: parse_letter(flat_small), 10)
    return {
        "parse_seed_letter_median_ms": median_ms(lambda: parse_letter(seed), 50),
        "parse_seed_letter_target_ms": 10,
        "parse_200_comment_letter_median_ms": median_ms(lambda: parse_letter(big), 10),
        "parse_200_comment_letter_target_ms": 100,
        "parse_seed_letter_one_line_median_ms": median_ms(lambda: parse_letter(flat_seed), 50),
        "parse_200_comment_letter_one_line_median_ms": flat_big_ms,
        "parse_one_line_ms_per_comment_200_vs_20": [
            round(flat_big_ms / 200, 3),
            round(flat_small_ms / 20, 3),
        ],
    } | parsing_growth_figures()


def parsing_growth_figures() -> dict:
    """A 1,000-comment letter against a 100-comment one, timed alternately: parsing is linear
    when the ratio stays near 10. Processor time beside the wall clock: on a machine other jobs
    share, a long parse is more often put off by them than a short one."""
    from tracker.parsing import parse_letter
    from tracker.parsing.samples import synthetic_letter

    figures = {}
    for form, shape in (("", str), ("one_line_", lambda text: " ".join(text.split()))):
        small, large = shape(synthetic_letter(100)), shape(synthetic_letter(1000))
        timed = _alternate_medians(small, large, parse_letter)
        (small_ms, small_cpu), (large_ms, large_cpu) = timed
        figures |= {
            f"parse_100_comment_letter_{form}median_ms": small_ms,
            f"parse_1000_comment_letter_{form}median_ms": large_ms,
            f"parse_1000_comment_letter_{form}cpu_median_ms": large_cpu,
            f"parse_1000_comment_letter_{form}target_ms": 150,
            f"parse_1000_vs_100_comment_letter_{form}ratio": round(large_ms / small_ms, 2),
            f"parse_1000_vs_100_comment_letter_{form}cpu_ratio": round(large_cpu / small_cpu, 2),
            f"parse_1000_vs_100_comment_letter_{form}target_ratio": 10,
        }
    return figures


def _alternate_medians(small: str, large: str, parse: Callable, rounds: int = 7):
    """(wall, processor) median milliseconds of ``parse`` over each text, the two taken in turn
    so that other work on the machine weighs on both alike."""
    small_times, large_times = [], []
    for _ in range(rounds):
        small_times += [_both_clocks(parse, small) for _ in range(3)]
        large_times.append(_both_clocks(parse, large))
    return _medians(small_times), _medians(large_times)


def _both_clocks(action: Callable, argument: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action(argument)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return tuple(round(statistics.median(column), 2) for column in zip(*times, strict=True))


def bounded_reading_figures() -> dict:
    """The seed letter read (extract and parse) in-process, then through the bounded child
    process that uploads use; the child's cost as a ratio against the in-process read measured
    here, and a child that does nothing (starting the interpreter, the limits, the pipes)."""
    from tracker.parsing import read_upload
    from tracker.parsing.sandbox import Limits, bounded

    seed, limits = SEED.read_bytes(), Limits()
    in_process = median_ms(lambda: read_upload(seed), 20)
    child = median_ms(lambda: bounded(read_upload, seed, limits=limits), 5)
    empty = median_ms(lambda: bounded(len, b"", limits=limits), 5)
    return {
        "read_seed_letter_in_process_median_ms": in_process,
        "read_seed_letter_bounded_median_ms": child,
        "read_seed_letter_bounded_vs_in_process": round(child / in_process, 1),
        "bounded_child_doing_nothing_median_ms": empty,
    }


def import_figures() -> dict:
    from django.db import transaction

    from tracker.domain.letters import import_letter
    from tracker.models import Company
    from tracker.parsing import parse_letter, synthetic_letter

    seed = SEED.read_text(encoding="utf-8")
    big = parse_letter(synthetic_letter(200))
    with transaction.atomic():
        company = Company.objects.create(name="Bench Registrant")
        big_queries = count_queries(lambda: import_letter(big, company=company))
        transaction.set_rollback(True)
    timings, queries = [], []
    for _ in range(5):
        with transaction.atomic():
            start = time.perf_counter()
            queries.append(count_queries(lambda: import_letter(parse_letter(seed))))
            timings.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    return {
        "import_seed_letter_median_ms": round(statistics.median(timings), 2),
        "import_seed_letter_target_ms": 300,
        "import_seed_letter_queries": max(queries),
        "import_200_comment_letter_queries": big_queries,
    } | import_floor_figures()


def import_floor_figures(comments: int = 1000, rounds: int = 7) -> dict:
    """A letter parsed and imported through import_letter, against its floor measured in the
    same run: the same text parsed and its comment rows saved with one bulk_create. The two
    are timed in turn; the ratio is of their medians. Beyond the floor the import writes each
    comment's response and its link to the filing's outline, and, as the request does once
    its transaction commits, queues the task that embeds the comments (published to an
    in-memory broker, as a configured broker takes it). The worker's embedding is timed
    apart (`..._vectors_task_median_ms`): the person importing does not wait for it."""
    from tracker.parsing import synthetic_letter

    text = synthetic_letter(comments)
    imported, floor, embedded = [], [], []
    with frozen_as_in_workers(), broker_in_memory():
        for _ in range(rounds):
            imported.append(_rolled_back_ms(lambda company: _import_text(text, company)))
            floor.append(_rolled_back_ms(lambda company: _bulk_insert_text(text, company)))
            embedded.append(_embedding_ms(text))
    (imported_ms, imported_cpu), (floor_ms, floor_cpu) = _medians(imported), _medians(floor)
    name = f"import_{comments}_comment_letter"
    return {
        f"{name}_median_ms": imported_ms,
        f"{name}_floor_median_ms": floor_ms,
        f"{name}_vs_floor_ratio": round(imported_ms / floor_ms, 2),
        f"{name}_vs_floor_cpu_ratio": round(imported_cpu / floor_cpu, 2),
        f"{name}_vs_floor_target_ratio": 1.5,
        f"{name}_vectors_task_median_ms": _medians(embedded)[0],
    }


@contextmanager
def broker_in_memory():
    """Celery publishing to kombu's in-memory transport instead of running tasks in-process
    (the default without CELERY_BROKER_URL): a queued task costs what publishing it costs."""
    from tracker.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.update(task_always_eager=False, broker_url="memory://")
    try:
        yield
    finally:
        app.conf.update(task_always_eager=saved[0], broker_url=saved[1])


@contextmanager
def frozen_as_in_workers():
    """What was loaded before is frozen, as gunicorn's and Celery's workers freeze it
    (tracker/gunicorn.py, tracker/celery.py): a full collection then costs what the measured
    work left behind, not the size of the process, and lands in neither side by chance."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _rolled_back_ms(action: Callable) -> tuple[float, float]:
    """(wall, processor) milliseconds ``action(company)`` takes in a transaction that is then
    rolled back."""
    from django.db import transaction

    from tracker.models import Company

    with transaction.atomic():
        company = Company.objects.create(name="Bench Registrant")
        elapsed = _both_clocks(action, company)
        transaction.set_rollback(True)
    return elapsed


def _import_text(text: str, company) -> None:
    """The import as a request runs it, with the callbacks its commit runs (the bench's
    transaction is rolled back, so they are run here)."""
    from django.test import TestCase

    from tracker.domain.letters import import_letter
    from tracker.parsing import parse_letter

    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        import_letter(parse_letter(text), company=company)
    assert queued, "the import queued no task"


def _embedding_ms(text: str) -> tuple[float, float]:
    """(wall, processor) milliseconds a worker takes to embed an imported letter's comments
    (the import itself not timed), rolled back afterwards."""
    from django.db import transaction

    from tracker.domain.letters import import_letter
    from tracker.domain.vectors import store_letter_vectors
    from tracker.models import Company
    from tracker.parsing import parse_letter

    with transaction.atomic():
        company = Company.objects.create(name="Bench Registrant")
        letter = import_letter(parse_letter(text), company=company)
        elapsed = _both_clocks(store_letter_vectors, letter.pk)
        transaction.set_rollback(True)
    return elapsed


def _bulk_insert_text(text: str, company) -> None:
    """The floor: parse, one letter row, and the comment rows in one bulk_create."""
    from tracker.models import Comment, CommentLetter, FilingReview
    from tracker.parsing import parse_letter

    parsed = parse_letter(text)
    review = FilingReview.objects.create(company=company, title="Bench review")
    when = parsed.date
    letter = CommentLetter.objects.create(
        review=review, round=1, letter_date=when, received_on=when, response_due_on=when
    )
    Comment.objects.bulk_create(
        Comment(
            letter=letter,
            number=item.number,
            headings=item.headings,
            pages=item.pages,
            text=item.text,
            request_types=item.request_types,
        )
        for item in parsed.comments
    )


def page_figures() -> dict:
    from django.test import Client

    from tracker.domain.demo import seed_demo

    letter = seed_demo()
    client = Client()
    client.force_login(letter.review.company.memberships.first().user)
    url = f"/letters/{letter.pk}/"
    responses = []
    queries = count_queries(lambda: responses.append(client.get(url)))
    status = responses[0].status_code
    assert status == 200, f"the letter page answered {status}"
    return {
        "letter_page_26_comments_median_ms": median_ms(lambda: client.get(url), 20),
        "letter_page_26_comments_queries": queries,
    }


def filing_figures() -> dict:
    """Import a generated 300-page EDGAR filing (seconds; the process's peak memory so far, as
    this runs first), then link the demo letter's 26 comments to its 300-odd sections."""
    import resource

    from django.db import transaction

    from tracker.domain.demo import seed_demo
    from tracker.domain.filings import import_filing
    from tracker.domain.linking import link_comments
    from tracker.parsing.filing_document import parse_filing_file
    from tracker.parsing.samples import synthetic_filing_html

    data = synthetic_filing_html(300).encode()
    with transaction.atomic():
        letter = seed_demo()
        start = time.perf_counter()
        parsed = parse_filing_file(data)
        filing = import_filing(parsed, company=letter.review.company, form_type="S-1")
        import_s = round(time.perf_counter() - start, 2)
        peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        comments = list(letter.comments.all())
        link_ms = median_ms(lambda: link_comments(comments, filing), 5)
        sections = filing.sections.count()
        transaction.set_rollback(True)
    return {
        "import_300_page_filing_s": import_s,
        "import_300_page_filing_target_s": 10,
        "process_peak_memory_mb": peak_mb,
        "process_peak_memory_target_mb": 500,
        f"link_26_comments_to_{sections}_sections_median_ms": link_ms,
        "link_26_comments_target_ms": 1000,
    }


def library_figures(corpus: Path) -> dict:
    """The whole corpus imported into the precedent library (make bench CORPUS=...): threads,
    documents, comments and comments paired with an answer, and the time it took (target 60 s)."""
    from tracker.domain import library
    from tracker.models import LibraryComment, LibraryDocument, LibraryThread

    start = time.perf_counter()
    run = library.import_folder(corpus)
    seconds = time.perf_counter() - start
    run.refresh_from_db()
    return {
        "library_import_corpus_s": round(seconds, 1),
        "library_import_corpus_target_s": 60,
        "library_threads": LibraryThread.objects.count(),
        "library_documents": LibraryDocument.objects.count(),
        "library_documents_not_read": len(run.messages),
        "library_comments": LibraryComment.objects.count(),
        "library_comments_answered": LibraryComment.objects.exclude(answer="").count(),
    }


@contextmanager
def test_database():
    """Django set up on a throwaway test database, destroyed on the way out."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # only measured blocks log their queries
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> int:
    large = os.environ.get("BENCH_LARGE") == "1"
    with test_database() as connection:
        large = large and connection.vendor == "postgresql"
        figures = {"database": connection.vendor}
        figures |= filing_figures()
        figures |= parsing_figures()
        from scripts.bench_reading import reading_figures

        figures |= reading_figures()
        figures |= bounded_reading_figures()
        figures |= import_figures()
        figures |= page_figures()
        from scripts.bench_pages import LARGE_SIZES, SIZES, page_anchor_figures

        figures |= page_anchor_figures(SIZES)
        from scripts.bench_exports import export_figures

        figures |= export_figures()
        corpus = os.environ.get("CORPUS", "")
        if corpus and Path(corpus).is_dir():
            figures |= library_figures(Path(corpus))
        else:
            print(
                "bench: CORPUS not given or not a folder; no library import figures",
                file=sys.stderr,
            )
        from scripts.bench_precedents import precedent_figures

        figures |= precedent_figures(count_queries)
        if large:
            from scripts.bench_reminders import reminder_figures

            figures |= reminder_figures(count_queries)
            # Last: the comments the sizes before generated stay in the database.
            figures |= page_anchor_figures(LARGE_SIZES)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
