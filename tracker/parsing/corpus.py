"""Parse every staff letter PDF of a corpus and report how well the parser did.

Run as ``python -m tracker.parsing.corpus [DIR]``; DIR defaults to ``../shared/corpus`` next to
the repository.
"""

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ParseError
from .letters import parse_letter_file

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


def measure(path: Path, root: Path, tally: Tally) -> str:
    tally.total += 1
    name = str(path.relative_to(root))
    try:
        letter = parse_letter_file(path.read_bytes())
    except ParseError as error:
        tally.failures.append((name, f"{type(error).__name__}: {error}"))
        return f"{name}  FAILED {type(error).__name__}: {error}"
    numbers = [comment.number for comment in letter.comments]
    missing = gaps(numbers)
    if numbers and not missing:
        tally.gapless += 1
    tally.closing += letter.kind == "review_complete"
    tally.no_review += letter.kind == "no_review"
    tally.contacts += len(letter.contacts)
    warnings = "; ".join(letter.warnings) or "-"
    return f"{name}  comments={len(numbers)}  gaps={missing or '-'}  kind={letter.kind}  {warnings}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT_CORPUS.resolve()
    if not root.is_dir():
        print(f"No corpus folder at {root}; nothing to measure.")
        return 0
    tally = Tally()
    for path in sorted(root.rglob("*_upload.pdf")):
        print(measure(path, root, tally))
    _summary(tally)
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
