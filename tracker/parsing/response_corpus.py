"""How well the response-letter reader does on filed letters: `make response-corpus CORPUS=DIR`.

Run as ``python -m tracker.parsing.response_corpus CORPUS TRUTH``. CORPUS holds
``<ticker>/<review>/<accession>_corresp.htm``; TRUTH is a JSON file read by hand
(scripts/eval/response_truth.json): for each letter its kind, and for each keyed answer its
comment number; the letters marked ``hand_checked`` also give the letter's date, the date of the
staff letter answered and the first six words of each answer (lowercased, letters and digits).
Prints one JSON object: letters read, keyed answers in the truth, the share split and matched to
the right comment number, the share of kinds right, dates right, and the letters that fall short.
Not part of the tests.
"""

import json
import re
import sys
from pathlib import Path

from .errors import ParseError
from .response_letters import ParsedResponse, read_response_file

WORDS = 6


def first_words(text: str) -> str:
    """The text's first words as the truth gives them: lowercased, letters and digits only."""
    return " ".join(re.findall(r"\w+", text.lower().replace("’", "'"))[:WORDS])


def matched(truth: dict, parsed: ParsedResponse) -> int:
    """How many of the truth's answers the parse has under the same number (and, where the
    truth gives them, with the same first words)."""
    found = {answer.number: first_words(answer.text) for answer in parsed.answers}
    return sum(
        answer["number"] in found and answer.get("first_words") in (None, found[answer["number"]])
        for answer in truth["answers"]
    )


def measure(root: Path, truth: list[dict]) -> dict:
    report = {"letters": 0, "answers": 0, "answers_matched": 0, "kinds_right": 0}
    dates = {"checked": 0, "date_right": 0, "answers_letter_of_right": 0}
    short: list[dict] = []
    for entry in truth:
        paths = list(root.glob(f"*/*/{entry['accession']}_corresp.htm"))
        if not paths:
            continue
        try:
            parsed = read_response_file(paths[0].read_bytes())
        except ParseError as error:
            parsed = ParsedResponse(warnings=[str(error)])
        report["letters"] += 1
        report["answers"] += len(entry["answers"])
        hits = matched(entry, parsed)
        report["answers_matched"] += hits
        report["kinds_right"] += parsed.kind == entry["kind"]
        misses = _misses(entry, parsed, hits)
        if entry.get("hand_checked"):
            dates["checked"] += 1
            dates["date_right"] += "date" not in misses
            dates["answers_letter_of_right"] += "answers_letter_of" not in misses
        if misses:
            short.append({"accession": entry["accession"], "thread": entry["thread"], **misses})
    return _summary(report, dates, short)


def _misses(entry: dict, parsed: ParsedResponse, hits: int) -> dict:
    misses: dict = {}
    if parsed.kind != entry["kind"]:
        misses["kind"] = [entry["kind"], parsed.kind]
    if hits < len(entry["answers"]) or len(parsed.answers) > len(entry["answers"]):
        misses["answers"] = {
            "truth": [answer["number"] for answer in entry["answers"]],
            "read": [answer.number for answer in parsed.answers],
            "matched": hits,
        }
    if entry.get("hand_checked"):
        for key in ("date", "answers_letter_of"):
            read = getattr(parsed, key)
            if (str(read) if read else None) != entry.get(key):
                misses[key] = [entry.get(key), str(read) if read else None]
    return misses


def _summary(report: dict, dates: dict, short: list[dict]) -> dict:
    def share(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    return {
        "letters_read": report["letters"],
        "keyed_answers_in_truth": report["answers"],
        "answers_matched": share(report["answers_matched"], report["answers"]),
        "kinds_right": share(report["kinds_right"], report["letters"]),
        "hand_checked_letters": dates["checked"],
        "dates_right": share(dates["date_right"], dates["checked"]),
        "answered_letter_dates_right": share(dates["answers_letter_of_right"], dates["checked"]),
        "short": short,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("Usage: python -m tracker.parsing.response_corpus CORPUS TRUTH")
        return 2
    root, truth_path = Path(args[0]), Path(args[1])
    if not root.is_dir() or not any(root.glob("*/*/*_corresp.htm")):
        print(f"No corpus of response letters (*/*/*_corresp.htm) at {root}; nothing measured.")
        return 0
    truth = json.loads(truth_path.read_text())["letters"]
    print(json.dumps(measure(root, truth), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
