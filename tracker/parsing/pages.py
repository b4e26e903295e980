"""Page references as the staff prints them: "page 29", "pages 89-90", "page F-37"."""

import re

_PAGE = r"(?:[A-Z]{1,3}-?)?\d+"
PAGE_REF_RE = re.compile(
    r"\bpages?\s+(" + _PAGE + r"(?:\s*(?:,|-|–|—|through|to|and|&)\s*(?:and\s+)?" + _PAGE + r")*)",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(_PAGE, re.IGNORECASE)
# A heading ends with its page reference: "Use of Proceeds, page 29".
TRAILING_PAGE_RE = re.compile(
    r",?\s*pages?\s+" + _PAGE + r"(?:\s*(?:-|–|—|through|to|and|,)\s*" + _PAGE + r")*\s*\.?$",
    re.IGNORECASE,
)


def page_refs(text: str) -> list[str]:
    """Every page named in ``text``, as printed without the word "page", de-duplicated in order.

    "pages 89-90" gives "89" and "90"; ranges are not expanded, so "pages 5-9" gives the two
    ends only, because the staff names the first and last page of a passage.
    """
    found: list[str] = []
    for match in PAGE_REF_RE.finditer(text):
        for page in _SPLIT_RE.findall(match.group(1)):
            page = page.upper()
            if page not in found:
                found.append(page)
    return found


def ends_with_page_ref(line: str) -> bool:
    return TRAILING_PAGE_RE.search(line) is not None
