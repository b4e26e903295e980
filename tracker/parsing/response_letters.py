"""A company's response letter to the staff (EDGAR form type CORRESP), read for its keyed answers.

Pure Python. Takes the letter's text (HTML as filed, PDF, Word or plain text, turned into lines
by the readers in this package) and returns a ParsedResponse: the letter's date, the company,
the staff letter it answers (by that letter's date), and each keyed answer: the comment number,
the comment as recited (when the letter recites it) and the response text.

Not every CORRESP is a keyed response: a request to accelerate effectiveness (Rule 461), a
cover letter sending a filing or supplemental material, and a request for confidential
treatment (Rule 83, 17 CFR 200.83) answer no comment. Those come back with their kind and no
answers, so a caller can say what the document is.

The same reader takes back a Word letter that counsel edited.
"""

import datetime as dt
from dataclasses import dataclass, field


class ResponseKind:
    """What a letter to the staff is (the values are stored in LibraryDocument.kind)."""

    KEYED = "keyed_response"
    ACCELERATION = "acceleration_request"
    COVER = "cover_letter"
    RULE_83 = "rule_83_request"
    OTHER = "other"


@dataclass
class KeyedAnswer:
    """One answer, keyed to the staff's comment `number` (as the letter numbers it)."""

    number: int
    recited: str = ""  # the staff's comment as the letter repeats it; "" when not recited
    headings: list[str] = field(default_factory=list)  # the staff's headings repeated above it
    text: str = ""  # the response, paragraphs joined by blank lines


@dataclass
class ParsedResponse:
    kind: str = ResponseKind.OTHER
    date: dt.date | None = None
    company: str = ""
    # The staff letter answered, by the date the response names ("your letter dated ...").
    answers_letter_of: dt.date | None = None
    answers: list[KeyedAnswer] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
