"""All comments and the letter page against their anchors, at growing numbers of comments.

At each size (comments in the database: 2,000 and 20,000; 200,000 and 1,000,000 with
BENCH_LARGE on PostgreSQL) a member who sees 4,000 to 6,000 comments (all of them at 2,000)
opens All comments (filtered, page 2) and a letter of 35 comments; the same rows are opened
in a stock admin changelist and through one hand-written query (scripts/bench_admin.py). The
three are requested in turn, round after round; each ratio is the median of the rounds'
ratios. On PostgreSQL every query of both pages is EXPLAINed: a sequential scan over the
response, comment or letter tables means the page reads more than the member's own rows.
"""

import json
import statistics
import time
from collections import Counter

from scripts.bench import count_queries

SIZES = [2_000, 20_000]
LARGE_SIZES = [200_000, 1_000_000]
MEMBER_SEES = range(4_000, 6_001)
LETTER_COMMENTS = 35
ROUNDS = 15
TARGET_VS_ADMIN = 1.0
TARGET_VS_BARE = 2.5
FILTERED = "status=drafting&request_type=revise"
SCANNED_TABLES = {"tracker_response", "tracker_comment", "tracker_commentletter"}


def top_up(size: int) -> int:
    """Generate comments until the database holds `size`; the number it holds."""
    from tracker.domain.generate import generate_comments
    from tracker.models import Comment

    missing = size - Comment.objects.count()
    if missing > 0:
        generate_comments(missing, seed=size)
        settle_database()
    return Comment.objects.count()


def settle_database() -> None:
    """Vacuum and analyze the tables just written, as a settled server's are: an index-only
    scan then need not read the rows behind the index, and the planner knows their sizes.
    SQLite is left as it is (its ANALYZE changes nothing the bench compares)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def member_and_letter():
    """The member seeing the most comments within MEMBER_SEES (else the most there are), and
    a letter of his with LETTER_COMMENTS comments (else his longest)."""
    from django.db.models import Count

    from tracker.models import CommentLetter, Membership

    per_company = Counter(
        dict(
            CommentLetter.objects.values_list("review__company")
            .annotate(n=Count("comments"))
            .values_list("review__company", "n")
        )
    )
    sees: Counter = Counter()
    for user_id, company_id in Membership.objects.values_list("user_id", "company_id"):
        sees[user_id] += per_company[company_id]
    within = [u for u, n in sees.items() if n in MEMBER_SEES] or list(sees)
    user_id = max(within, key=lambda u: (sees[u], -u))
    companies = Membership.objects.filter(user_id=user_id).values("company_id")
    letter = (
        CommentLetter.objects.filter(review__company__in=companies)
        .annotate(n=Count("comments"))
        .filter(n__lte=LETTER_COMMENTS)
        .order_by("-n", "pk")
        .first()
    )
    return user_id, sees[user_id], letter


def timed_get(client, url: str) -> tuple[float, float]:
    """Milliseconds the request took by the wall clock and in processor time (which other
    jobs on a shared machine do not inflate; on SQLite it includes the queries)."""
    start, processor = time.perf_counter(), time.process_time()
    response = client.get(url)
    took = (time.perf_counter() - start) * 1000, (time.process_time() - processor) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return took


def compared(client, sides: dict[str, str], rounds: int = ROUNDS) -> dict:
    """Each side's median and query count, and the page's ratio to each anchor (the median of
    the rounds' ratios; the sides alternate within a round), by the wall clock and in
    processor time (`_cpu`)."""
    for url in sides.values():
        timed_get(client, url)  # templates compiled, caches warm
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for _ in range(rounds):
        for name, url in sides.items():
            times[name].append(timed_get(client, url))
    figures: dict = {}
    for name, url in sides.items():
        for clock, suffix in ((0, ""), (1, "_cpu")):
            median = statistics.median(took[clock] for took in times[name])
            figures[f"{name}_median{suffix}_ms"] = round(median, 1)
        figures[f"{name}_queries"] = count_queries(lambda url=url: client.get(url))
    for anchor in ("admin", "bare"):
        for clock, suffix in ((0, ""), (1, "_cpu")):
            pairs = zip(times["page"], times[anchor], strict=True)
            ratios = [page[clock] / other[clock] for page, other in pairs]
            figures[f"page_vs_{anchor}{suffix}"] = round(statistics.median(ratios), 2)
    return figures


def sequential_scans(client, url: str) -> list[str]:
    """The tables among SCANNED_TABLES that some query of the page reads sequentially."""
    from django.db import connection

    sent: list[tuple[str, tuple]] = []

    def keep(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        client.get(url)
    scans = []
    with connection.cursor() as cursor:
        for sql, params in sent:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            scans += [t for t in seq_scanned(plan[0]["Plan"]) if t in SCANNED_TABLES]
    return sorted(set(scans))


def seq_scanned(node: dict) -> list[str]:
    found = [node.get("Relation Name", "")] if node["Node Type"] == "Seq Scan" else []
    for child in node.get("Plans", []):
        found += seq_scanned(child)
    return found


def figures_at(size: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from scripts.bench_admin import admin_all_comments_url, admin_letter_url

    held = top_up(size)
    user_id, sees, letter = member_and_letter()
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_id))
    all_comments = {
        "page": f"/comments/?{FILTERED}&page=2",
        "admin": admin_all_comments_url("response__status__exact=drafting&request_type=revise&p=2"),
        "bare": f"/bench/bare-comments/?{FILTERED}&page=2",
    }
    letter_page = {
        "page": f"/letters/{letter.pk}/",
        "admin": admin_letter_url(letter.pk),
        "bare": f"/bench/bare-letters/{letter.pk}/",
    }
    key = f"pages_{size // 1000}k"
    figures = {
        f"{key}_comments_held": held,
        f"{key}_member_sees_comments": sees,
        f"{key}_letter_comments": letter.n,
    }
    for name, sides in (("all_comments", all_comments), ("letter", letter_page)):
        figures |= {f"{key}_{name}_{k}": v for k, v in compared(client, sides).items()}
        if connection.vendor == "postgresql":
            scans = sequential_scans(client, sides["page"])
            figures[f"{key}_{name}_sequential_scans"] = scans
            if scans and size >= LARGE_SIZES[-1]:
                raise RuntimeError(f"{name} at {size} comments scans {scans} sequentially")
    figures[f"{key}_my_work_median_ms"] = round(
        statistics.median(timed_get(client, "/")[0] for _ in range(ROUNDS)), 1
    )
    return figures


def page_anchor_figures(sizes: list[int]) -> dict:
    from django.test.utils import override_settings

    figures: dict = {
        "pages_target_vs_admin": TARGET_VS_ADMIN,
        "pages_target_vs_bare": TARGET_VS_BARE,
    }
    with override_settings(ROOT_URLCONF="scripts.bench_admin"):
        for size in sizes:
            figures |= figures_at(size)
    return figures


def main() -> int:
    """Only these figures (python -m scripts.bench_pages [SIZE ...]), on a throwaway database."""
    import sys

    from scripts.bench import test_database

    sizes = [int(size) for size in sys.argv[1:]] or SIZES
    with test_database():
        print(json.dumps(page_anchor_figures(sizes), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
