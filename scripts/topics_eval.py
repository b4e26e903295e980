"""`make topics-eval CORPUS=DIR`: precision and recall of the topic rules against the hand
labels in scripts/eval/topic_labels.json. Prints JSON.

Each labelled staff letter is read from DIR (TICKER/THREAD/ACCESSION_upload.pdf) by the letter
parser, the demo's seed letter from ../shared/seeds; each labelled comment's topics are
assigned by tracker.parsing.topic_rules.topics_of (with its embedding, as the app does) and
compared with the hand labels. Precision and recall are micro-averaged over (comment, topic)
pairs; each topic's own figures are given with its number of labels. The "held_out" set is the
measure; the "tuning" set is what the rules were written against.

`--mismatches tuning` lists the tuning comments whose topics differ, for the next round of
rules (never the held-out ones: reading those would tune on them).
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "scripts" / "eval" / "topic_labels.json"
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> int:
    options = arguments()
    corpus = Path(options.corpus) if options.corpus else None
    if corpus is None or not corpus.is_dir():
        print(
            "topics-eval: no corpus. Give the folder of EDGAR review threads: "
            "make topics-eval CORPUS=../shared/corpus",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(ROOT))
    labels = json.loads(LABELS.read_text())["labels"]
    assigned = assign(labels, corpus)
    figures = {name: measure(labels, assigned, name) for name in ("tuning", "held_out")}
    print(json.dumps(figures, indent=2))
    if options.mismatches == "tuning":
        for label in labels:
            key = (label["letter"], label["number"])
            if label["set"] == "tuning" and set(label["topics"]) != set(assigned[key]):
                print(
                    f"{key}: labelled {label['topics']}, assigned {assigned[key]}", file=sys.stderr
                )
    return 0


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="")
    parser.add_argument("--mismatches", choices=["tuning"])
    return parser.parse_args()


def assign(labels: list[dict], corpus: Path) -> dict[tuple[str, int], list[str]]:
    """Each labelled comment's topics as the rules give them."""
    from tracker.parsing.embedding import comment_text, embed
    from tracker.parsing.topic_rules import topics_of

    assigned = {}
    for letter_name in sorted({label["letter"] for label in labels}):
        comments = {comment.number: comment for comment in read_letter(letter_name, corpus)}
        wanted = [label["number"] for label in labels if label["letter"] == letter_name]
        vectors = embed([comment_text(comments[n].headings, comments[n].text) for n in wanted])
        for number, vector in zip(wanted, vectors, strict=True):
            comment = comments[number]
            assigned[(letter_name, number)] = topics_of(comment.headings, comment.text, vector)
    return assigned


def read_letter(name: str, corpus: Path) -> list:
    from tracker.parsing.letters import parse_letter, parse_letter_file

    if name.startswith("seeds/"):
        return parse_letter((SEEDS / name.removeprefix("seeds/")).read_text()).comments
    return parse_letter_file((corpus / name).read_bytes()).comments


def measure(labels: list[dict], assigned: dict, name: str) -> dict:
    """Micro precision and recall over one set, and each topic's."""
    right, given, wanted = Counter(), Counter(), Counter()
    chosen = [label for label in labels if label["set"] == name]
    for label in chosen:
        truth, found = set(label["topics"]), set(assigned[(label["letter"], label["number"])])
        for topic in found:
            given[topic] += 1
            right[topic] += topic in truth
        for topic in truth:
            wanted[topic] += 1
    return {
        "comments": len(chosen),
        "precision": ratio(sum(right.values()), sum(given.values())),
        "recall": ratio(sum(right.values()), sum(wanted.values())),
        "exactly_right": sum(
            set(label["topics"]) == set(assigned[(label["letter"], label["number"])])
            for label in chosen
        ),
        "topics": {
            topic: {
                "labels": wanted[topic],
                "precision": ratio(right[topic], given[topic]),
                "recall": ratio(right[topic], wanted[topic]),
            }
            for topic in sorted(set(wanted) | set(given))
        },
    }


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


if __name__ == "__main__":
    sys.exit(main())
