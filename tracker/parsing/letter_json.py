"""A parsed letter as JSON-ready data, and back: the one place its JSON shape is written.

The preview keeps the letter in this shape while the user corrects it, and `import_letter`
prints it; dates are ISO strings or null. The source text is left out: the preview keeps it
once, beside the data.
"""

import dataclasses
import datetime as dt

from .model import Addressee, Contact, FilingRef, ParsedComment, ParsedLetter, Signatory


def letter_to_json(letter: ParsedLetter) -> dict:
    """Every field of the letter but its source text, dates as ISO strings."""
    data = dataclasses.asdict(letter)
    del data["source_text"]
    data["date"] = _iso(letter.date)
    data["prior_letter_date"] = _iso(letter.prior_letter_date)
    data["filings"] = [
        {**ref, "filed": _iso(ref["filed"]), "submitted": _iso(ref["submitted"])}
        for ref in data["filings"]
    ]
    for comment in data["comments"]:
        comment["prior_letter_date"] = _iso(comment["prior_letter_date"])
    return data


def letter_from_json(data: dict, source_text: str = "") -> ParsedLetter:
    """Rebuild the dataclass tree from `letter_to_json` (fields it lacks take their default)."""
    signatory = data.get("signatory")
    return ParsedLetter(
        date=_from_iso(data.get("date")),
        kind=data.get("kind") or "other",
        addressee=Addressee(**(data.get("addressee") or {})),
        salutation=data.get("salutation", ""),
        re_block=data.get("re_block", ""),
        registrant=data.get("registrant", ""),
        filings=[_filing_ref(ref) for ref in data.get("filings", [])],
        response_window_business_days=data.get("response_window_business_days"),
        comments=[_parsed_comment(comment) for comment in data.get("comments", [])],
        closing=data.get("closing", ""),
        contacts=[Contact(**contact) for contact in data.get("contacts", [])],
        signatory=Signatory(**signatory) if signatory else None,
        cc=list(data.get("cc", [])),
        source_text=source_text,
        warnings=list(data.get("warnings", [])),
        prior_letter_date=_from_iso(data.get("prior_letter_date")),
        asks_acknowledgment=bool(data.get("asks_acknowledgment", False)),
    )


def _filing_ref(data: dict) -> FilingRef:
    dates = {"filed": _from_iso(data.get("filed")), "submitted": _from_iso(data.get("submitted"))}
    return FilingRef(**{**data, **dates})


def _parsed_comment(data: dict) -> ParsedComment:
    return ParsedComment(**{**data, "prior_letter_date": _from_iso(data.get("prior_letter_date"))})


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _from_iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
