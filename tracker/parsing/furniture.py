"""Running page headers left inline in a one-line letter, and how to take them out.

A printed staff letter repeats a header at the top of each page after the first: the
addressee's name and company, the letter's date and "Page N" (and, in letters made from the
staff's template, the hidden form fields "FirstName LastName" and "Company Name"). In the
one-line form these land mid-sentence: "...whether any additional FirstName LastNameJane Roe
Comapany NameExample Corp May 22, 2025 Page 2 FirstName LastName Jane Roe Example Corp May 22,
2025 Page 2 deficiencies exist...".
"""

import re

from .dates import DATE_PATTERN

_DEBRIS_RE = re.compile(r"FirstName|LastName|Com(?:a)?pany Name")
# A header's "<date> Page N": found from "Page N" (a literal the regex engine skips ahead to),
# then the date that ends just before it.
_PAGE_NUMBER_RE = re.compile(r"Page\s+\d{1,3}\b\s*")
_DATE_BEFORE_RE = re.compile(r"\b" + DATE_PATTERN + r"\s+$")
_HEADER_WORDS = 14  # the name and company a header repeats are never longer
# A page's comment number printed at the end of its text, where the dataset moved it.
_LABEL_RE = re.compile(r"\s(\d{1,3})\.\s*$")
_PARAGRAPH_START_RE = re.compile(r"\bpages?\s+(?:[A-Z]{1,3}-?)?\d+\s+(?=[A-Z])")
_SENTENCE_END_RE = re.compile(r"[a-z]{2}[.?!][”\"’)]*\s+(?=[A-Z])")
_REACH = 3000
_LABEL_STOP_WORDS = frozenset(["note", "item", "comment", "comments", "page", "level", "step"])


def remove_furniture(body: str, head: str, removed: list[int] | None = None) -> str:
    """``body`` without its running headers; ``head`` is the letter above the salutation.

    A header is found by its "<date> Page N"; the words just before it are part of it while
    they are capitalised words of the addressee block (name, company). Where each header was
    cut out (offsets in the text returned) is appended to ``removed``.
    """
    if "Name" in body:
        body = re.sub(r"\s{2,}", " ", _DEBRIS_RE.sub(" ", body))
    vocabulary = _vocabulary(head)
    pieces: list[str] = []
    position, joined = 0, -1  # joined: the length of " ".join(pieces)
    for match in _PAGE_NUMBER_RE.finditer(body):
        date = _DATE_BEFORE_RE.search(body, max(position, match.start() - 30), match.start())
        if date is None:
            continue
        start = _header_start(body, date.start(), vocabulary)
        pieces.append(_place_label(body[position:start]))
        joined += len(pieces[-1]) + 1
        position = match.end()
        if removed is not None:
            removed.append(joined)
    pieces.append(body[position:])
    return " ".join(pieces)


def _vocabulary(head: str) -> set[str]:
    """The words of the addressee block and the registrant's name."""
    top = re.split(r"\bRe\s*:", head, maxsplit=1)
    words = top[0].split()
    if len(top) > 1:
        words += top[1].split()[:8]
    return {word.strip(",.") for word in words}


def _header_start(body: str, at: int, vocabulary: set[str]) -> int:
    """Where the name and company before "<date> Page N" begin.

    The run starts at a capitalised word: "revenue and" before "Jane Roe and John Doe" stays.
    """
    while at > 0 and body[at - 1] == " ":
        at -= 1
    start, capital_at = at, at
    for _ in range(_HEADER_WORDS):
        space = body.rfind(" ", 0, start)
        word = body[space + 1 : start].strip().strip(",.")
        if not word or word not in vocabulary or not _name_word(body, space, word, vocabulary):
            break
        start = max(space, 0)
        if not word[:1].islower():
            capital_at = start
    return capital_at


def _name_word(body: str, space: int, word: str, vocabulary: set[str]) -> bool:
    """A word without letters belongs to the header only inside a name ("Boots Parallel 1,
    LP"): a comment number stranded before the header ("1.") is not swallowed."""
    if word == "&" or any(char.isalpha() for char in word):
        return True
    before = body[body.rfind(" ", 0, space) + 1 : space].strip(",.")
    return before in vocabulary and any(char.isalpha() for char in before)


def _place_label(text: str) -> str:
    """Put a comment number stranded before a page header back where its paragraph began."""
    # Only the end of the text can hold the label: the search starts a few characters back.
    label = _LABEL_RE.search(text, max(0, len(text.rstrip()) - 6))
    if label is None:
        return text
    before = text[: label.start()].rstrip()
    if before.rsplit(None, 1)[-1].lower() in _LABEL_STOP_WORDS:
        return text
    window_start = max(0, len(before) - _REACH)
    window = before[window_start:]
    starts = list(_PARAGRAPH_START_RE.finditer(window)) or list(_SENTENCE_END_RE.finditer(window))
    if not starts:
        return text
    at = window_start + starts[-1].end()
    return f"{before[:at]}{label.group(1)}. {before[at:]}"
