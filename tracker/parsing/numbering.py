"""Which inline numbers of a one-line letter start its comments, chosen for the whole letter.

Deciding each number from the word before it fails both ways: a comment after "2016." or
"Schedule 14A" is missed and every later comment folds into it, while "Levels 1 and 2." is
taken as a new comment. Instead every "N. " followed by a capital is a candidate, each gets a
score from what precedes and follows it, and the run 1..n with the best total is chosen by
dynamic programming, so one odd neighbour cannot swallow the rest of the letter.
"""

import re
from dataclasses import dataclass

from .body import REFERENCE_WORDS as BODY_REFERENCE_WORDS
from .doubts import Doubts, number_chosen
from .pages import ends_with_page_ref

# "N. " before a capital or a quote. The search starts at the period (the regex engine skips
# ahead to a literal); the number before it is read by hand (see _number_before).
_PERIOD_RE = re.compile(r"\.\s+(?=[A-Z“\"‘'(])")
_NOT_BEFORE_NUMBER = frozenset(".,$/-_")
# Words after which a number is a reference ("Note 2.", "Level 1."), never a comment.
REFERENCE_WORDS = BODY_REFERENCE_WORDS | {
    "nos",
    "levels",
    "forms",
    "amendment",
    "tier",
    "chapter",
    "table",
    "figure",
    "phase",
    "stage",
    "appendix",
    "annex",
}
# Words that join numbers into a list: "comments 1 and 2."
_LIST_WORDS = frozenset(["and", "or", "to", "through", "&", "nor", "of", "than", "with"])
_ADDRESS_RE = re.compile(r"\b(?:we|you|your|please|us|tell|refer)\b", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?<=[a-z]{2}[.?!])\s")
_TERMINAL_RE = re.compile(r"[.?!:;][”\"’')\]]*$|\)$")
# Standing in the run 1..n is itself evidence, and a letter with comments has a comment 1.
_IN_SEQUENCE = 1.0
_FIRST = 2.0
_MIN_COMMENT = 20  # characters: a comment is at least a short sentence long


# Compared by identity (no two stand at the same place): the choice keys a dict by candidate,
# and a generated hash of four fields would be worked out on every lookup.
@dataclass(frozen=True, eq=False)
class Candidate:
    number: int
    start: int  # where "N." begins
    end: int  # where the comment's text begins
    score: float


def candidates(text: str) -> list[Candidate]:
    """Every "N. " that could open a comment, scored by its surroundings."""
    found = []
    for match in _PERIOD_RE.finditer(text):
        start = _number_before(text, match.start())
        if start < 0:
            continue
        number = int(text[start : match.start()])
        score = _IN_SEQUENCE + (_FIRST if number == 1 else 0.0)
        score += _score_before(text[max(0, start - 80) : start])
        score += _score_after(text[match.end() : match.end() + 240])
        found.append(Candidate(number, start, match.end(), score))
    return found


def _number_before(text: str, period: int) -> int:
    """Where the number (1 to 9999) ending at ``period`` starts, or -1: none, or one glued to
    a word, a decimal or an amount ("Rule 10b-5.", "3.5.", "$4.")."""
    start = period
    while start > 0 and period - start < 5 and "0" <= text[start - 1] <= "9":
        start -= 1
    if start == period or period - start > 4 or int(text[start:period]) == 0:
        return -1
    before = text[start - 1] if start else " "
    return -1 if before.isalnum() or before in _NOT_BEFORE_NUMBER else start


def _score_before(before: str) -> float:
    before = before.rstrip()
    if not before:
        return 2.0
    if ends_with_page_ref(before):
        return 3.0  # a heading's page reference: "Use of Proceeds, page 29"
    words = before.split()
    last = words[-1]
    bare = last.lower().strip("“”\"'(),")
    if bare in REFERENCE_WORDS:
        # "see comments 1." refers; "General Comments 1." may end a heading.
        return -3.0 if last[:1].isupper() else -6.0
    if _TERMINAL_RE.search(last):
        return 2.0
    if bare in _LIST_WORDS or last.endswith(","):
        return -4.0
    if last[:1].islower():
        return -3.0  # the middle of a sentence
    if any(char.isdigit() for char in last):
        # "Schedule 14A 1. We note" ends a heading; "Rule 10b-5 1." is a rule's number.
        previous = words[-2].lower() if len(words) > 1 else ""
        return -1.5 if previous in REFERENCE_WORDS - {"form", "schedule"} else -0.5
    return 0.5  # a heading's last word: "Exhibits 1. Your Exhibit 21..."


def _score_after(after: str) -> float:
    sentence = _SENTENCE_END_RE.split(after, maxsplit=1)[0]
    return 2.0 if _ADDRESS_RE.search(sentence) else -1.5


def choose_numbering(text: str, doubts: Doubts | None = None) -> list[Candidate]:
    """The comment starts 1..n that best explain ``text``; empty when none is convincing.

    Notes in ``doubts`` each comment whose number also stood, convincingly, somewhere else.

    Linear in the number of candidates: those numbered n are matched against those numbered
    n - 1 with one pass of two pointers over positions.
    """
    groups: dict[int, list[Candidate]] = {}
    for candidate in candidates(text):
        groups.setdefault(candidate.number, []).append(candidate)
    best: dict[Candidate, tuple[float, Candidate | None]] = {}
    previous: list[Candidate] = []
    number = 1
    while number in groups:
        current = groups[number]
        if number == 1:
            for candidate in current:
                best[candidate] = (candidate.score, None)
        else:
            _link(previous, current, best)
        previous = [c for c in current if c in best]
        if not previous:
            break
        number += 1
    chain = _backtrack(best)
    if doubts is not None:
        _note_rivals(chain, groups, doubts)
    return chain


def _note_rivals(
    chain: list[Candidate], groups: dict[int, list[Candidate]], doubts: Doubts
) -> None:
    """A chosen start with rivals scored as likely starts: the choice is for a person to see."""
    for chosen in chain:
        rivals = [c for c in groups[chosen.number] if c is not chosen and c.score > _IN_SEQUENCE]
        if rivals:
            doubts.note(chosen.number, number_chosen(chosen.number, len(rivals)))


def _link(
    previous: list[Candidate],
    current: list[Candidate],
    best: dict[Candidate, tuple[float, Candidate | None]],
) -> None:
    pointer, top, top_at = 0, float("-inf"), None
    for candidate in current:
        while pointer < len(previous) and previous[pointer].end + _MIN_COMMENT <= candidate.start:
            total = best[previous[pointer]][0]
            if total > top:
                top, top_at = total, previous[pointer]
            pointer += 1
        if top_at is not None:
            best[candidate] = (top + candidate.score, top_at)


def _backtrack(best: dict[Candidate, tuple[float, Candidate | None]]) -> list[Candidate]:
    if not best:
        return []
    # On a tie the shorter run wins: a number must add evidence to become a comment.
    last = max(best, key=lambda c: (best[c][0], -c.number))
    if best[last][0] <= 0:
        return []
    chain = []
    at: Candidate | None = last
    while at is not None:
        chain.append(at)
        at = best[at][1]
    return chain[::-1]
