"""What is filed with a response letter, and what its page references point to, by the kind
of review (`parsing.forms`): the defaults of the response letter's settings that follow it."""

from tracker.parsing.forms import DRAFT_REGISTRATION, OTHER, PERIODIC, PROXY, review_kind

PROXY_AMENDMENT = "a revised preliminary proxy statement on Schedule 14A"


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
    """What is filed with the response, by kind of review: "Amendment No. 2"; for a periodic
    report "Amendment No. 1 to the Form 10-K" (the first one reviewed); for a proxy statement
    the revised preliminary one."""
    if kind == PROXY:
        return PROXY_AMENDMENT
    if kind != PERIODIC:
        return next_amendment(filings)
    form = next(_base_form(f) for f in filings if f.kind == PERIODIC)
    versions = [filing for filing in filings if _base_form(filing) == form]
    return f"{next_amendment(versions)} to the Form {form}"


def reference_document(kind: str, filed: bool, amendment: str, filings: list) -> str:
    """What page references point to: what is filed with the letter, else the filings as the
    staff reviewed them ("the Form 10-K and the Form 8-K")."""
    if filed:
        return "the Revised Proxy Statement" if kind == PROXY else amendment
    names = [_short_name(filing) for filing in filings]
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
