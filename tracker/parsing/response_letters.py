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
import re
from dataclasses import dataclass, field

from .decoding import decode_html
from .errors import CorruptDocument, EmptyDocument, TooLarge
from .extract import extract_text, guarded, sniff_format
from .limits import LETTER, Limits
from .response_answers import split_answers
from .response_head import read_frame
from .response_style import Line, lines_of


class ResponseKind:
    """What a letter to the staff is (the values are stored in LibraryDocument.kind)."""

    KEYED = "keyed_response"
    ACCELERATION = "acceleration_request"
    COVER = "cover_letter"
    RULE_83 = "rule_83_request"
    TIMING = "response_timing"  # says only when the answers will come
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


def parse_response_letter(text: str) -> ParsedResponse:
    """A response letter given as plain text (paragraphs split by blank lines, or one a line)."""
    return parse_response_lines(text_lines(text))


def read_response_file(data: bytes, limits: Limits = LETTER) -> ParsedResponse:
    """A response letter as filed: HTML as on EDGAR (read with its bold, italic and underline,
    which tell a recited comment from its answer), PDF, Word (.docx) or plain text.

    Raises a ParseError subclass with a message for the user (TooLarge, EmptyDocument,
    NotADocument, CorruptDocument, ...), as extract_text does. Run it through
    sandbox.bounded for a file from outside."""
    if len(data) > limits.max_bytes:
        raise TooLarge(limits.too_large())
    if sniff_format(data) != "html":
        return parse_response_letter(extract_text(data, limits))
    lines = guarded(_html_lines, data, limits)
    if not lines and _TEXT_BETWEEN_TAGS.search(data):
        # The HTML parser leaves out what lies deeper than 255 elements: text is there, but
        # nothing reached it.
        raise CorruptDocument("The HTML is nested too deeply to be read.")
    if not lines:
        raise EmptyDocument()
    return parse_response_lines(lines)


_TEXT_BETWEEN_TAGS = re.compile(rb">\s*[^<\s]")


def _html_lines(data: bytes, limits: Limits) -> list[Line]:
    return lines_of(decode_html(data).encode("utf-8"))


def text_lines(text: str) -> list[Line]:
    """Plain text as lines: a paragraph's wrapped lines joined when paragraphs are split by
    blank lines (as Word and most text files give them), else each line its own."""
    text = text.replace("\r\n", "\n").replace("\f", "\n\n")
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) < 4:
        blocks = text.split("\n")
    return [Line(" ".join(block.split())) for block in blocks if block.strip()]


def parse_response_lines(lines: list[Line]) -> ParsedResponse:
    """The letter read from its lines (see the module's docstring)."""
    frame = read_frame(lines)
    answers = [
        KeyedAnswer(number, _joined(answer.recited), list(answer.headings), _joined(answer.text))
        for answer in split_answers(frame.body)
        for number in answer.numbers
    ]
    body = " ".join(line.text for line in frame.body)
    opening = " ".join(line.text for line in frame.body[:2])
    if _ACCELERATION_RE.search(opening) and _REQUEST_RE.search(opening):
        answers = []  # the numbered list of an acceleration request answers no comment
    return ParsedResponse(
        kind=ResponseKind.KEYED if answers else kind_without_answers(body),
        date=frame.date,
        company=frame.company,
        answers_letter_of=frame.answers_letter_of,
        answers=answers,
    )


def _joined(lines: list[Line]) -> str:
    return "\n\n".join(line.text for line in lines)


_ACCELERATION_RE = re.compile(
    r"\brule\s+461\b|\baccelerat\w*\b[^.]{0,200}\beffective|\beffective\s+date\b[^.]{0,200}"
    r"\baccelerat",
    re.I,
)
_REQUEST_RE = re.compile(r"\brequests?\b|\bjoin\s+in\b", re.I)
_RULE_83_RE = re.compile(r"\brule\s+83\b|200\.83\b|confidential\s+treatment|\[\*\*\*\]", re.I)
_TIMING_RE = re.compile(
    r"\b(?:will|intends?\s+to|expects?\s+to|plans?\s+to)\s+(?:submit|provide|respond|file)\b[^.]{0,80}"
    r"\b(?:by|on\s+or\s+before|within|no\s+later\s+than)\b|\badditional\s+time\b|\bextension\b|"
    r"\bwill\s+not\s+be\s+able\s+to\s+(?:submit|provide|respond)|\btimetable\b|\bextend\b",
    re.I,
)
_COVER_RE = re.compile(
    r"\b(?:enclosed|transmit\w*|submit\w*\s+herewith|herewith|supplementally|"
    r"filed\s+(?:today|herewith|concurrently)|are\s+filing|is\s+filing|has\s+filed|"
    r"being\s+filed)\b",
    re.I,
)


def kind_without_answers(body: str) -> str:
    """What a letter answering no comment is: an acceleration request (Rule 461), a Rule 83
    confidential-treatment request, a letter saying when the answers will come, a cover letter
    sending a filing or material, or other."""
    if _ACCELERATION_RE.search(body):
        return ResponseKind.ACCELERATION
    if _RULE_83_RE.search(body):
        return ResponseKind.RULE_83
    if _TIMING_RE.search(body):
        return ResponseKind.TIMING
    if _COVER_RE.search(body):
        return ResponseKind.COVER
    return ResponseKind.OTHER
