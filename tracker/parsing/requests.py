"""What each comment asks for, and which earlier comments it follows up."""

import re

from .dates import DATE_PATTERN, find_date

_REVISE_VERBS = (
    r"(?:revise|disclose|expand|clarify|add|amend|include|discuss|quantify|describe|balance|"
    r"remove|delete|re-?file|present|enlarge|identify|define|update|elaborate|specify|"
    r"highlight|reconcile|file|state|address|consider (?:revising|disclosing|expanding|adding|"
    r"providing|including))\b"
)


# Each phrase starts with a literal word and is searched for in the lower-cased text, where
# the regex engine skips ahead to that word (a leading \b or a case-blind search would try
# every position); the word's start is checked by hand (see _found).
def _phrases(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


_REVISE = _phrases(
    r"please\s+(?:also\s+|further\s+|briefly\s+|specifically\s+|either\s+|clearly\s+|"
    r"separately\s+|prominently\s+|more\s+clearly\s+)?" + _REVISE_VERBS,
    r"please\s+(?:also\s+)?provide\s+(?:a\s+|an\s+|more\s+)?(?:discussion|disclosure)\b",
    r"and\s+" + _REVISE_VERBS,
    r"also\s+" + _REVISE_VERBS,
    r"revise\b",
    r"in (?:your )?future filings\b",
)
# An imperative opening a sentence or a bullet: "Disclose the rationale..."
_IMPERATIVE = r"(?:also,?\s+|in addition,?\s+|further,?\s+|additionally,?\s+)?" + _REVISE_VERBS
_IMPERATIVE_AFTER_RE = re.compile(r"[.;:]\s+" + _IMPERATIVE + r"|\n- ?" + _IMPERATIVE)
_IMPERATIVE_RE = re.compile(_IMPERATIVE)
_TELL_US = _phrases(
    r"tell us\b",
    r"advise us\b",
    r"please advise\b",
    r"or advise\b",
    r"provide us with\b",
    r"(?:describe|explain|show|represent) to us\b",
    r"help us understand\b",
)
_SUPPLEMENTAL = _phrases(
    r"supplementally\b",
    r"supplemental (?:information|materials?|copy|copies)\b",
    r"provide us (?:with )?(?:a )?cop(?:y|ies)\b",
    r"furnish (?:to )?us\b",
    r"send us\b",
)
# "explain" asks us, unless it is "revise your disclosure to explain".
_EXPLAIN_RE = re.compile(r"explain\b")
_CONFIRM = _phrases(r"confirm\b")
_PRIOR_RE = re.compile(
    r"\bcomments?\s+(?:nos?\.?\s*)?(?P<numbers>\d+(?:\s*(?:,|and|&|through|to|-|–)\s*\d+)*)",
    re.IGNORECASE,
)
_PRIOR_CONTEXT_RE = re.compile(
    r"prior|previous|earlier|response|reissue|our|refer|letter dated|follow", re.IGNORECASE
)
# "our letter dated May 5, 2020", "our comment letter of May 5, 2020", "our May 5, 2020 letter".
_LETTER_DATE_RES = (
    re.compile(r"\bletter\s+(?:dated|of)\s+" + DATE_PATTERN, re.IGNORECASE),
    re.compile(r"\bour\s+" + DATE_PATTERN + r"\s+(?:comment\s+)?letter\b", re.IGNORECASE),
)


def request_types(text: str) -> list[str]:
    """The kinds of answer a comment asks for, from the staff's usual phrases."""
    low = text.lower()
    found = []
    if _found(_REVISE, low) or _IMPERATIVE_RE.match(low) or _IMPERATIVE_AFTER_RE.search(low):
        found.append("revise")
    if _found(_TELL_US, low) or _asks_to_explain(low):
        found.append("tell_us")
    if _found(_SUPPLEMENTAL, low):
        found.append("supplemental")
    if _found(_CONFIRM, low):
        found.append("confirm")
    return found or ["advisory"]


def _found(phrases: tuple[re.Pattern[str], ...], low: str) -> bool:
    """Whether any phrase stands in ``low`` as whole words."""
    for phrase in phrases:
        for match in phrase.finditer(low):
            if match.start() == 0 or not low[match.start() - 1].isalnum():
                return True
    return False


def _asks_to_explain(low: str) -> bool:
    return any(
        low[max(0, m.start() - 3) : m.start()] != "to "
        and (m.start() == 0 or not low[m.start() - 1].isalnum())
        for m in _EXPLAIN_RE.finditer(low)
    )


def prior_comments(text: str) -> list[int]:
    """Earlier comment numbers a comment refers back to: "prior comment 4" gives [4]."""
    found: list[int] = []
    for match in _PRIOR_RE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 60]
        if not (_PRIOR_CONTEXT_RE.search(before) or _PRIOR_CONTEXT_RE.search(after)):
            continue
        for number in _expand(match.group("numbers")):
            if number not in found:
                found.append(number)
    return found


def _expand(numbers: str) -> list[int]:
    values: list[int] = []
    for part in re.split(r"\s*(?:,|and|&)\s*", numbers):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if len(ends) == 2 and 0 < ends[1] - ends[0] <= 50:
            values.extend(range(ends[0], ends[1] + 1))
        else:
            values.extend(ends)
    return values


def prior_letter_date(text: str):
    """The date of the earlier letter a comment or a letter's opening names ("our letter dated
    May 5, 2020", "our May 5, 2020 letter"), the first one named."""
    if "letter" not in text.lower():
        return None  # every wording says "letter": most comments need no search
    found = [match for pattern in _LETTER_DATE_RES if (match := pattern.search(text))]
    first = min(found, key=lambda match: match.start(), default=None)
    return find_date(first.group(0)) if first else None
