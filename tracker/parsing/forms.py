"""What kind of filing an EDGAR form type is, and so what kind of review a set of filings makes.

The kind decides how the company answers (see the response letter's opening): a registration
statement is answered with an amendment filed alongside the letter, a draft registration
statement with an amendment submitted confidentially, a proxy statement with a revised
preliminary proxy, and a periodic or current report usually with disclosure promised for
future filings and nothing filed.
"""

import re

REGISTRATION = "registration"
DRAFT_REGISTRATION = "draft_registration"
PERIODIC = "periodic"
PROXY = "proxy"
OTHER = "other"

_REGISTRATION_FORMS = {"S-1", "S-3", "S-4", "S-11", "F-1", "F-3", "F-4", "10-12B", "10-12G", "10"}
_PERIODIC_FORMS = {"10-K", "10-Q", "20-F", "40-F", "8-K", "6-K", "10-KT", "10-QT", "11-K"}
_PROXY_FORMS = {"PRE 14A", "DEF 14A", "PRE 14C", "DEF 14C", "PREM14A", "DEFM14A"}
# A filing saved as "other" still names its form in the staff's words.
_FORM_10_RE = re.compile(r"\bRegistration Statement on Form 10\b|\bForm 10-12[BG]\b", re.I)
_DRAFT_RE = re.compile(r"\bDraft Registration Statement\b", re.I)


def filing_kind(form_type: str, description: str = "") -> str:
    """REGISTRATION, DRAFT_REGISTRATION, PERIODIC, PROXY or OTHER for one filing.

    `form_type` is the EDGAR form type ("S-1/A", "DRS", "10-K"); an amendment is of its
    original's kind. `description` (as the staff name the filing) decides when the form type
    does not: "Draft Registration Statement on Form S-1", "Registration Statement on Form 10".
    """
    form = form_type.upper().removesuffix("/A").strip()
    if form == "DRS" or _DRAFT_RE.search(description):
        return DRAFT_REGISTRATION
    if form in _REGISTRATION_FORMS or _FORM_10_RE.search(description):
        return REGISTRATION
    if form in _PERIODIC_FORMS:
        return PERIODIC
    if form in _PROXY_FORMS:
        return PROXY
    return OTHER


def review_kind(kinds: list[str]) -> str:
    """The kind of a review from the kinds of its filings.

    A registration statement under review is answered by amending it, whatever else the staff
    reviewed with it (an S-3 with the 10-K it incorporates): REGISTRATION, or DRAFT_REGISTRATION
    when every registration statement is a draft. Otherwise a periodic report makes the review
    periodic (a 10-K with an 8-K, or with the proxy statement it incorporates); a proxy alone
    is PROXY. No filing, or none of a known kind: OTHER.
    """
    found = set(kinds)
    if REGISTRATION in found:
        return REGISTRATION
    for kind in (DRAFT_REGISTRATION, PERIODIC, PROXY):
        if kind in found:
            return kind
    return OTHER
