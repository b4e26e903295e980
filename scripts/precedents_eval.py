"""`make precedents-eval CORPUS=DIR`: how often the precedent ranking finds the comment a staff
follow-up refers back to. Prints JSON.

DIR holds EDGAR review threads (TICKER/THREAD/ACCESSION_upload.pdf or .flat.txt and
ACCESSION_corresp.htm). The whole folder is imported into a throwaway test database by the
library's own import; then every staff comment that cites "prior comment N" is a query whose
right answer is comment N of the earlier letter it cites (the letter of the date it names, else
the thread's previous staff letter). The query is the follow-up's headings and text with the
words citing the earlier comment taken out ("We note your response to prior comment 4.", "Refer
to comment 2 in our letter dated ..."), so the ranking has only the topic to go on; it uses no
thread, date or company, and searches the whole library less the follow-up itself.

Reports recall@1 and recall@5 of the lexical, semantic and fused rankings (a query citing
several comments counts as found when any of them is), semantic recall at 64, 128 and 256
dimensions, fused recall for several weights, and the response reader's measure when
tracker.parsing.response_corpus exists. Run it under scripts/with-throwaway-db for PostgreSQL.
"""

import importlib.util
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = 5
# The words citing the earlier comment: the lead-in ("We note", "Refer to", "We reissue in
# part", "In"), the pointer ("your response to prior comment 4", "comment 2 in our letter dated
# May 5, 2020") and the punctuation closing it; what the sentence says after it stays.
_NUMBERS = r"(?:nos?\.?\s*)?\d+(?:\s*(?:,|and|&|through|to|-|–)\s*\d+)*"
_DATE = r"[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}"
_LETTER = (
    rf"(?:(?:our|the|your)\s+(?:comment\s+)?letter\s+(?:dated|of)\s+{_DATE}"
    rf"|our\s+{_DATE}\s+(?:comment\s+)?letter)"
)
_LEAD = (
    r"(?:We\s+(?:have\s+)?(?:note|noted|read|reviewed|acknowledge|acknowledged|considered)\s+"
    r"|(?:Please\s+)?(?:refer|reference\s+is\s+made)\s+to\s+"
    r"|(?:We\s+)?(?:partially\s+)?(?:re-?issue|reiterate)(?:\s+in\s+part)?\s+"
    r"|See\s+|(?:Also\s+)?(?:in|from|to)\s+|based\s+on\s+)?"
)
CITATION = re.compile(
    rf"\(?{_LEAD}(?:(?:your|our|the)\s+(?:responses?|letter)\s+to\s+)?"
    rf"(?:our\s+)?(?:(?:prior|previous|earlier)\s+)?comments?\s+{_NUMBERS}"
    rf"(?:\s*(?:,\s*)?(?:in|of|from|issued\s+in)\s+{_LETTER})?\)?\s*[.,;:]?",
    re.IGNORECASE,
)


def strip_citations(text: str) -> str:
    """`text` without the words that point back at an earlier comment or letter."""
    return " ".join(CITATION.sub(" ", text).split()).lstrip(",.;: ")


@dataclass
class Query:
    follow_up: int  # the follow-up's LibraryComment pk
    text: str
    answers: set[int]  # the cited comments' pks


def queries() -> list[Query]:
    """A query for every library comment citing earlier comments found in the library."""
    from tracker.models import LibraryComment
    from tracker.parsing import embedding
    from tracker.parsing.requests import prior_comments, prior_letter_date

    rows = list(LibraryComment.objects.select_related("letter").order_by("letter__accession"))
    by_letter: dict[int, dict[int, int]] = {}
    letters_by_thread: dict[int, list] = {}
    for row in rows:
        by_letter.setdefault(row.letter_id, {})[row.number] = row.pk
        letters = letters_by_thread.setdefault(row.thread_id, [])
        if row.letter not in letters:
            letters.append(row.letter)
    found = []
    for row in rows:
        numbers = prior_comments(row.text)
        if not numbers:
            continue
        earlier = _cited_letter(row, letters_by_thread[row.thread_id], prior_letter_date(row.text))
        answers = {
            by_letter[earlier.pk][n] for n in numbers if earlier and n in by_letter[earlier.pk]
        }
        if answers:
            text = embedding.comment_text(row.headings, strip_citations(row.text))
            found.append(Query(row.pk, text, answers))
    return found


def _cited_letter(row, letters: list, named_date):
    before = [letter for letter in letters if letter.accession < row.letter.accession]
    dated = [letter for letter in before if named_date and letter.letter_date == named_date]
    return (dated or before or [None])[-1]


def recall(ranked: list[list[int]], found: list[Query], k: int) -> float:
    hits = sum(bool(set(r[:k]) & q.answers) for r, q in zip(ranked, found, strict=True))
    return round(hits / len(found), 3) if found else 0.0


def rankings(found: list[Query]) -> dict:
    """recall@1 and @5 for each ranking; semantic at three sizes; fused for several weights."""
    from tracker.parsing import embedding
    from tracker.queries.precedents import lexical, ranking, semantic

    matrix = semantic.library_matrix()
    vectors = embedding.embed([q.text for q in found])
    lexical_ranked = [
        [pk for pk, _ in lexical.similar(q.text, TOP, matrix.key, frozenset({q.follow_up}))]
        for q in found
    ]
    report = {"queries": len(found), "lexical": _recalls(lexical_ranked, found)}
    for size in (64, 128, 256):
        cut = semantic.load_matrix(matrix.key, size)
        ranked = [
            [pk for pk, _ in semantic.nearest(cut, v, TOP, frozenset({q.follow_up}))]
            for q, v in zip(found, vectors, strict=True)
        ]
        report[f"semantic_{size}"] = _recalls(ranked, found)
    for weights in ((1.0, 1.0), (1.0, 0.5), (0.5, 1.0), (1.0, 2.0), (2.0, 1.0)):
        ranked = [
            [
                p.pk
                for p in ranking.rank(
                    q.text, [], TOP, vector=v, exclude=frozenset({q.follow_up}), weights=weights
                )
            ]
            for q, v in zip(found, vectors, strict=True)
        ]
        report[f"fused_lexical_{weights[0]}_semantic_{weights[1]}"] = _recalls(ranked, found)
    return report


def _recalls(ranked: list[list[int]], found: list[Query]) -> dict:
    return {"recall_at_1": recall(ranked, found, 1), "recall_at_5": recall(ranked, found, TOP)}


def import_corpus(corpus: Path) -> dict:
    from tracker.domain import library
    from tracker.models import LibraryComment, LibraryDocument

    start = time.perf_counter()
    run = library.import_folder(corpus)
    run.refresh_from_db()
    return {
        "import_s": round(time.perf_counter() - start, 1),
        "threads": run.threads_total,
        "documents": LibraryDocument.objects.count(),
        "staff_comments": LibraryComment.objects.count(),
        "comments_with_an_answer": LibraryComment.objects.exclude(answer="").count(),
    }


def response_reader(corpus: Path) -> dict | None:
    if importlib.util.find_spec("tracker.parsing.response_corpus") is None:
        return None
    from tracker.parsing.response_corpus import measure

    truth = json.loads((ROOT / "scripts/eval/response_truth.json").read_text())["letters"]
    return measure(corpus, truth)


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else None
    if corpus is None or not corpus.is_dir() or not any(corpus.glob("*/*/*_upload.*")):
        print(f"No corpus of staff letters (*/*/*_upload.*) at {corpus}; give CORPUS=DIR.")
        print("Nothing measured.")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.pop("CELERY_BROKER_URL", None)  # the import runs in this process
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        report = {"database": connection.vendor, "corpus": import_corpus(corpus)}
        found = queries()
        report["follow_ups_citing_several"] = sum(len(q.answers) > 1 for q in found)
        report |= rankings(found)
        report["response_reader"] = response_reader(corpus)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
