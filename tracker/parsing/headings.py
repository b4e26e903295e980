"""Headings between comments: which lines are headings, and how they nest."""

import re
from functools import lru_cache

from .cleanup import SEPARATOR, name_key
from .pages import TRAILING_PAGE_RE, ends_with_page_ref

SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "under",
        "upon",
        "per",
        "vs",
        "via",
        "its",
        "their",
        "our",
        "your",
        "not",
    ]
)
_WRAP_END_RE = re.compile(r"(?:,|\b(?:" + "|".join(sorted(SMALL_WORDS)) + r"))$", re.IGNORECASE)
# A sentence ends inside the line; a company's "Inc." or "Corp." does not end one.
_SENTENCE_INSIDE_RE = re.compile(r"[a-z]{2}[.;] [A-Z]")
_COMPANY_ABBREVIATION_RE = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Bros|Nos?)[.;] [A-Z]")
# A company's name as it heads the comments on its own filing: "Example Yield, Inc. Form 10-K".
COMPANY_NAME = (
    r"(?:[A-Z][\w&’'.\-]*,?\s+){1,6}?(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|"
    r"Limited|LLC|L\.L\.C|L\.?P|plc|PLC|N\.V|S\.A|Holdings|Group|Trust|Partners|Bancorp)\b\.?,?"
)
_COMPANY_LEAD_RE = re.compile(r"^" + COMPANY_NAME + r"\s+")
_COMPANY_ONLY_RE = re.compile(COMPANY_NAME)
_ABBREVIATION_END_RE = re.compile(
    r"(?:\.\.\.|\b(?:Inc|Corp|Co|Ltd|Bros|L\.P|N\.V|S\.A|U\.S|L\.L\.C|No)\.)$"
)
_MDNA_RE = re.compile(r"^(?:management[’']s discussion|md&a|item 7\.)", re.IGNORECASE)
# The standing parts of MD&A, which sit directly below it.
_MDNA_PART_RE = re.compile(
    r"^(?:results of operations|liquidity|capital resources|critical accounting|"
    r"off-balance sheet|contractual obligations|known trends)",
    re.IGNORECASE,
)
_NUMBERED_RE = re.compile(r"^(?:(note|item|part)\s+\w+\b|(\d+)\.\s)", re.IGNORECASE)
_HEADING_START_RE = re.compile(r"^(?:[A-Z0-9“\"'‘(]|[a-z]\)\s|[ivx]+\.\s)")
CLOSING_RE = re.compile(
    r"^(?:\* \* \*|We remind you that|We urge all persons|As appropriate, please|"
    r"Please (?:contact|direct|call)\b|You may contact|Notwithstanding our comments|"
    r"Sincerely|Very truly yours|Respectfully|In closing|(?:Please )?[Rr]efer to Rules 460|"
    r"We will consider a written request|Please allow adequate time|"
    r"We direct your attention to Rules|cc:|/s/)"
)

_RANK0_RE = re.compile(
    r"^(?:Forms?\s|Amendment No|(?:Draft |Amended |Confidential )*Registration Statement|"
    r"Schedule\s|(?:Preliminary|Definitive|Revised) (?:Proxy|Information)|Proxy Statement|"
    r"(?:Annual|Quarterly|Current) Report on Form|Post-Effective|Offering Statement)",
    re.IGNORECASE,
)
_TOP_EXACT = frozenset(
    [
        "general",
        "summary",
        "prospectus summary",
        "business",
        "management",
        "experts",
        "properties",
        "exhibits",
        "exhibit index",
        "dilution",
        "capitalization",
        "underwriting",
        "legal matters",
        "use of proceeds",
        "dividend policy",
        "signatures",
        "undertakings",
        "legal proceedings",
        "plan of distribution",
        "the offering",
        "cover page",
        "prospectus cover page",
        "industry",
        "selling stockholders",
        "selling shareholders",
        "our business",
        "recent developments",
    ]
)
_TOP_PREFIX_RE = re.compile(
    r"^(?:item\s+\d+[a-z]?\b|part\s+[ivx]+\b|management[’']s discussion|md&a|"
    r"selected (?:consolidated |historical )?financial|executive compensation|"
    r"certain relationships|related party transactions|principal (?:and selling )?"
    r"(?:stockholders|shareholders)|security ownership|description of|shares eligible|"
    r"material (?:u\.s\. )?(?:federal )?(?:income )?tax|where you can find|"
    r"report of independent|notes to|unaudited pro forma|pro forma|index to|"
    r"questions and answers|risk factors|non-gaap|regulation g|recent sales|market for|"
    r"controls and procedures|quantitative and qualitative|"
    r"(?:(?:audited|unaudited|condensed|interim|consolidated|combined)\s+)*financial statements)",
    re.IGNORECASE,
)


def is_heading_like(line: str) -> bool:
    """True for a line that reads as a heading rather than a line of a sentence."""
    if not line or line.startswith("- ") or line == SEPARATOR:
        return False
    if len(line) > 160 and not (len(line) < 300 and ends_with_page_ref(line)):
        return False
    if CLOSING_RE.match(line):
        return False
    if ends_with_page_ref(line) and not line.endswith("."):
        # A heading's page, possibly the tail of a wrapped heading ("rights ...?, page 7").
        return True
    if not _HEADING_START_RE.match(line):
        return False
    if line.endswith((".", ";", ":", ",", "!")) and not _ABBREVIATION_END_RE.search(line):
        return False
    inside = _SENTENCE_INSIDE_RE.search(line)
    if inside and len(_SENTENCE_INSIDE_RE.findall(line)) > len(
        _COMPANY_ABBREVIATION_RE.findall(line)
    ):
        return False
    return title_ratio(line) >= 0.6


def title_ratio(line: str) -> float:
    """Share of the significant words that start with a capital letter or a digit."""
    words = [w for w in re.findall(r"[A-Za-z0-9][\w’'&\-]*", line) if w.lower() not in SMALL_WORDS]
    if not words or len(words) > 20:
        return 0.0
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital / len(words)


# A line that goes on from the one before: a year or page number ("2014, page 45", "90"), not
# a numbered heading ("2. Revenue"); or the tail of a company's name ("Power, Inc., page 11").
_CONTINUED_NUMBER_RE = re.compile(r"^\d[\d,]*(?:,\s|$)")
_NAME_TAIL_RE = re.compile(
    r"^(?:[A-Z][\w&’'\-]*\s+){0,3}[A-Z][\w&’'\-]*,?\s+(?:Inc|Corp|Co|Ltd|LLC|L\.P|plc)\b"
)
_OPEN_END_RE = re.compile(r"\b[a-z]+\s+[A-Z][\w&’'\-]*$")


def merge_wrapped(headings: list[str]) -> list[str]:
    """Join a heading the page wrapped onto two lines back into one."""
    merged: list[str] = []
    for heading in headings:
        if merged and _wrapped(merged[-1], heading):
            merged[-1] = f"{merged[-1]} {heading}"
        else:
            merged.append(heading)
    return merged


def _wrapped(line: str, following: str) -> bool:
    """Whether ``following`` is the rest of the heading ``line`` the page wrapped."""
    if _WRAP_END_RE.search(line) or following[:1].islower():
        return True
    if re.search(r"\bpages?$", line):
        return True
    if ends_with_page_ref(line) or not _OPEN_END_RE.search(line):
        return False
    # "..., page" + "90"; "... Compared to Fiscal" + "2014, page 45"; "... with Example" +
    # "Power, Inc., page 11".
    return bool(_CONTINUED_NUMBER_RE.match(following) or _NAME_TAIL_RE.match(following))


def heading_rank(heading: str, registrants: list[str]) -> int:
    """0 for a filing or company heading, 1 for a top-level section of a filing, 2 otherwise."""
    return _rank(heading, tuple(registrants))


@lru_cache(maxsize=1024)  # nesting ranks the same few headings once per comment
def _rank(heading: str, registrants: tuple[str, ...]) -> int:
    if _RANK0_RE.match(heading) or name_key(heading) in {name_key(r) for r in registrants}:
        return 0
    if _COMPANY_ONLY_RE.fullmatch(heading) or _RANK0_RE.match(
        _without_company(heading, registrants)
    ):
        return 0  # "Example Yield, Inc. Form 10-K ...": a registrant's own filing
    title = TRAILING_PAGE_RE.sub("", heading).strip(" ,").rstrip(".")
    if title.lower() in _TOP_EXACT or _TOP_PREFIX_RE.match(title):
        return 1
    return 2


def _without_company(heading: str, registrants: tuple[str, ...]) -> str:
    """The heading after the company name it starts with, or "" when it starts with none."""
    for name in registrants:
        if name and heading.startswith(name) and heading[len(name) : len(name) + 1] == " ":
            return heading[len(name) :].lstrip(" ,")
    match = _COMPANY_LEAD_RE.match(heading)
    return heading[match.end() :] if match else ""


def nest(stack: list[str], group: list[str], registrants: list[str]) -> list[str]:
    """The headings in force after ``group`` appears below the headings ``stack``.

    Letters print headings without levels, so nesting is inferred: a filing heading starts
    afresh, a top-level section replaces all but the filing, and other headings replace as
    many of the innermost headings as they number, keeping the filing and section above.
    """
    if not group:
        return stack
    sibling = _numbered_sibling(stack, group[0])
    if sibling is None:
        sibling = _mdna_sibling(stack, group[0])
    if sibling is not None:
        return stack[:sibling] + list(group)
    ranks = [heading_rank(h, registrants) for h in stack]
    first = heading_rank(group[0], registrants)
    if first == 0:
        return list(group)
    if first == 1:
        return [h for h, r in zip(stack, ranks, strict=True) if r == 0] + list(group)
    keep = 0
    while keep < len(stack) and ranks[keep] < 2:
        keep += 1
    tail = stack[keep:]
    return stack[:keep] + tail[: max(0, len(tail) - len(group))] + list(group)


def _numbering(heading: str) -> str:
    match = _NUMBERED_RE.match(heading)
    if not match:
        return ""
    return (match.group(1) or "number").lower()


def _numbered_sibling(stack: list[str], heading: str) -> int | None:
    """Where a numbered heading ("Note 7.", "2.") replaces the one numbered alike ("Note 6.")."""
    style = _numbering(heading)
    if not style:
        return None
    for index, existing in enumerate(stack):
        if _numbering(existing) == style:
            return index
    return None


def _mdna_sibling(stack: list[str], heading: str) -> int | None:
    """Below MD&A, "Liquidity" replaces "Results of Operations" and whatever was under it."""
    if not _MDNA_PART_RE.match(heading):
        return None
    for index, existing in enumerate(stack):
        if _MDNA_RE.match(existing):
            return index + 1
    return None
