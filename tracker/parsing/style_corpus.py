"""How many real response letters the letter style reproduces: `make letter-styles CORPUS=DIR`.

Run as ``python -m tracker.parsing.style_corpus [DIR]``; DIR defaults to ``../shared/corpus``
next to the repository and holds ``<ticker>/<review>/*_corresp.htm``. Not part of the tests.

Each letter is read (response_style.read_response_letter) for its elements in order and its
conventions. It is reproduced when the style's settings give the same conventions and our
export prints its elements in the same order:
- the salutation is "Dear Mr./Ms. ..." or "Ladies and Gentlemen:";
- the sign-off is one the style offers (letter case aside), or there is none (the style's
  "no complimentary close");
- its elements come in the order the export prints them (those it lacks aside);
- for a keyed letter (one reciting the staff's comments), the recital's emphasis is one the
  style offers and so is the response label, or it has none.
Letters reciting no comment (acceleration requests, cover letters, letters giving information)
are counted apart: only the salutation, sign-off and order apply to them.
"""

import sys
from collections import Counter
from pathlib import Path

from .response_style import (
    RECITALS,
    RESPONSE_LABELS,
    SALUTATIONS,
    SIGN_OFFS,
    Reading,
    in_our_order,
    read_response_letter,
)

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
_SIGN_OFFS = {phrase.lower().rstrip(",") for phrase in SIGN_OFFS}
_LABELS = set(RESPONSE_LABELS.values())


def misses(reading: Reading) -> list[str]:
    """What the style cannot reproduce of this letter (empty: it reproduces it)."""
    found = []
    if reading.salutation not in SALUTATIONS:
        found.append(f"salutation {reading.salutation_text or 'none'!r}")
    if reading.sign_off and reading.sign_off.lower().rstrip(",.") not in _SIGN_OFFS:
        found.append(f"sign-off {reading.sign_off or 'none'!r}")
    if not in_our_order(reading.elements):
        found.append("order " + " ".join(reading.elements))
    if reading.keyed and reading.recital not in RECITALS:
        found.append(f"recital in {reading.recital}")
    if reading.keyed and reading.label not in _LABELS:
        found.append(f"label {reading.label!r}")
    return found


def report(root: Path) -> tuple[list[str], int, int]:
    """The report's lines, the letters reproduced and the letters read."""
    paths = sorted(root.glob("*/*/*_corresp.htm"))
    lines, reproduced, tally = [], 0, Counter()
    for path in paths:
        reading = read_response_letter(path.read_bytes())
        missed = misses(reading)
        reproduced += not missed
        kind = "keyed" if reading.keyed else "not keyed"
        tally[kind, not missed] += 1
        tally.update(conventions(reading))
        verdict = "ok" if not missed else "MISSES " + "; ".join(missed)
        lines.append(f"{path.relative_to(root)}  {kind}  {' '.join(reading.elements)}  {verdict}")
    lines += summary(tally)
    return lines, reproduced, len(paths)


def conventions(reading: Reading) -> list[str]:
    found = [f"salutation {reading.salutation}", f"sign-off {reading.sign_off.lower()}"]
    if reading.keyed:
        found += [f"recital {reading.recital}", f"label {reading.label or '(none)'}"]
    return found + ["Rule 83"] * reading.rule_83


def summary(tally: Counter) -> list[str]:
    lines = [""]
    for kind in ("keyed", "not keyed"):
        done, total = tally[kind, True], tally[kind, True] + tally[kind, False]
        lines.append(f"{kind}: {done} of {total} reproduced")
    counts = [(key, n) for key, n in tally.items() if isinstance(key, str)]
    lines += [f"  {key}: {n}" for key, n in sorted(counts)]
    return lines


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not root.is_dir() or not any(root.glob("*/*/*_corresp.htm")):
        print(f"No corpus of response letters (*/*/*_corresp.htm) at {root}; nothing measured.")
        return 0
    lines, reproduced, total = report(root)
    print("\n".join(lines))
    print(f"\nThe letter style reproduces {reproduced} of {total} response letters.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
