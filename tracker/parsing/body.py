"""The letter body: where each numbered comment starts and ends, its headings and its text."""

import re
from dataclasses import dataclass, field

from .cleanup import PAGE_BREAK, SEPARATOR
from .doubts import Doubts
from .headings import CLOSING_RE, is_heading_like, merge_wrapped
from .pages import ends_with_page_ref
from .tables import is_table_row

COMMENT_START_RE = re.compile(
    r"^(?:comment\s+(?:no\.\s*)?(?P<a>\d+)\b[.:)\-–]?|(?P<b>\d+)[.)])(?:\s+(?P<rest>\S.*))?$",
    re.IGNORECASE,
)
# A number ending a wrapped line's predecessor is a reference, not a comment: "Note\n2. ...".
REFERENCE_WORDS = frozenset(
    [
        "note",
        "notes",
        "rule",
        "rules",
        "item",
        "items",
        "comment",
        "comments",
        "page",
        "pages",
        "no",
        "section",
        "level",
        "step",
        "exhibit",
        "topic",
        "question",
        "release",
        "footnote",
        "part",
        "form",
        "schedule",
        "article",
        "paragraph",
    ]
)
_TERMINAL = (".", "?", "!", ":", ";", ".”", '."', "”", '"', ")", ".)")
_MAX_JUMP = 3
_ADDRESS_RE = re.compile(r"\b(?:we|you|your|please|us|tell)\b", re.IGNORECASE)


@dataclass
class CommentSpan:
    number: int
    start: int
    headings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def is_blank(line: str) -> bool:
    return not line or line == PAGE_BREAK


def ends_sentence(line: str) -> bool:
    return line.endswith(_TERMINAL) and not line.endswith("...")


def _previous_text(lines: list[str], index: int) -> tuple[str, bool]:
    """The nearest non-blank line before ``index``, and whether a blank line came between."""
    gap = False
    for back in range(index - 1, -1, -1):
        if is_blank(lines[back]):
            gap = True
            continue
        return lines[back], gap
    return "", True


def _ends_with_reference_word(line: str) -> bool:
    words = line.rsplit(None, 1)
    return bool(words) and words[-1].rstrip(".").lower() in REFERENCE_WORDS


def _is_title(text: str) -> bool:
    """A heading's words: no "we", "you" or "please", which every comment addresses."""
    return is_heading_like(text) and not _ADDRESS_RE.search(text)


def _number(match: re.Match[str]) -> int:
    return int(match.group("a") or match.group("b"))


def find_comment_starts(
    lines: list[str], doubts: Doubts | None = None
) -> tuple[list[tuple[int, int]], list[str]]:
    """(line index, number) of each comment, and warnings about the numbering (also noted in
    ``doubts`` against the comment that breaks the sequence).

    A number is taken only when it is the next in sequence (or a small jump after a sentence
    end), so "1. Organization..." after comment 20 is a heading, not a comment.
    """
    starts: list[tuple[int, int]] = []
    warnings: list[str] = []
    numbered = [
        (i, m) for i, m in ((i, COMMENT_START_RE.match(text)) for i, text in enumerate(lines)) if m
    ]
    numbers = [_number(match) for _, match in numbered]
    repeats = _repeats_before_successor(numbers)
    for position, (index, match) in enumerate(numbered):
        number = numbers[position]
        expected = starts[-1][1] + 1 if starts else 1
        previous, gap = _previous_text(lines, index)
        if not gap and _ends_with_reference_word(previous):
            continue
        rest = match.group("rest") or ""
        verdict = _verdict(number, expected, rest, repeats[position], bool(starts))
        if verdict == "skip" or (verdict != "take" and not _opens(previous, gap, verdict)):
            continue
        if verdict != "take":
            warnings.append(verdict)
            if doubts is not None:
                doubts.note(number, verdict)
        starts.append((index, number))
    return starts, warnings


def _repeats_before_successor(numbers: list[int]) -> list[bool]:
    """For each numbered line, whether its number stands again further on before the next
    number does: read once from the end, so a long letter costs no more per comment."""
    repeats = [False] * len(numbers)
    seen_at: dict[int, int] = {}  # number -> its nearest position after the one being read
    for position in range(len(numbers) - 1, -1, -1):
        number = numbers[position]
        again, successor = seen_at.get(number), seen_at.get(number + 1)
        repeats[position] = again is not None and (successor is None or again < successor)
        seen_at[number] = position
    return repeats


def _verdict(number: int, expected: int, rest: str, repeats: bool, started: bool) -> str:
    """ "take", "skip", or the warning to record when the number breaks the sequence.

    ``repeats``: the same number stands again before the next one does."""
    if number == expected:
        # "1. Summary of Significant Accounting Policies" above the real comment 1.
        return "skip" if repeats and _is_title(rest) else "take"
    if not started or _is_title(rest) or (rest and is_heading_like(rest) and number == 1):
        return "skip"
    if expected < number <= expected + _MAX_JUMP:
        return f"Comment numbering skips from {expected - 1} to {number}."
    if number == 1 and rest:
        return f"Comment numbering restarts at 1 after comment {expected - 1}."
    return "skip"


def _opens(previous: str, gap: bool, warning: str) -> bool:
    """Whether an out-of-sequence number stands where a comment can begin."""
    if "restarts" in warning:
        return _is_title(previous)
    return gap or ends_sentence(previous)


def find_closing_start(lines: list[str], after: int) -> int:
    """Index of the first closing paragraph ("We remind you...", "Sincerely,") after ``after``."""
    for index in range(after + 1, len(lines)):
        line = lines[index]
        if not CLOSING_RE.match(line):
            continue
        previous, gap = _previous_text(lines, index)
        if gap or ends_sentence(previous) or line == SEPARATOR:
            return index
    return len(lines)


def split_trailing_headings(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split a stretch of lines into its text and the headings that close it."""
    end = len(lines)
    while end and is_blank(lines[end - 1]):
        end -= 1
    cut = end
    while cut and (is_blank(lines[cut - 1]) or _heading_or_wrap(lines, cut - 1, end)):
        cut -= 1
    # A heading-like line glued to an unfinished sentence is that sentence's last line,
    # unless it ends with a page reference, which only headings do.
    while cut < end and cut and not is_blank(lines[cut]) and not is_blank(lines[cut - 1]):
        if ends_sentence(lines[cut - 1]) or ends_with_page_ref(lines[cut]):
            break
        cut += 1
    headings = [line for line in lines[cut:end] if not is_blank(line)]
    return lines[:cut], merge_wrapped(headings)


def _heading_or_wrap(lines: list[str], index: int, end: int) -> bool:
    """A heading line, or the first line of a heading wrapped onto the next line."""
    line = lines[index]
    if is_heading_like(line):
        return True
    following = lines[index + 1] if index + 1 < end else ""
    return (
        bool(following)
        and following[:1].islower()
        and ends_with_page_ref(following)
        and not ends_sentence(line)
        and line[:1].isupper()
    )


def paragraphs(lines: list[str]) -> str:
    """Unwrapped text: paragraphs split by a blank line, bullets as lines starting "- ", and
    each table row ("| a | b |") on a line of its own."""
    units: list[tuple[bool, list[str]]] = []  # (is_bullet_or_row, its lines): joined at the end
    blank = True
    for line in lines:
        if is_blank(line) or line == SEPARATOR:
            blank = True
            continue
        bullet = line.startswith("- ") or is_table_row(line)
        if units and not bullet and _continues(units[-1][1][-1], line, blank):
            units[-1][1].append(line)
        else:
            units.append((bullet, [line]))
        blank = False
    return _render(units)


def _continues(previous: str, line: str, blank: bool) -> bool:
    if is_table_row(previous):
        return False
    if not blank:
        return True
    # Across a blank (often a page break) a sentence may carry on.
    return line[:1].islower() or not ends_sentence(previous) and not previous.endswith(":")


def _render(units: list[tuple[bool, list[str]]]) -> str:
    out: list[str] = []
    for bullet, parts in units:
        if out:
            out.append("\n" if bullet else "\n\n")
        out.append(" ".join(parts))
    return "".join(out).strip()
