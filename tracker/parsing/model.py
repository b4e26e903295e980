"""The dataclass tree a parsed staff letter is returned as."""

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Addressee:
    name: str = ""
    title: str = ""
    company: str = ""
    address_lines: list[str] = field(default_factory=list)


@dataclass
class FilingRef:
    form: str = ""
    description: str = ""
    filed: dt.date | None = None
    submitted: dt.date | None = None
    amendment_number: int | None = None
    file_number: str = ""
    cik: str = ""
    period: str = ""


@dataclass
class ParsedComment:
    number: int
    headings: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    text: str = ""
    request_types: list[str] = field(default_factory=list)
    prior_comments: list[int] = field(default_factory=list)
    prior_letter_date: dt.date | None = None
    # What the parser was unsure of here (a number chosen over another, a heading guessed,
    # page furniture removed), in a reviewer's words: the preview shows these comments first.
    doubts: list[str] = field(default_factory=list)


@dataclass
class Contact:
    name: str
    title: str = ""
    phone: str = ""


@dataclass
class Signatory:
    name: str
    title: str = ""


@dataclass
class ParsedLetter:
    date: dt.date | None = None
    kind: str = "other"
    addressee: Addressee = field(default_factory=Addressee)
    salutation: str = ""
    re_block: str = ""
    registrant: str = ""
    filings: list[FilingRef] = field(default_factory=list)
    response_window_business_days: int | None = None
    comments: list[ParsedComment] = field(default_factory=list)
    closing: str = ""
    contacts: list[Contact] = field(default_factory=list)
    signatory: Signatory | None = None
    cc: list[str] = field(default_factory=list)
    source_text: str = ""
    warnings: list[str] = field(default_factory=list)
    # The staff letter this one follows up, as its opening names it ("our letter dated ...").
    prior_letter_date: dt.date | None = None
    # Whether the staff ask for the company's written acknowledgment statement in its response.
    asks_acknowledgment: bool = False
