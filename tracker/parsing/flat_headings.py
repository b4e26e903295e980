"""Headings in a one-line letter: where a comment's text ends and the next headings begin.

In the printed letter each heading has a line of its own; in the one-line form a comment's
last sentence, the headings above the next comment and its number run together: "...under
Regulation S-K. Form 10-K for the Fiscal Year Ended December 31, 2023 Notes to Financial
Statements Revenue, page F-9 2. Please...". The headings are what follows the last sentence
end, cut after each page reference and after each heading of a kind the staff always uses
(a filing, "Notes to ... Financial Statements", "Critical Accounting Policies").
"""

import re

from .dates import DATE_PATTERN
from .headings import COMPANY_NAME, SMALL_WORDS
from .pages import PAGE, TRAILING_PAGE_RE

# A sentence ends at ".", "?" or "!" (perhaps inside a quote or parenthesis) before a capital,
# a digit or a quote, also after "Regulation S-K.", "Form 10.", "2016." or "(c).".
# (The pattern starts at the mark itself, so the regex engine skips ahead to it.)
_END_RE = re.compile(r"[.?!][”\"’')\]]*\s+(?=[A-Z0-9“\"‘(])")
_ABBREVIATIONS = frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "nos",
        "mr",
        "ms",
        "mrs",
        "dr",
        "jr",
        "sr",
        "st",
        "u.s",
        "l.p",
        "n.v",
        "s.a",
        "l.l.c",
        "e.g",
        "i.e",
        "vs",
        "etc",
        "esq",
        "bros",
        "u.k",
        "approx",
        "fig",
        "p.c",
    ]
)
# "Note 5. Goodwill" and "Item 7. Management's Discussion" number a heading; not an end.
_NUMBERING_WORDS = frozenset(["note", "item", "part", "section", "article", "step", "level"])
_FORM_WORDS = frozenset(["form", "forms", "schedule", "rule", "regulation"])
_ADDRESS_RE = re.compile(r"\b(?:we|you|your|please|us)\b", re.IGNORECASE)
_MAX_HEADINGS = 400  # characters: longer than this, the tail is a sentence left unended
_PAGE_SPLIT_RE = re.compile(
    r"(,?\s*pages?\s+" + PAGE + r"(?:\s*(?:-|–|through|and)\s*" + PAGE + r")?)\s+(?=[A-Z“\"0-9])"
)
# "c) Loss Development Tables": a lettered heading starts a heading of its own.
_LETTERED_RE = re.compile(r"\s+(?=[a-h]\)\s+[A-Z])")
_FILING_HEAD = (
    r"(?:(?:Amendment No\.?\s*\d+\s+to\s+)?(?:Amended\s+|Draft\s+|Preliminary\s+|Definitive\s+)*"
    r"(?:(?:Registration|Proxy|Information|Offering)\s+Statement\s+(?:on\s+)?|"
    r"(?:Annual|Quarterly|Current)\s+Report\s+on\s+|DRS\s+on\s+)?"
    r"(?:Forms?|Schedule)\s+[A-Z0-9][\w/\-]*|(?:PRE|DEF|DFAN|DEFA|PREC|DEFC|PRRN)14[AC]|"
    r"(?:Preliminary|Definitive)\s+(?:Proxy|Information)\s+Statement|"
    r"Response\s+Letter)"
)
# A filing heading runs to its date: "Form 10-K for the Fiscal Year Ended December 31, 2023".
# Either may follow the registrant's name: "Example Yield, Inc. Form 10-K ...".
_COMPANY = r"(?:" + COMPANY_NAME + r"\s+(?=" + _FILING_HEAD + r"))?"
_FILING_RE = re.compile(r"^" + _COMPANY + _FILING_HEAD + r"[^.]{0,100}?" + DATE_PATTERN)
_FORM_ONLY_RE = re.compile(r"^" + _COMPANY + _FILING_HEAD + r"(?=\s+[A-Z])")
_SECTION_RE = re.compile(
    r"^(?:(?:Item|Note)\s+\d+[A-Z]?\s*[.:\-–—]?\s+|\d{1,2}\.\s+)?(?>"
    r"(?i:Management[’']s\s+Discussion\s+and\s+Analysis(?:\s+of\s+Financial\s+Condition)?"
    r"(?:\s+and\s+Results\s+of\s+Operations?)?)|"
    r"Notes\s+to\s+(?:the\s+)?(?:(?:Condensed|Consolidated|Combined|Unaudited|Interim|and)\s+)*"
    r"Financial\s+Statements(?:\s+\(Unaudited\))?|"
    r"(?:[A-Z&][\w&]*\s+){0,5}Financial\s+Statements(?:\s+[-–—]\s+[^,]{2,60}?"
    r"(?:,?\s+(?:Inc|Corp|Co|Ltd|LLC|L\.P|plc)\b\.?|\s+(?:Corporation|Company|Limited)))?|"
    r"Basis\s+of\s+Presentation(?:\s+and\s+Summary\s+of\s+Significant\s+Accounting\s+Policies)?|"
    r"Critical\s+Accounting\s+(?:Policies|Estimates)(?:\s+and\s+(?:Estimates|Policies))?|"
    r"Results\s+of\s+Operations|Liquidity\s+and\s+Capital\s+Resources|Risk\s+Factors|"
    r"Prospectus\s+Summary|Off-Balance\s+Sheet\s+Arrangements|Selected\s+Financial\s+Data|"
    r"Summary\s+of\s+Significant\s+Accounting\s+Policies|Key\s+Metrics|Country\s+Risk|"
    r"Fair\s+Value\s+Measurements?|Commitments\s+and\s+Contingencies|"
    r"Summary\s+(?:Consolidated\s+|Historical\s+)*Financial\s+(?:and\s+Other\s+)?Data|"
    r"(?:Regulation\s+G\s*[—–-]\s*)?Non-GAAP\s+Financial\s+Measures|"
    r"Exhibit\s+\d+(?:\.\d+)?|\d{4}\s+Compared\s+(?:with|to)\s+\d{4}|The\s+Transactions?|"
    r"Our\s+Business(?:\s+Model)?)(?=\s+[A-Z0-9])"
)


def split_tail(segment: str) -> tuple[str, list[str]]:
    """A stretch ending where a comment number stands: (its text, the headings that end it)."""
    cut = _last_sentence_end(segment)
    tail = segment[cut:].strip()
    if not tail or len(tail) > _MAX_HEADINGS or _ADDRESS_RE.search(tail):
        return segment, []
    return segment[:cut], split_headings(tail)


def _last_sentence_end(segment: str) -> int:
    # Headings are never longer than _MAX_HEADINGS: only the stretch's end needs reading.
    start = max(0, len(segment) - _MAX_HEADINGS - 40)
    for match in reversed(list(_END_RE.finditer(segment, start))):
        mark = match.start()
        if mark > start and segment[mark - 1] != " " and _ends_sentence(segment, match):
            return match.end()
    return start


def _ends_sentence(segment: str, match: re.Match[str]) -> bool:
    """Whether the mark ``match`` found ends a sentence, judged by the word it ends."""
    word_start = segment.rfind(" ", 0, match.start()) + 1
    word = segment[word_start : match.start()].lower().lstrip('(“"‘')
    mark = match.group(0).rstrip()
    if mark.startswith(".") and (word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word)):
        return False
    if mark == "." and word.isdigit():
        # "Note 5. Goodwill" and "Statements 7. Policy Liabilities" number a heading;
        # "Form 10." and "May 17, 2016." end a sentence.
        # "(Unaudited) 3. Revenue" numbers a heading after a parenthesised title word.
        previous = _word_before(segment, word_start).strip("()")
        if previous.lower() in _NUMBERING_WORDS:
            return False
        heading_number = len(word) <= 3 and previous[:1].isupper() and previous.isalpha()
        return not heading_number or previous.lower() in _FORM_WORDS
    return True


def _word_before(text: str, at: int) -> str:
    """The last whitespace-separated word before ``at`` ("" if none), read backwards from
    ``at`` so that a long comment is not split into words for it."""
    end = at
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def split_headings(tail: str) -> list[str]:
    """The headings run together in ``tail``, outermost first."""
    headings: list[str] = []
    tail = _LETTERED_RE.sub("\n", tail)
    for piece in _PAGE_SPLIT_RE.sub("\\1\n", tail).split("\n"):
        headings += _peel(piece.strip())
    return [heading for heading in headings if heading]


def _peel(piece: str) -> list[str]:
    """Split off the standing headings a piece starts with; the rest is one heading."""
    found = []
    while True:
        match = _FILING_RE.match(piece) or _SECTION_RE.match(piece) or _FORM_ONLY_RE.match(piece)
        if match is None or not piece[match.end() :].strip():
            break
        found.append(match.group(0).strip())
        piece = piece[match.end() :].strip()
    return [*found, *split_parent(piece)]


# A financial statement note numbered as the registrant numbers it: "Note 10." or "15.".
_PARENT_RE = re.compile(r"^(?:Note\s+\d{1,2}[A-Z]?\s*[.:\-–—]|\d{1,2}\.)\s+(?=[A-Z])")
_LIST_JOINS = frozenset(["and", "or", "&"])


def split_parent(heading: str) -> list[str]:
    """A note's own title and the sub-heading printed below it, when they run together.

    "Note 10. Credit Agreement and Convertible Notes Credit Agreement, page F-27": the
    sub-heading starts where the note's title words start again; "Note 10. Deferred
    Compensation Costs to obtain a contract, page 24": a sub-heading in sentence case starts at
    the capitalised word before its first lower-case word, after a title in title case.
    """
    numbered = _PARENT_RE.match(heading)
    if numbered is None:
        return [heading]
    words = heading[numbered.end() :].split(" ")
    page = TRAILING_PAGE_RE.search(heading)
    title = TRAILING_PAGE_RE.sub("", heading[numbered.end() :]).split(" ") if page else words
    at = _restart(title) or _case_change(title)
    if not at:
        return [heading]
    return [heading[: numbered.end()] + " ".join(words[:at]), " ".join(words[at:])]


def _restart(words: list[str]) -> int:
    """Where two capitalised words of the title come again, after a title word."""
    pairs = {}
    for index in range(len(words) - 1):
        pair = (words[index], words[index + 1].rstrip(","))
        if not (pair[0][:1].isupper() and pair[1][:1].isupper()):
            continue
        if pair in pairs and words[index - 1].lower() not in SMALL_WORDS:
            return index
        pairs.setdefault(pair, index)
    return 0


def _case_change(words: list[str]) -> int:
    lower = next(
        (i for i, w in enumerate(words) if w[:1].islower() and w.lower() not in SMALL_WORDS), 0
    )
    start = next((i for i in range(lower - 1, -1, -1) if words[i][:1].isupper()), 0)
    if start < 2 or words[start + 1].lower() in _LIST_JOINS:
        return 0
    title = [w for w in words[:start] if w.lower() not in SMALL_WORDS]
    if words[start - 1].lower() in SMALL_WORDS or not all(w[:1].isupper() for w in title):
        return 0
    return start


def is_standing(heading: str) -> bool:
    """A filing or a section of the kinds the staff always use: read, not guessed."""
    probe = heading + " X"  # the patterns look ahead for the capital of what follows
    match = _FILING_RE.match(heading) or _SECTION_RE.match(probe) or _FORM_ONLY_RE.match(probe)
    return bool(match) and len(match.group(0).strip()) >= len(heading.strip())


def heading_lines(headings: list[str]) -> str:
    return "\n".join(headings)
