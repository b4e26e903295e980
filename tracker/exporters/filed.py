"""What is filed with a response letter, and what its page references point to, by the kind
of review (`parsing.forms`): the defaults of the response letter's settings that follow it."""

from tracker.parsing.forms import DRAFT_REGISTRATION, OTHER, PERIODIC, PROXY, review_kind

PROXY_AMENDMENT = "a revised preliminary proxy statement on Schedule 14A"
# The report a periodic review is about comes first: the annual report, then the quarterly,
# then current reports (a 10-K reviewed with an 8-K is amended as "the Form 10-K").
_REPORT_RANK = {"10-K": 0, "10-KT": 0, "20-F": 0, "40-F": 0, "10-Q": 1, "10-QT": 1}


def kind_of_review(filings: list) -> str:
    """The review's kind from its filings' kinds (see `parsing.forms.review_kind`)."""
    return review_kind([filing.kind for filing in filings])


def files_amendment(kind: str) -> bool:
    """Whether, unless the user says otherwise, something is filed with the response: not for
    a periodic report, whose comments are mostly answered for future filings."""
    return kind != PERIODIC


def next_amendment(filings: list) -> str:
    """The amendment filed with this response: one past the latest one the staff reviewed."""
    latest = max((filing.amendment_number for filing in filings), default=0)
    return f"Amendment No. {latest + 1}"


def amendment_for(kind: str, filings: list) -> str:
    """What is filed with the response, by kind of review: "Amendment No. 2" (past the latest
    amendment of the registration statement); for a periodic report "Amendment No. 1 to the
    Form 10-K" (the annual report before the others); for a proxy statement the revised
    preliminary one."""
    if kind == PROXY:
        return PROXY_AMENDMENT
    if kind != PERIODIC:
        return next_amendment([f for f in filings if f.kind == kind] or filings)
    form = _base_form(reports_first(filings)[0])
    versions = [filing for filing in filings if _base_form(filing) == form]
    return f"{next_amendment(versions)} to the Form {form}"


def reports_first(filings: list) -> list:
    """The filings, periodic reports first in the order annual, quarterly, current; the others
    after them, each group in its given order."""

    def rank(filing) -> int:
        if filing.kind != PERIODIC:
            return 3
        return _REPORT_RANK.get(_base_form(filing), 2)

    return sorted(filings, key=rank)


def reference_document(kind: str, filed: bool, amendment: str, filings: list) -> str:
    """What page references point to: what is filed with the letter, else the filings as the
    staff reviewed them ("the Form 10-K and the Form 8-K")."""
    if filed:
        return "the Revised Proxy Statement" if kind == PROXY else amendment
    names = [_short_name(filing) for filing in reports_first(filings)]
    return " and ".join(dict.fromkeys(names)) or "the filing"


def _short_name(filing) -> str:
    """How a response refers to a filing: "the Form 10-K", "the Draft Registration Statement"."""
    form = _base_form(filing)
    if filing.kind == DRAFT_REGISTRATION:
        return "the Draft Registration Statement"
    if filing.kind == PROXY:
        return f"the {'Preliminary' if form.startswith('PRE') else 'Definitive'} Proxy Statement"
    return "the filing" if filing.kind == OTHER else f"the Form {form}"


def _base_form(filing) -> str:
    return filing.form_type.removesuffix("/A")
