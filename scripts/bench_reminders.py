"""`BENCH_LARGE=1 make bench` (PostgreSQL): the digest and the deadline sweep over 100,000 open
comments with 500 users, against targets of 1 s (digest) and 1.5 s (deadline sweep), as
medians of alternated runs and as ratios to an anchor timed in the same rounds, and their query
counts at two sizes.

The rows are written with bulk_create and committed, then vacuumed and analyzed as a settled
server's tables are (VACUUM cannot run inside a transaction), and deleted once timed, so the
other large figures do not see them. Each sweep claims and queues inside a transaction rolled
back afterwards; the e-mails themselves are sent by workers, a batch a task, and are not part
of the figure.
"""

import random
import statistics
import time
from datetime import date, timedelta

USERS = 500
COMPANIES = 25
COMMENTS_PER_LETTER = 20
TODAY = date(2010, 3, 10)  # a Wednesday


def make_people(tag: str) -> dict[int, list[int]]:
    """500 users spread over 25 companies: company id -> its members' ids."""
    from django.contrib.auth import get_user_model

    from tracker.enums import Role
    from tracker.models import Company, Membership

    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench-{tag}-{n}", email=f"bench-{tag}-{n}@example.com", password="!")
        for n in range(USERS)
    )
    companies = Company.objects.bulk_create(
        Company(name=f"Bench Registrant {tag}-{n}") for n in range(COMPANIES)
    )
    roles = [Role.PREPARER, Role.PREPARER, Role.REVIEWER, Role.APPROVER]
    Membership.objects.bulk_create(
        Membership(user=user, company=companies[n % COMPANIES], role=roles[n // COMPANIES % 4])
        for n, user in enumerate(users)
    )
    members: dict[int, list[int]] = {company.pk: [] for company in companies}
    for n, user in enumerate(users):
        members[companies[n % COMPANIES].pk].append(user.pk)
    return members


def make_letters(members: dict[int, list[int]], comments: int) -> list:
    from tracker.models import CommentLetter, FilingReview

    count = comments // COMMENTS_PER_LETTER
    company_ids = list(members)
    reviews = FilingReview.objects.bulk_create(
        FilingReview(company_id=company_ids[n % COMPANIES], title=f"Review {n}")
        for n in range(count)
    )
    return CommentLetter.objects.bulk_create(
        CommentLetter(
            review=review,
            letter_date=TODAY - timedelta(days=10 + n % 20),
            received_on=TODAY - timedelta(days=10 + n % 20),
            response_due_on=TODAY + timedelta(days=n % 60 - 20),
        )
        for n, review in enumerate(reviews)
    )


def make_open_comments(letters: list, members: dict[int, list[int]], rng: random.Random) -> None:
    """Comments whose responses are all open, each with a drafter, half with a reviewer."""
    from tracker.enums import AssignmentRole, ResponseStatus
    from tracker.models import Assignment, Comment, Response

    open_states = [s for s in ResponseStatus.values if s != ResponseStatus.APPROVED]
    comments = Comment.objects.bulk_create(
        (
            Comment(letter=letter, number=n, text=f"Please revise page {n}.")
            for letter in letters
            for n in range(1, COMMENTS_PER_LETTER + 1)
        ),
        batch_size=5_000,
    )
    Response.objects.bulk_create(
        (Response(comment=c, status=rng.choice(open_states)) for c in comments), batch_size=5_000
    )
    company_of = {letter.pk: letter.review.company_id for letter in letters}
    assignments = []
    for comment in comments:
        people = members[company_of[comment.letter_id]]
        assignments.append(Assignment(comment=comment, user_id=rng.choice(people), role="drafter"))
        if comment.number % 2:
            reviewer = rng.choice(people)
            assignments.append(
                Assignment(comment=comment, user_id=reviewer, role=AssignmentRole.REVIEWER)
            )
    Assignment.objects.bulk_create(assignments, batch_size=5_000, ignore_conflicts=True)


ROUNDS = 5
TIMED = ["anchor", "digest", "digest_again", "deadline", "deadline_again"]


def sweep_figures(comments: int, count_queries, rounds: int = 1) -> dict:
    """Generate `comments` open comments, time both sweeps `rounds` times (each run rolled back
    to a savepoint, so each claims the same messages), alternated with the anchor; roll all back.

    The anchor is one COUNT over the same open assignments: the ratios say how many such scans
    a sweep costs, which holds better than seconds on a machine shared with other work."""
    from django.db import transaction

    from scripts.bench_pages import settle_database
    from tracker.domain import reminders

    sweeps = [("digest", reminders.daily_digests), ("deadline", reminders.deadline_sweep)]
    timings: dict[str, list[float]] = {name: [] for name in TIMED}
    figures = {}
    members = make_people(str(comments))
    try:
        make_open_comments(make_letters(members, comments), members, random.Random(2009))
        settle_database()
        with transaction.atomic():
            for _ in range(rounds):
                timings["anchor"].append(timed_anchor(reminders.open_assignments))
                for name, sweep in sweeps:
                    seconds, again, counted = timed(name, sweep, count_queries)
                    timings[name].append(seconds)
                    timings[f"{name}_again"].append(again)
                    figures |= counted
            transaction.set_rollback(True)
    finally:
        remove_generated(list(members))
        settle_database()
    return figures | medians(timings)


def timed_anchor(open_assignments) -> float:
    start = time.perf_counter()
    open_assignments().count()
    return time.perf_counter() - start


def medians(timings: dict[str, list[float]]) -> dict:
    """Median seconds of each sweep and of the anchor, and each sweep's median ratio to the
    anchor of its own round."""
    figures = {f"{name}_s": round(statistics.median(runs), 3) for name, runs in timings.items()}
    for name in TIMED[1:]:
        ratios = [
            run / anchor for run, anchor in zip(timings[name], timings["anchor"], strict=True)
        ]
        figures[f"{name}_to_anchor"] = round(statistics.median(ratios), 2)
    return figures


def remove_generated(company_ids: list[int]) -> None:
    """Delete what make_people and make_letters wrote for these companies, children first, one
    DELETE a table: the ORM's cascade would first read the 100,000 comments into Python."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from tracker import models

    def table(name: str) -> str:
        model = get_user_model() if name == "User" else getattr(models, name)
        return connection.ops.quote_name(model._meta.db_table)

    letters = (
        f"SELECT l.id FROM {table('CommentLetter')} l JOIN {table('FilingReview')} r"  # noqa: S608
        f" ON r.id = l.review_id WHERE r.company_id = ANY(%s)"
    )
    comments = f"SELECT id FROM {table('Comment')} WHERE letter_id IN ({letters})"  # noqa: S608
    users = f"SELECT user_id FROM {table('Membership')} WHERE company_id = ANY(%s)"  # noqa: S608
    statements = [
        f"DELETE FROM {table('Assignment')} WHERE comment_id IN ({comments})",  # noqa: S608
        f"DELETE FROM {table('Response')} WHERE comment_id IN ({comments})",  # noqa: S608
        f"DELETE FROM {table('Comment')} WHERE letter_id IN ({letters})",  # noqa: S608
        f"DELETE FROM {table('CommentLetter')} WHERE id IN ({letters})",  # noqa: S608
        f"DELETE FROM {table('FilingReview')} WHERE company_id = ANY(%s)",  # noqa: S608
        f"CREATE TEMPORARY TABLE bench_users AS {users}",  # noqa: S608
        f"DELETE FROM {table('Membership')} WHERE company_id = ANY(%s)",  # noqa: S608
        f"DELETE FROM {table('Company')} WHERE id = ANY(%s)",  # noqa: S608
        f"DELETE FROM {table('User')} WHERE id IN (SELECT user_id FROM bench_users)",  # noqa: S608
        "DROP TABLE bench_users",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, [company_ids] * sql.count("%s"))


def timed(name: str, sweep, count_queries) -> tuple[float, float, dict]:
    """One sweep, then the same sweep again (the hourly case: everything claimed already),
    rolled back afterwards: the seconds of each, and what the first claimed and queried."""
    from django.db import transaction

    claimed = []
    savepoint = transaction.savepoint()
    start = time.perf_counter()
    queries = count_queries(lambda: claimed.extend(sweep(TODAY)))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    sweep(TODAY)
    again = time.perf_counter() - start
    transaction.savepoint_rollback(savepoint)
    return seconds, again, {f"{name}_claimed": len(claimed), f"{name}_queries": queries}


def reminder_figures(count_queries) -> dict:
    small = sweep_figures(1_000, count_queries)
    large = sweep_figures(100_000, count_queries, rounds=ROUNDS)
    figures = {f"reminders_100k_comments_{key}": value for key, value in large.items()}
    figures |= {
        "reminders_100k_comments_digest_target_s": 1,
        "reminders_100k_comments_deadline_target_s": 1.5,
        "reminders_1k_comments_digest_queries": small["digest_queries"],
        "reminders_1k_comments_deadline_queries": small["deadline_queries"],
    }
    return figures
