"""Text clean-up before parsing: markup, bullets, running page headers, hyphenation."""

import re
from collections import Counter
from functools import lru_cache

from .dates import DATE_RE, is_date_line

PAGE_BREAK = "\f"
SEPARATOR = "* * *"

_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%<>|~\"'])")
_BOLD_RE = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_SEPARATOR_RE = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$|^(?:_\s*){3,}$")
# "•", "", "▪" and friends, a dash, or a markdown star, followed by a space; Symbol-font
# bullets arrive as private-use characters.
_BULLET_RE = re.compile(r"^\s*(?:[•●▪◦·‧∙■□➢►◆❖✓\u2043\uf000-\uf8ff]|[-–—*](?=\s))\s*")
_ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_DEBRIS_STARTS = ("Comapany Name", "Company Name")
_DEBRIS_WORDS_RE = re.compile(r"\s*(?:FirstName|LastName|Com(?:a)?pany Name)\s*")
PAGE_LINE_RE = re.compile(r"(?:^|\s)Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$")
_NOT_NAME_RE = re.compile(r"[^a-z0-9]+")
_HONORIFIC_RE = re.compile(r"^(?:mr|ms|mrs|miss|dr|messrs)\.?\s+", re.IGNORECASE)
_HEADER_REACH = 7
_HEADER_WIDTH = 70


def normalize_lines(text: str) -> list[str]:
    """Lines with markdown escapes, bold marks and odd spaces removed and bullets as "- "."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\f\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    lines = []
    for raw in text.split("\n"):
        lines.append(_normalize_line(raw))
    return lines


def _normalize_line(raw: str) -> str:
    if raw == PAGE_BREAK:
        return PAGE_BREAK
    line = raw
    if "*" in line or "_" in line:
        line = _BOLD_RE.sub("", line)
    if "\\" in line:
        line = _ESCAPE_RE.sub(r"\1", line)
    # Runs of spaces, tabs and Unicode spaces (no-break, thin, ideographic) as one space.
    line = " ".join(line.split())
    if line.startswith("#"):
        line = re.sub(r"^#{1,6}\s+", "", line)
    if _SEPARATOR_RE.match(line):
        return SEPARATOR
    bullet = _BULLET_RE.match(line)
    if bullet and len(line) > bullet.end():
        return "- " + line[bullet.end() :]
    return line


def drop_form_debris(lines: list[str]) -> list[str]:
    """Drop leftovers of the letter template's form fields ("FirstName LastName").

    Short lines holding them are pure debris; from a long (run-on) line only the words go.
    """
    kept = []
    for line in lines:
        if not _is_debris(line):
            kept.append(line)
        elif len(line) > 120:
            kept.append(_DEBRIS_WORDS_RE.sub("", line))
    return kept


def _is_debris(line: str) -> bool:
    return "FirstName" in line or "LastName" in line or line.startswith(_DEBRIS_STARTS)


@lru_cache(maxsize=4096)  # the same names and headings are compared again and again
def name_key(text: str) -> str:
    """A loose comparison key for names: no honorific, case, or punctuation."""
    text = _HONORIFIC_RE.sub("", text.strip())
    return _NOT_NAME_RE.sub(" ", text.lower()).strip()


def remove_page_headers(lines: list[str], anchors: list[str]) -> list[str]:
    """Drop the running header ("Mr. Carl Russo / Calix Networks, Inc. / date / Page 8").

    ``anchors`` are the addressee's name and company, the lines such a header repeats.
    """
    keys = [name_key(anchor) for anchor in anchors if name_key(anchor)]
    drop: set[int] = set()
    for index, line in enumerate(lines):
        if len(line) > 90 or not PAGE_LINE_RE.search(line):
            continue
        start = _header_start(lines, index, keys)
        if start is not None:
            drop.update(range(start, index + 1))
    return [line for index, line in enumerate(lines) if index not in drop]


def _header_start(lines: list[str], index: int, keys: list[str]) -> int | None:
    """Where the header ending at the "Page N" line ``index`` begins, or None if it is text."""
    for back in range(index - 1, max(index - _HEADER_REACH, -1), -1):
        line = lines[back]
        if line == PAGE_BREAK or (keys and name_key(line) == keys[0]):
            return back
        if len(line) > _HEADER_WIDTH:
            break  # header lines are short; a long line is the page's text
    start = index
    while start > 0 and _is_header_line(lines[start - 1], keys):
        start -= 1
    if start < index or lines[index].startswith("Page") or DATE_RE.search(lines[index]):
        return start
    return None


def _is_header_line(line: str, keys: list[str]) -> bool:
    if is_date_line(line):
        return True
    key = name_key(line)
    return bool(key) and any(k.startswith(key) or key.startswith(k) for k in keys)


_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Words the staff writes as the first half of a compound ("non-GAAP", "long-lived").
_COMPOUND_HEADS = frozenset(
    [
        "non",
        "self",
        "well",
        "cross",
        "long",
        "short",
        "held",
        "cost",
        "market",
        "limited",
        "post",
        "pre",
        "full",
        "part",
        "third",
        "first",
        "second",
        "year",
        "mid",
        "multi",
        "fair",
        "one",
        "two",
        "three",
        "anti",
        "quasi",
        "ex",
        "sub",
        "co",
        "re",
    ]
)


def join_hyphenated(lines: list[str]) -> list[str]:
    """Rejoin words split at a line end: "disclo-" + "sure" gives "disclosure".

    A line-end hyphen is kept when the pieces form a real compound ("non-recurring",
    "cost-per-install"): the letter itself is the dictionary.
    """
    if not any(line and line.endswith("-") for line in lines):
        return lines
    counts = Counter(_WORD_RE.findall("\n".join(lines).lower()))
    out: list[str | None] = list(lines)
    for index in range(len(out) - 1):
        line, following = out[index], out[index + 1]
        if not line or not following:
            continue
        if re.search(r"[A-Za-z0-9]-$", line) and following[:1].isupper() | following[:1].isdigit():
            # "Regulation S-" + "X", "Non-" + "GAAP": the hyphen is the word's own.
            out[index], out[index + 1] = _joined_at_hyphen(line, following)
            continue
        if not following[:1].islower():
            continue
        match = re.search(r"(?<![-A-Za-z])([A-Za-z]+)-$", line)
        tail = re.match(r"[A-Za-z]+(?:-[A-Za-z]+)*", following)
        if not match or not tail:
            continue
        joiner = "-" if _keeps_hyphen(match.group(1), tail.group(0), counts) else ""
        word_end = following.find(" ")
        word_end = len(following) if word_end < 0 else word_end
        out[index] = line[:-1] + joiner + following[:word_end]
        # None marks a line used up by the join, unlike a blank line, which ends a paragraph.
        out[index + 1] = following[word_end + 1 :] or None
    return [line for line in out if line is not None]


def _joined_at_hyphen(line: str, following: str) -> tuple[str, str | None]:
    word_end = following.find(" ")
    word_end = len(following) if word_end < 0 else word_end
    return line + following[:word_end], following[word_end + 1 :] or None


def _keeps_hyphen(head: str, tail: str, counts: Counter[str]) -> bool:
    joined, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
    if "-" in tail:
        return True
    if counts[joined]:
        return False
    if counts[hyphened] or head.lower() in _COMPOUND_HEADS:
        return True
    # Each piece was counted once at the split itself; a second sighting makes it a word.
    return len(head) > 2 and counts[head.lower()] > 1 and counts[tail.lower()] > 1
