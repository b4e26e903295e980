"""Whether the staff ask the company, in its response, for the written acknowledgment statement.

Staff letters up to about 2016 closed with it: "In connection with responding to our comments,
please provide, in writing, a statement from the company acknowledging that: the company is
responsible for the adequacy and accuracy of the disclosure in the filing; staff comments or
changes to disclosure in response to staff comments do not foreclose the Commission from taking
any action with respect to the filing; and the company may not assert staff comments as a
defense in any proceeding initiated by the Commission or any person under the federal
securities laws of the United States." The words vary from office to office and year to year,
so the rule reads what is asked rather than one wording:

- a sentence asking for an acknowledgment ("acknowledging that", "acknowledges that") followed
  within a few sentences by at least two of its three points (responsible for the adequacy and
  accuracy; does not foreclose the Commission; may not assert staff comments as a defense);
- unless that sentence ties it to a request for acceleration of effectiveness: registration
  statement letters ask for the same points "at the time of such request", in the letter
  requesting acceleration, not in the response;
- or a comment reminding the company that the acknowledgment it was asked for is missing
  ("please provide the written acknowledgments requested in our prior letter").
"""

import re
from bisect import bisect_left

_ASKED_RE = re.compile(r"\backnowledg(?:ing|es?|ment)\b", re.IGNORECASE)
_POINTS = (
    re.compile(
        r"responsib\w*\s+for\s+the\s+(?:adequacy\s+and\s+accuracy|accuracy\s+and\s+adequacy)"
    ),
    re.compile(r"not\s+foreclose\s+the\s+Commission"),
    re.compile(r"not\s+assert\s+(?:the\s+)?staff(?:'s|\u2019s)?\s+comments"),
)
_SENTENCE_END_RE = re.compile(r"[.;] ")
_POINTS_WITHIN = 1200  # characters after the asking sentence: the three points and a little more
_ACCELERATION_RE = re.compile(
    r"\bacceleration\b|\brequests?\s+(?:that\s+)?(?:the\s+)?effective|at\s+the\s+time\s+of\s+such"
    r"\s+request",
    re.IGNORECASE,
)
_REMINDER_RE = re.compile(
    r"\b(?:provide|furnish|include|submit)\b[^.]{0,120}\backnowledg\w*[^.]{0,120}"
    r"\b(?:requested|asked\s+for|prior|previous|earlier)\b",
    re.IGNORECASE,
)


def asks_acknowledgment(text: str) -> bool:
    """True when `text` (the letter's comments and closing) asks for the acknowledgment in the
    company's response; see the module's docstring for the rule.

    Linear in the text: each phrase is searched for once, not once per "acknowledging"; a
    letter that never says "acknowledg..." (most since 2016) is not searched at all."""
    if "acknowledg" not in text.lower():
        return False  # both the asking sentence and the reminder say it
    flat = re.sub(r"\s+", " ", text).replace("\u2019", "'")
    if _REMINDER_RE.search(flat):
        return True
    points = [_starts(point, flat) for point in _POINTS]
    acceleration = _starts(_ACCELERATION_RE, flat)
    sentence_ends = _starts(_SENTENCE_END_RE, flat)
    for match in _ASKED_RE.finditer(flat):
        at = match.start()
        # The asking sentence: from the last sentence end before it, at most 400 characters.
        before = bisect_left(sentence_ends, at)
        lead_start = max(at - 400, sentence_ends[before - 1] if before else 0)
        if _any_within(acceleration, lead_start, at):
            continue
        if sum(_any_within(found, at, at + _POINTS_WITHIN) for found in points) >= 2:
            return True
    return False


def _starts(pattern: re.Pattern, text: str) -> list[int]:
    return [match.start() for match in pattern.finditer(text)]


def _any_within(positions: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of positions has one in [start, end)."""
    return bisect_left(positions, start) < bisect_left(positions, end)
