"""What each comment asks for, and which earlier comments it follows up."""

import re

from .dates import DATE_PATTERN, find_date

_REVISE_VERBS = (
    r"(?:revise|disclose|expand|clarify|add|amend|include|discuss|quantify|describe|balance|"
    r"remove|delete|re-?file|present|enlarge|identify|define|update|elaborate|specify|"
    r"highlight|reconcile|file|state|address|consider (?:revising|disclosing|expanding|adding|"
    r"providing|including))\b"
)
_REVISE_RE = re.compile(
    "|".join(
        [
            r"\bplease\s+(?:also\s+|further\s+|briefly\s+|specifically\s+|either\s+|clearly\s+|"
            r"separately\s+|prominently\s+|more\s+clearly\s+)?" + _REVISE_VERBS,
            r"\bplease\s+(?:also\s+)?provide\s+(?:a\s+|an\s+|more\s+)?(?:discussion|disclosure)\b",
            r"\b(?:and|also)\s+" + _REVISE_VERBS,
            r"\brevise\b",
            r"\bin (?:your )?future filings\b",
            # An imperative opening a sentence or a bullet: "Disclose the rationale..."
            r"(?:^|[.;:]\s+|\n- ?)(?:Also,?\s+|In addition,?\s+|Further,?\s+|Additionally,?\s+)?"
            + _REVISE_VERBS,
        ]
    ),
    re.IGNORECASE,
)
_TELL_US_RE = re.compile(
    r"\btell us\b|\badvise us\b|\bplease advise\b|\bor advise\b|"
    r"\bprovide us with\b|"
    r"\b(?:describe|explain|show|represent) to us\b|\bhelp us understand\b",
    re.IGNORECASE,
)
_SUPPLEMENTAL_RE = re.compile(
    r"\bsupplementally\b|\bsupplemental (?:information|materials?|copy|copies)\b|"
    r"\bprovide us (?:with )?(?:a )?cop(?:y|ies)\b|\bfurnish (?:to )?us\b|\bsend us\b",
    re.IGNORECASE,
)
# "explain" asks us, unless it is "revise your disclosure to explain".
_EXPLAIN_RE = re.compile(r"\bexplain\b", re.IGNORECASE)
_CONFIRM_RE = re.compile(r"\bconfirm\b", re.IGNORECASE)
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
    found = []
    if _REVISE_RE.search(text):
        found.append("revise")
    if _TELL_US_RE.search(text) or _asks_to_explain(text):
        found.append("tell_us")
    if _SUPPLEMENTAL_RE.search(text):
        found.append("supplemental")
    if _CONFIRM_RE.search(text):
        found.append("confirm")
    return found or ["advisory"]


def _asks_to_explain(text: str) -> bool:
    return any(text[max(0, m.start() - 3) : m.start()] != "to " for m in _EXPLAIN_RE.finditer(text))


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
    found = [match for pattern in _LETTER_DATE_RES if (match := pattern.search(text))]
    first = min(found, key=lambda match: match.start(), default=None)
    return find_date(first.group(0)) if first else None
