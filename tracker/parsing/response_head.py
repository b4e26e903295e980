"""The head and the frame of a response letter: its date, the company, the staff letter it
answers (by that letter's date), and where its body begins and ends.

Pure Python, over the letter's lines (response_style.Line).
"""

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DATE_RE, date_from_match
from .response_style import CC_RE, RE_RE, SALUTATION_RE, SIGN_OFF_RE, Line

_HEAD = 40  # the date and the Re: block come within the first lines
# The staff letter answered: "your letter dated June 3, 2019", "the comment letter, dated ...",
# "your letter of June 3, 2019", "your June 3, 2019 letter", "dated June 3, 2019 (the
# "Comment Letter")". The words between are few; a filing's date ("filed on ...") is not it.
_LETTER_WORDS = r"(?:comment\s+)?letters?|correspondence|comments"
_BEFORE_RE = re.compile(rf"\b(?:{_LETTER_WORDS})\b[^.;]{{0,80}}?\b(?:dated|of|on)\s*,?\s*$", re.I)
_AFTER_RE = re.compile(rf"^[\s,)]*(?:\(the\s+[“\"]?)?(?:staff['’]s\s+)?(?:{_LETTER_WORDS})\b", re.I)
_FILED_RE = re.compile(r"\b(?:filed|ended|submitted|furnished|amended)\b[^.;]{0,30}$", re.I)
_COMPANY_RE = re.compile(
    r"(?:^|on\s+behalf\s+of\s+(?:our\s+client,?\s+)?)(?P<name>[A-Z][\w&.,'’\- ]{2,80}?)"
    r"\s*\((?:together\s+with\s+its\s+\w+\s*,\s*)?(?:the\s+)?[“\"](?:Company|Registrant|Corporation)",
)


@dataclass
class Frame:
    date: dt.date | None
    company: str
    answers_letter_of: dt.date | None
    body: list[Line]  # from after the salutation to before the sign-off


def read_frame(lines: list[Line]) -> Frame:
    salutation = next(
        (i for i, line in enumerate(lines[: _HEAD * 2]) if SALUTATION_RE.match(line.text)), None
    )
    start = salutation + 1 if salutation is not None else _first_long(lines)
    end = _sign_off(lines, start)
    head = lines[:start]
    opening = " ".join(line.text for line in lines[max(0, start - 12) : start + 12])
    return Frame(
        date=_letter_date(head or lines[:_HEAD]),
        company=_company(head, opening),
        answers_letter_of=letter_answered(opening),
        body=lines[start:end],
    )


def _first_long(lines: list[Line]) -> int:
    return next((i for i, line in enumerate(lines[:_HEAD]) if len(line.text) > 200), 0)


def _sign_off(lines: list[Line], start: int) -> int:
    """The sign-off's line (the last short one), else a cc list's, else the letter's end."""
    found = [
        i
        for i, line in enumerate(lines)
        if i > start and len(line.text) < 60 and SIGN_OFF_RE.match(line.text)
    ]
    if found:
        return found[-1]
    cc = next((i for i, line in enumerate(lines) if i > start and CC_RE.match(line.text)), None)
    return cc if cc is not None else len(lines)


def _letter_date(head: list[Line]) -> dt.date | None:
    """The first line of the head that is a date, or starts with one."""
    for line in head[:_HEAD]:
        match = DATE_RE.match(line.text.strip())
        if match and len(line.text) < 40:
            found = date_from_match(match)
            if found:
                return found
    return None


def letter_answered(text: str) -> dt.date | None:
    """The date of the staff letter the opening names as the one it answers."""
    text = " ".join(text.split())
    for match in DATE_RE.finditer(text):
        before, after = text[max(0, match.start() - 120) : match.start()], text[match.end() :]
        if _FILED_RE.search(before[-40:]):
            continue
        if _BEFORE_RE.search(before) or _AFTER_RE.match(after[:40]):
            found = date_from_match(match)
            if found:
                return found
    return None


def _company(head: list[Line], opening: str) -> str:
    """The registrant named first in the Re: block, else the one the opening defines."""
    for i, line in enumerate(head):
        if RE_RE.match(line.text):
            rest = RE_RE.sub("", line.text, count=1).strip()
            name = rest or (head[i + 1].text if i + 1 < len(head) else "")
            if name and not re.match(r"(?:form|registration|file|request)\b", name, re.I):
                return _tidy_name(name)
    match = _COMPANY_RE.search(opening)
    return _tidy_name(match.group("name")) if match else ""


def _tidy_name(name: str) -> str:
    name = re.split(r"\s+(?:Form|Registration\s+Statement|File\s+No|Schedule)\b", name)[0]
    return name.strip(" ,;:")
