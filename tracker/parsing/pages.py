"""Page references as the staff prints them: "page 29", "pages 89-90", "page F-37", "page ii"."""

import re

# A printed page number: "29", "F-37", or a front-matter page in lower-case roman numerals
# ("page i", "pages ii-iii"), which never takes a capital, so "page In" is not a page.
PAGE = r"(?:(?:[A-Z]{1,3}-?)?\d+|(?-i:\b[ivxl]{1,7}\b))"
_JOIN = r"\s*(?:,|-|–|—|through|to|and|&)\s*(?:and\s+)?"
PAGE_REF_RE = re.compile(r"\bpages?\s+(" + PAGE + r"(?:" + _JOIN + PAGE + r")*)", re.IGNORECASE)
_SPLIT_RE = re.compile(PAGE, re.IGNORECASE)
_ROMAN_RE = re.compile(r"[ivxl]+")
# A heading ends with its page reference: "Use of Proceeds, page 29".
TRAILING_PAGE_RE = re.compile(
    r",?\s*pages?\s+" + PAGE + r"(?:\s*(?:-|–|—|through|to|and|,)\s*" + PAGE + r")*\s*\.?$",
    re.IGNORECASE,
)


def page_refs(text: str) -> list[str]:
    """Every page named in ``text``, as printed without the word "page", de-duplicated in order.

    "pages 89-90" gives "89" and "90"; ranges are not expanded, so "pages 5-9" gives the two
    ends only, because the staff names the first and last page of a passage. Lettered pages
    come in capitals ("F-37"), roman ones in lower case ("ii"), as a filing numbers them.
    """
    found: list[str] = []
    if "page" not in text and "Page" not in text and "PAGE" not in text:
        return found
    for match in PAGE_REF_RE.finditer(text):
        for page in _SPLIT_RE.findall(match.group(1)):
            page = page if _ROMAN_RE.fullmatch(page) else page.upper()
            if page not in found:
                found.append(page)
    return found


def ends_with_page_ref(line: str) -> bool:
    # The regex is tried at every position of the line; most lines hold no "page" at all.
    return "age" in line[-100:].lower() and TRAILING_PAGE_RE.search(line) is not None
