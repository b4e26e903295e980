"""A public review as a thread: staff letter -> response -> follow-up -> ... -> closing letter.

Pure Python. Each document is reduced to the facts the pairing needs (DocumentFacts, stored
with the document so a thread that gains documents later is paired again without reading its
files again). `pair_thread` pairs each staff comment with the company's keyed answer to it
and with what the staff did next:

- the answer: the response that answers that staff letter, found by the date the response
  names ("your letter dated ..."), else the first response after the letter; then the answer
  keyed to the comment's number;
- followed up: a later staff comment cites it ("prior comment 3", ParsedComment.prior_comments),
  in the letter of the date it names, else in the staff letter before its own;
- closed: a closing letter ("We have completed our review") came after it and no follow-up;
- else unknown.
"""

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from .library_documents import CORRESP, UPLOAD, LibraryReading

CLOSED = "closed"
FOLLOWED_UP = "followed_up"
UNKNOWN = "unknown"
REVIEW_COMPLETE = "review_complete"
COMMENTS = "comments"


@dataclass
class CommentFacts:
    number: int
    prior_comments: list[int] = field(default_factory=list)
    prior_letter_date: dt.date | None = None


@dataclass
class DocumentFacts:
    accession: str
    form_type: str  # UPLOAD or CORRESP
    kind: str = ""  # ParsedLetter.kind for a staff letter, ResponseKind for a response
    date: dt.date | None = None
    # A staff letter: the letter its opening follows up; a response: the staff letter answered.
    refers_to: dt.date | None = None
    comments: list[CommentFacts] = field(default_factory=list)  # staff letters
    answers: dict[int, str] = field(default_factory=dict)  # responses: number -> answer text
    company: str = ""  # the registrant a staff letter names, or the company a response names
    form: str = ""  # the form reviewed (10-K, S-1), from a staff letter's Re: block

    def to_json(self) -> dict:
        data = asdict(self)
        data["answers"] = {str(number): text for number, text in self.answers.items()}
        return _dates_to_text(data)

    @classmethod
    def from_json(cls, data: dict) -> "DocumentFacts":
        comments = [
            CommentFacts(c["number"], c["prior_comments"], _date(c["prior_letter_date"]))
            for c in data.get("comments", [])
        ]
        return cls(
            accession=data["accession"],
            form_type=data["form_type"],
            kind=data.get("kind", ""),
            date=_date(data.get("date")),
            refers_to=_date(data.get("refers_to")),
            comments=comments,
            answers={int(number): text for number, text in data.get("answers", {}).items()},
            company=data.get("company", ""),
            form=data.get("form", ""),
        )


@dataclass
class Pairing:
    """What became of one staff comment."""

    answer_accession: str = ""
    answer: str = ""
    outcome: str = UNKNOWN
    followed_up_by: tuple[str, int] | None = None  # (accession, comment number)


def facts_of(accession: str, reading: LibraryReading) -> DocumentFacts:
    """The pairing facts of one document as read."""
    if reading.letter is not None:
        letter = reading.letter
        comments = [
            CommentFacts(c.number, list(c.prior_comments), c.prior_letter_date)
            for c in letter.comments
        ]
        form = next((filing.form for filing in letter.filings if filing.form), "")
        return DocumentFacts(
            accession,
            UPLOAD,
            letter.kind,
            letter.date,
            letter.prior_letter_date,
            comments,
            company=letter.registrant,
            form=form,
        )
    response = reading.response
    answers: dict[int, str] = {}
    for answer in response.answers:
        answers.setdefault(answer.number, answer.text)
    return DocumentFacts(
        accession,
        CORRESP,
        response.kind,
        response.date,
        response.answers_letter_of,
        answers=answers,
        company=response.company,
    )


def in_order(documents: list[DocumentFacts]) -> list[DocumentFacts]:
    """The thread's documents in the order they were written: by the date each prints, else by
    the year in its accession. Accession numbers alone do not order a thread: the staff's are
    given when the letters are made public, often after the company's responses."""
    return sorted(documents, key=_order_key)


def _order_key(document: DocumentFacts) -> tuple:
    year = _accession_year(document.accession)
    when = document.date or dt.date(year, 1, 1)
    return (when, document.form_type != UPLOAD, document.accession)


def _accession_year(accession: str) -> int:
    found = re.match(r"\d{10}-(\d\d)-\d+", accession)
    return 2000 + int(found.group(1)) if found else 1900


def pair_thread(documents: list[DocumentFacts]) -> dict[tuple[str, int], Pairing]:
    """Each staff comment, as (letter accession, number), with its Pairing. `documents` in order."""
    pairings: dict[tuple[str, int], Pairing] = {}
    letters = [d for d in documents if d.form_type == UPLOAD and d.kind == COMMENTS]
    for letter in letters:
        response = _response_to(letter, documents)
        for comment in letter.comments:
            pairing = Pairing()
            if response is not None and comment.number in response.answers:
                pairing.answer_accession = response.accession
                pairing.answer = response.answers[comment.number]
            pairings[(letter.accession, comment.number)] = pairing
    _mark_follow_ups(letters, pairings)
    _mark_closed(documents, pairings)
    return pairings


def _response_to(letter: DocumentFacts, documents: list[DocumentFacts]) -> DocumentFacts | None:
    responses = [d for d in documents if d.form_type == CORRESP and d.answers]
    if letter.date is not None:
        named = [r for r in responses if r.refers_to == letter.date]
        if named:
            return named[0]
    after = documents[documents.index(letter) + 1 :]
    for document in after:
        if document.form_type == UPLOAD and document.kind == COMMENTS:
            return None  # the staff wrote again before any answer came
        if document in responses and (
            letter.date is None or document.refers_to in (None, letter.date)
        ):
            return document
    return None


def _mark_follow_ups(letters: list[DocumentFacts], pairings: dict) -> None:
    for position, letter in enumerate(letters):
        for comment in letter.comments:
            named = comment.prior_letter_date or letter.refers_to
            earlier = _earlier_letter(letters[:position], named)
            if earlier is None:
                continue
            for number in comment.prior_comments:
                pairing = pairings.get((earlier.accession, number))
                if pairing is not None and pairing.followed_up_by is None:
                    pairing.outcome = FOLLOWED_UP
                    pairing.followed_up_by = (letter.accession, comment.number)


def _earlier_letter(earlier: list[DocumentFacts], named: dt.date | None) -> DocumentFacts | None:
    if named is not None:
        for letter in earlier:
            if letter.date == named:
                return letter
    return earlier[-1] if earlier else None


def _mark_closed(documents: list[DocumentFacts], pairings: dict) -> None:
    closed_after = False
    for document in reversed(documents):
        if document.form_type == UPLOAD and document.kind == REVIEW_COMPLETE:
            closed_after = True
        for comment in document.comments if document.form_type == UPLOAD else []:
            pairing = pairings.get((document.accession, comment.number))
            if pairing is not None and closed_after and pairing.outcome == UNKNOWN:
                pairing.outcome = CLOSED


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _dates_to_text(value):
    if isinstance(value, dict):
        return {key: _dates_to_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value
