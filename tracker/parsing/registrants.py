"""Whether the registrant a letter names is a given company: names compared loosely.

The staff print the registrant as EDGAR knows it ("Archer-Daniels-Midland Co"); a firm keeps it
as it likes ("Archer Daniels Midland Company"). Case, punctuation and the legal form at the
end ("Inc.", "Corp.", "Company", "plc") do not make another company; a CIK, when both sides
have one, decides alone.
"""

import re

from .cleanup import name_key

_LEGAL_FORM_RE = re.compile(
    r"(?:\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l l c|lp|l p|"
    r"llp|plc|n v|nv|s a|sa|ag|se|the))+$"
)
_LEADING_THE_RE = re.compile(r"^the\s+")


def registrant_key(name: str) -> str:
    """``name`` without case, punctuation, a leading "The" or its legal form at the end."""
    key = _LEADING_THE_RE.sub("", name_key(name))
    return _LEGAL_FORM_RE.sub("", key).strip() or key


def same_registrant(letter_name: str, letter_cik: str, company_name: str, company_cik: str) -> bool:
    """True when the letter's registrant is the company, or when the letter names nobody."""
    if _cik(letter_cik) and _cik(company_cik):
        return _cik(letter_cik) == _cik(company_cik)
    if not registrant_key(letter_name):
        return True
    return registrant_key(letter_name) == registrant_key(company_name)


def _cik(value: str) -> int:
    digits = re.sub(r"\D", "", value or "")
    return int(digits) if digits else 0
