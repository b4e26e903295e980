"""A letter to the staff (a CORRESP: ours) uploaded where the staff's own letter belongs.

The company or its counsel writes to the Division of Corporation Finance; the staff write to
the company. Their letters look alike (date, addressee, Re: block, numbered comments), but a
letter to the staff is addressed to the Commission after its date (a staff letter prints the
Commission above the date, as its letterhead), speaks of the staff in the third person ("the
comments of the Staff", "the Staff's letter"), answers each recited comment under a
"Response:" label, opens "On behalf of ... we respond", calls what it says "the Company's
response", or asks that a filing be declared effective. A staff letter says none of these: the
staff write "we", "our comments" and "your response". Two signs (or one twice over) make a
letter to the staff; one alone may be a staff letter quoting one.
"""

import re

from .dates import DATE_RE
from .errors import ResponseLetter

# Each sign: a keyword it holds, how far it reaches before and after it, and its pattern.
_SIGNS = {
    "staff in the third person": (
        "staff",
        (30, 40),
        re.compile(
            r"\b(?:comments?|letter|request)\s+of\s+the\s+Staff\b|"
            r"\bthe\s+Staff['’]s\s+(?:comments?|letter|request|review|questions?|concerns?)\b|"
            r"\bStaff['’]s\s+comment\s+letter\b|\(the\s+[“\"]Staff[”\"]\)",
            re.IGNORECASE,
        ),
    ),
    "a response label": (
        "response",
        (40, 60),
        re.compile(
            r"(?:^|[\s\]).])(?:(?:The\s+)?Company['’]s\s+|Our\s+)?Responses?"
            r"(?:\s+to\s+(?:Staff\s+)?Comment(?:\s+No\.)?\s*\d+)?\s*[:–—]",
        ),
    ),
    "on behalf of the company": (
        "behalf",
        (10, 360),
        re.compile(
            r"\bOn\s+behalf\s+of\s+[^.]{1,150}?\b(?:we|I)\s+(?:are\s+|am\s+|hereby\s+|have\s+)?"
            r"(?:respond|submit|submitting|responding|provide|providing|set\s+forth|file|filing)",
            re.IGNORECASE,
        ),
    ),
    "the company's own response": (
        "response",
        (40, 40),
        re.compile(
            r"\b(?:the\s+Company['’]s|our|Registrant['’]s)\s+responses?\s+(?:to|is|are|in|follows?)\b|"
            r"\bfollowed\s+by\s+(?:the\s+Company['’]s|our)\s+responses?\b",
            re.IGNORECASE,
        ),
    ),
    "a request to declare a filing effective": (
        "request",
        (5, 60),
        re.compile(
            # "hereby requests that the effective date ... be accelerated"; the staff's own
            # "Refer to Rule 461 regarding requests for acceleration" asks nothing.
            r"\brequests?\s+(?:that\s+the\s+effective\s+date|(?:the\s+)?acceleration\s+of)\b",
            re.IGNORECASE,
        ),
    ),
}
# The company writes to the Commission: its name follows the letter's date, as the addressee.
# (A staff letter prints the Commission above the date, as its letterhead.)
_COMMISSION_RE = re.compile(r"Securities\s+and\s+Exchange\s+Commission", re.IGNORECASE)
_LETTERHEAD = 500  # characters before the date: a company's name and address, a logo
_ADDRESSEE = 300  # characters after the date: delivery, the person, the Commission
_ENOUGH = 2
# The signs show early: the opening paragraph and the first answers are enough to read.
_READ = 30_000


def refuse_response_letter(text: str) -> None:
    """Raise ResponseLetter when ``text`` is a response to the staff rather than their letter."""
    if response_signs(text) >= _ENOUGH:
        raise ResponseLetter()


def response_signs(text: str) -> int:
    """How many of the response letter's signs ``text`` shows; a label used twice counts two."""
    head = text[:_READ]
    lower = head.lower()
    found = _ENOUGH if addressed_to_the_commission(head) else 0
    for name, (keyword, reach, pattern) in _SIGNS.items():
        most = _ENOUGH if name == "a response label" else 1
        found += _hits(head, lower, (keyword, reach, pattern), most)
    return found


def _hits(head: str, lower: str, sign: tuple[str, tuple[int, int], re.Pattern], most: int) -> int:
    """Matches of a sign's pattern (up to ``most``), sought only within its reach (characters
    before and after) of its keyword: a letter says "staff" or "response" a few times, and
    reading only there keeps this fast."""
    keyword, (before, after_keyword), pattern = sign
    hits, after, at = 0, 0, lower.find(keyword)
    while at >= 0 and hits < most:
        match = pattern.search(head, max(after, at - before), at + len(keyword) + after_keyword)
        if match:
            hits, after = hits + 1, match.end()
        at = lower.find(keyword, max(at + 1, after))
    return hits


def addressed_to_the_commission(text: str) -> bool:
    """Whether the Commission is the letter's addressee: named after the date, before "Re:"."""
    opening = re.sub(r"\s+", " ", text[: _LETTERHEAD * 4])
    date = DATE_RE.search(opening, 0, _LETTERHEAD)
    if date is None:
        return False
    addressee = re.split(r"\bRe\s*:", opening[date.end() : date.end() + _ADDRESSEE])[0]
    return bool(_COMMISSION_RE.search(addressee))
