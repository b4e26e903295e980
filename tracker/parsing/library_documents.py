"""One EDGAR document of a public review, read for the precedent library. Pure Python.

A staff letter (form type UPLOAD) is read as an upload is (`read_upload`): PDF, or text when
only the text is given. A letter to the staff (CORRESP: .htm, .pdf or .txt) is read by the
response-letter reader for its keyed answers. `read_library_document` is what the bounded
child runs for each file (see sandbox.bounded_each).
"""

import re
from dataclasses import dataclass

from .dates import find_date
from .extract import extract_text
from .letters import read_upload
from .model import ParsedLetter
from .requests import prior_letter_date
from .response_letters import KeyedAnswer, ParsedResponse, ResponseKind

UPLOAD = "UPLOAD"
CORRESP = "CORRESP"


@dataclass
class LibraryReading:
    """What a document gave: its text, and the staff letter or the response it is."""

    form_type: str  # UPLOAD or CORRESP
    text: str = ""
    letter: ParsedLetter | None = None
    response: ParsedResponse | None = None


def read_library_document(item: tuple[str, bytes]) -> LibraryReading:
    """`item` is (form type, the file's bytes). Raises the readers' ParseError for a file that
    cannot be read (damaged, a scan, not a letter)."""
    form_type, data = item
    if form_type == UPLOAD:
        letter = read_upload(data)
        return LibraryReading(form_type, text=letter.source_text, letter=letter)
    text = extract_text(data)
    return LibraryReading(form_type, text=text, response=read_response_text(text))


# --- The simplest keyed response: "1. <comment>" then "Response: <answer>" ---------------------

_NUMBER_RE = re.compile(r"^\s*(?:Comment\s+(?:No\.\s*)?)?(\d{1,3})[.)]\s+\S", re.IGNORECASE)
_RESPONSE_RE = re.compile(
    r"^\s*(?:Company\W?s\s+)?Response\s*(?:to\s+Comment\s+\d+)?\s*[:.]\s*", re.I
)
_SIGN_OFF_RE = re.compile(r"^\s*(?:Sincerely|Very truly yours|Respectfully|Yours truly)", re.I)


def read_response_text(text: str) -> ParsedResponse:
    """A response letter's date, the staff letter it answers and its keyed answers, read from
    the layout most letters share: each comment recited under its number, then "Response:"."""
    response = ParsedResponse(date=find_date(text[:2000]))
    response.answers_letter_of = prior_letter_date(text[:4000]) or _dated_letter(text[:4000])
    number, answer_lines = None, None
    for line in text.splitlines():
        if _SIGN_OFF_RE.match(line):
            break
        numbered = _NUMBER_RE.match(line)
        if numbered and answer_lines is not None or numbered and number is None:
            _keep(response, number, answer_lines)
            number, answer_lines = int(numbered.group(1)), None
        elif number is not None and _RESPONSE_RE.match(line):
            answer_lines = [_RESPONSE_RE.sub("", line, count=1)]
        elif answer_lines is not None:
            answer_lines.append(line)
    _keep(response, number, answer_lines)
    response.kind = ResponseKind.KEYED if response.answers else ResponseKind.OTHER
    return response


def _dated_letter(text: str):
    found = re.search(r"letter dated\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s*\d{4})", text)
    return find_date(found.group(1)) if found else None


def _keep(response: ParsedResponse, number: int | None, lines: list[str] | None) -> None:
    if number is None or lines is None:
        return
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip())
    text = "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())
    if text:
        response.answers.append(KeyedAnswer(number=number, text=text))
