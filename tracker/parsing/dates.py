"""Dates as the staff prints them: "December 17, 2009", "Dec. 17, 2009", "December 17,2009"."""

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

DATE_PATTERN = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?P<day>\d{1,2}),?\s*"
    r"(?P<year>(?:19|20)\d\d)\b"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
DATE_LINE_RE = re.compile(r"^\s*" + DATE_PATTERN + r"\s*$", re.IGNORECASE)


def date_from_match(match: re.Match[str]) -> date | None:
    try:
        month = MONTHS[match.group("month").lower()]
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first valid date printed in ``text``."""
    for match in DATE_RE.finditer(text):
        found = date_from_match(match)
        if found:
            return found
    return None


def is_date_line(line: str) -> bool:
    return DATE_LINE_RE.match(line) is not None
