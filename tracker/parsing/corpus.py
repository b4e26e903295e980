"""Parse every staff letter PDF of a corpus and report how well the parser did.

Run as ``python -m tracker.parsing.corpus [DIR]``; DIR defaults to ``../shared/corpus`` next to
the repository. A letter's one-line text saved beside its PDF (``*_upload.flat.txt``) is parsed
too and compared with the PDF's parse (see flat_compare).
"""

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ParseError
from .flat_compare import FlatTally, compare, summary
from .letters import parse_letter_file
from .model import ParsedLetter

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


@dataclass
class Tally:
    total: int = 0
    gapless: int = 0
    closing: int = 0
    no_review: int = 0
    contacts: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def gaps(numbers: list[int]) -> list[int]:
    """Numbers missing from a run that should count 1, 2, 3... (restarts count afresh)."""
    missing: list[int] = []
    expected = 1
    for number in numbers:
        if number == 1:
            expected = 1
        missing.extend(range(expected, number))
        expected = number + 1
    return missing


def measure(path: Path, root: Path, tally: Tally) -> tuple[str, ParsedLetter | None]:
    """The report line for one PDF, and its parse (None when it failed)."""
    tally.total += 1
    name = str(path.relative_to(root))
    try:
        letter = parse_letter_file(path.read_bytes())
    except ParseError as error:
        tally.failures.append((name, f"{type(error).__name__}: {error}"))
        return f"{name}  FAILED {type(error).__name__}: {error}", None
    numbers = [comment.number for comment in letter.comments]
    missing = gaps(numbers)
    if numbers and not missing:
        tally.gapless += 1
    tally.closing += letter.kind == "review_complete"
    tally.no_review += letter.kind == "no_review"
    tally.contacts += len(letter.contacts)
    warnings = "; ".join(letter.warnings) or "-"
    line = f"{name}  comments={len(numbers)}  gaps={missing or '-'}  kind={letter.kind}  {warnings}"
    return line, letter


def measure_flat(path: Path, root: Path, pdf: ParsedLetter, tally: FlatTally) -> list[str]:
    """Parse the one-line text saved beside a PDF and list where it differs from the PDF."""
    flat_path = path.with_name(path.name.removesuffix(".pdf") + ".flat.txt")
    if not flat_path.is_file():
        return []
    try:
        flat = parse_letter_file(flat_path.read_bytes())
    except ParseError:
        flat = None
    return compare(str(flat_path.relative_to(root)), pdf, flat, tally)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT_CORPUS.resolve()
    if not root.is_dir():
        print(f"No corpus folder at {root}; nothing to measure.")
        return 0
    tally, flat_tally, differences = Tally(), FlatTally(), []
    for path in sorted(root.rglob("*_upload.pdf")):
        line, letter = measure(path, root, tally)
        print(line)
        if letter is not None:
            differences += measure_flat(path, root, letter, flat_tally)
    _summary(tally)
    if flat_tally.letters:
        print()
        print("\n".join(differences or ["flat text: no differences from the PDFs"]))
        print()
        print("\n".join(summary(flat_tally)))
    return 0


def _summary(tally: Tally) -> None:
    print()
    print(f"letters: {tally.total}")
    print(f"with comments numbered 1..n without gaps: {tally.gapless}")
    print(f"closing (review complete) letters: {tally.closing}")
    print(f"no-review letters: {tally.no_review}")
    print(f"staff contacts named with a telephone number: {tally.contacts}")
    print(f"failures: {len(tally.failures)}")
    reasons = Counter(reason for _, reason in tally.failures)
    for reason, count in reasons.most_common():
        print(f"  {count} x {reason}")


if __name__ == "__main__":
    sys.exit(main())
