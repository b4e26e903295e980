"""`make bench`'s precedent section: similar_to() and one search page over a large library.

The library holds LIBRARY_SIZE staff comments (200,000 on PostgreSQL, 20,000 on SQLite): made
of sentences of real staff comments when CORPUS names a folder of EDGAR review threads, else of
this file's own staff-style sentences; each generated comment is 2 to 6 sentences sampled from
them, so the vocabulary is real. 200 queries are comments of the same kind, imported as one of
our letters. Figures are median and p95 in ms, and each as a ratio against an anchor measured
in the same run: a primary-key fetch of 20 library comments. The rows are rolled back.
"""

import os
import random
import re
import statistics
import time
from datetime import date
from pathlib import Path

QUERIES = 200
BATCH = 5_000
SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")
OWN_SENTENCES = """
Please revise your disclosure to describe the material terms of the credit agreement.
Tell us how you determined that the performance obligations are distinct within the contract.
Please expand your discussion of the critical audit matters communicated by your auditor.
We note that goodwill exceeds the market capitalization of the company at year end.
Tell us how you considered whether a triggering event occurred for the impairment test.
Please quantify the effect of changes in price and volume on revenues for each period.
Revise the risk factor to disclose the impact of rising interest rates on your liquidity.
Tell us why you believe the change in accounting principle is preferable.
Please disclose the amount of unrecognized tax benefits that would affect the effective rate.
Explain how you allocate the transaction price to each performance obligation.
Please provide us with your materiality analysis under SAB 99 for the errors identified.
Revise your segment disclosure to reconcile segment profit to income before income taxes.
Tell us the nature of the contacts with the countries designated as state sponsors of terrorism.
Please describe the key assumptions used in estimating the fair value of the reporting unit.
Revise the liquidity section to discuss known trends in cash flows from operations.
Tell us how your non-GAAP measure complies with Item 10(e) of Regulation S-K.
Please clarify whether the adjustment removes normal recurring cash operating expenses.
Disclose the amount of the loss reserve development and the reasons for the change.
Please explain the basis for presenting the loss development tables by accident year.
Tell us whether the warrants are classified as liabilities or equity and why.
Revise the description of the business to explain how you generate revenue from customers.
Please file the agreement as an exhibit or tell us why you believe it is not material.
Tell us how you concluded that you act as the principal rather than the agent.
Please disclose the remaining performance obligations and when you expect to recognize them.
Explain why the allowance for credit losses decreased while charge-offs increased.
Please describe the cybersecurity risk management processes overseen by the board.
Revise the summary to balance the discussion of strengths with the principal risks.
Tell us the number of reporting units and the headroom of each at the testing date.
Please disclose the sensitivity of the pension obligation to the discount rate assumption.
Explain the increase in inventory reserves and the products to which they relate.
""".strip().splitlines()


def sentences(corpus: str | None) -> tuple[list[str], str]:
    """Sentences to build comments from, and where they came from."""
    if corpus and Path(corpus).is_dir():
        from tracker.parsing import read_upload
        from tracker.parsing.errors import ParseError

        found = []
        for path in sorted(Path(corpus).glob("*/*/*_upload.flat.txt")):
            try:
                letter = read_upload(path.read_bytes())
            except ParseError:
                continue
            for comment in letter.comments:
                found += [s for s in SENTENCE.split(" ".join(comment.text.split())) if len(s) > 30]
        if found:
            return found, f"{len(found)} sentences of the staff letters in CORPUS"
    return OWN_SENTENCES, f"{len(OWN_SENTENCES)} staff-style sentences of the bench (no CORPUS)"


def comment_texts(pool: list[str], count: int, rng: random.Random) -> list[str]:
    return [" ".join(rng.sample(pool, rng.randint(2, min(6, len(pool))))) for _ in range(count)]


def make_library(pool: list[str], size: int, rng: random.Random) -> None:
    from tracker.models import LibraryComment, LibraryDocument, LibraryThread
    from tracker.parsing import embedding

    headings = ["Revenue Recognition", "Goodwill", "Liquidity", "Risk Factors", "Segments"]
    threads = LibraryThread.objects.bulk_create(
        LibraryThread(key=f"BENCH/{n}", company_name=f"Bench Public {n}", form_type="10-K")
        for n in range(size // 100)
    )
    letters = LibraryDocument.objects.bulk_create(
        LibraryDocument(
            thread=thread,
            accession=f"0000000000-99-{n:06d}",
            form_type="UPLOAD",
            kind="comments",
            letter_date=date(2015 + n % 10, 1 + n % 12, 1),
        )
        for n, thread in enumerate(threads)
    )
    for start in range(0, size, BATCH):
        texts = comment_texts(pool, min(BATCH, size - start), rng)
        vectors = embedding.embed(texts)
        LibraryComment.objects.bulk_create(
            LibraryComment(
                letter=(letter := letters[(start + n) // 100]),
                thread_id=letter.thread_id,
                number=(start + n) % 100 + 1,
                headings=[rng.choice(headings)],
                text=text,
                company_name=f"Bench Public {(start + n) // 100}",
                form_type="10-K",
                letter_date=letter.letter_date,
                vector=embedding.to_bytes(vector),
                answer=rng.choice(pool) if n % 3 == 0 else "",
            )
            for n, (text, vector) in enumerate(zip(texts, vectors, strict=True))
        )


def make_ours(pool: list[str], rng: random.Random):
    """200 of our comments in one letter, with a member to search as."""
    from tests.factories import CommentLetterFactory, MembershipFactory
    from tracker.domain.vectors import store_comment_vectors
    from tracker.models import Comment, Response

    letter = CommentLetterFactory()
    comments = Comment.objects.bulk_create(
        Comment(letter=letter, number=n + 1, headings=["General"], text=text)
        for n, text in enumerate(comment_texts(pool, QUERIES, rng))
    )
    Response.objects.bulk_create(Response(comment=c) for c in comments)
    store_comment_vectors(comments)
    user = MembershipFactory(company=letter.review.company).user
    return user, list(Comment.objects.select_related("vector").filter(letter=letter))


def timed(action, items) -> list[float]:
    timings = []
    for item in items:
        start = time.perf_counter()
        action(item)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def summary(name: str, timings: list[float], anchor: float, target: float) -> dict:
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    return {
        f"precedents_{name}_median_ms": round(median, 1),
        f"precedents_{name}_p95_ms": round(p95, 1),
        f"precedents_{name}_median_vs_anchor": round(median / anchor, 1),
        f"precedents_{name}_p95_vs_anchor": round(p95 / anchor, 1),
        f"precedents_{name}_targets_ms": [target, target * 2],
    }


def page_figures(user, comments, words, anchor: float) -> dict:
    """The Similar comments panel and the Search page as the browser gets them: the view,
    the template and the middleware, through Django's test client (targets as for the
    functions)."""
    from urllib.parse import urlencode

    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)

    def get(url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    panel = timed(lambda c: get(reverse("comment_similar", args=[c.pk])), comments)
    search = timed(lambda w: get(reverse("search") + "?" + urlencode({"q": w})), words)
    return summary("panel_page", panel, anchor, 150) | summary("search_view", search, anchor, 150)


def precedent_figures(count_queries) -> dict:
    from django.db import connection, transaction

    from tracker.models import LibraryComment
    from tracker.parsing.search_text import content_words
    from tracker.queries.precedents import SearchCriteria, lexical, search, semantic, similar_to

    size = int(
        os.environ.get("BENCH_PRECEDENTS", 200_000 if connection.vendor == "postgresql" else 20_000)
    )
    rng = random.Random(15)  # noqa: S311 (sampling sentences, not secrets)
    pool, origin = sentences(os.environ.get("CORPUS"))
    figures: dict = {"precedents_library_comments": size, "precedents_sentences": origin}
    with transaction.atomic():
        start = time.perf_counter()
        make_library(pool, size, rng)
        user, comments = make_ours(pool, rng)
        figures["precedents_generate_s"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        matrix = semantic.library_matrix()
        figures["precedents_matrix_load_s"] = round(time.perf_counter() - start, 1)
        figures["precedents_matrix_mb"] = matrix.megabytes
        if connection.vendor == "postgresql":
            start = time.perf_counter()
            lexical.document_frequencies(matrix.key)
            figures["precedents_term_counts_load_s"] = round(time.perf_counter() - start, 1)
        ids = list(LibraryComment.objects.order_by("?").values_list("id", flat=True)[:20])
        anchor = statistics.median(
            timed(lambda _: list(LibraryComment.objects.filter(pk__in=ids)), range(50))
        )
        figures["precedents_anchor_pk_fetch_20_median_ms"] = round(anchor, 2)
        figures |= summary(
            "similar_to", timed(lambda c: similar_to(c, user), comments), anchor, 150
        )
        words = [" ".join(content_words(c.text)[:2]) for c in comments]
        page = timed(lambda w: search(user, SearchCriteria(text=w)), words)
        figures |= summary("search_page", page, anchor, 150)
        figures |= page_figures(user, comments, words, anchor)
        figures["precedents_similar_to_queries"] = count_queries(
            lambda: similar_to(comments[0], user)
        )
        figures["precedents_search_page_queries"] = count_queries(
            lambda: search(user, SearchCriteria(text=words[0]))
        )
        transaction.set_rollback(True)
    semantic.forget()
    return figures
