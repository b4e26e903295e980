"""What the import preview warns of before a letter is saved: the letter names another
company than the one chosen, or was received far from its own date."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from tracker.models import Company, LetterUpload
from tracker.parsing.registrants import same_registrant
from tracker.permissions import importing_companies

# A staff letter reaches the company within days (by e-mail, the same day). More than three
# weeks between its date and the date received is most likely a typing slip in one of them.
RECEIVED_DRIFT_DAYS = 21


@dataclass
class RegistrantMismatch:
    """The letter names `registrant` (and `cik`, if printed), not the upload's company.

    `matching`: the user's importing companies that are the registrant; `others`: all the
    user's other importing companies, to move the upload to."""

    registrant: str
    cik: str
    matching: list[Company] = field(default_factory=list)
    others: list[Company] = field(default_factory=list)


def letter_cik(parsed: dict) -> str:
    """The registrant's CIK as the letter prints it (in its Re: block), or ""."""
    return next((ref["cik"] for ref in parsed.get("filings", []) if ref.get("cik")), "")


def registrant_mismatch(upload: LetterUpload, user: AbstractBaseUser) -> RegistrantMismatch | None:
    """None when the letter's registrant is the upload's company (or the letter names none);
    else who it names and where the user may move the upload. One query, only on a mismatch."""
    registrant, cik = upload.parsed.get("registrant", ""), letter_cik(upload.parsed)
    company = upload.company
    if same_registrant(registrant, cik, company.name, company.cik):
        return None
    others = list(importing_companies(user).exclude(pk=company.pk).order_by("name"))
    matching = [
        other for other in others if same_registrant(registrant, cik, other.name, other.cik)
    ]
    return RegistrantMismatch(registrant or "another company", cik, matching, others)


def received_date_warning(letter_date: date | None, received_on: date) -> str:
    """Why the received date looks wrong for a letter of `letter_date`, or "" if it does not.

    Received before the letter was written is always wrong; otherwise more than
    RECEIVED_DRIFT_DAYS apart, either way."""
    if letter_date is None:
        return ""
    letter, received = f"{letter_date:%B %-d, %Y}", f"{received_on:%B %-d, %Y}"
    if received_on < letter_date:
        return (
            f"The letter is dated {letter}, after the day you say it was received ({received}). "
            "Check both dates: the response is due counting from the day received."
        )
    days = (received_on - letter_date).days
    if days > RECEIVED_DRIFT_DAYS:
        return (
            f"The letter is dated {letter} but marked received on {received}, {days} days later. "
            "Check both dates: the response is due counting from the day received."
        )
    return ""
