"""parse_letter: staff letter text in, ParsedLetter out."""

import re

from .acknowledgment import asks_acknowledgment
from .body import (
    COMMENT_START_RE,
    find_closing_start,
    find_comment_starts,
    paragraphs,
    split_trailing_headings,
)
from .cleanup import drop_form_debris, join_hyphenated, normalize_lines, remove_page_headers
from .closing import read_closing, response_window
from .corresp import refuse_response_letter
from .dates import find_date
from .doubts import Doubts
from .envelope import Envelope, re_block_lines, read_envelope, registrant_from
from .errors import EmptyDocument, NeedsOCR, NotALetter
from .extract import extract_text
from .filings import parse_filings
from .headings import nest
from .model import ParsedComment, ParsedLetter
from .pages import page_refs
from .requests import prior_comments, prior_letter_date, request_types
from .runon import restore_breaks

_NO_REVIEW_RE = re.compile(
    r"(?:have not reviewed|do not intend to review|will not review|will not be reviewed|"
    r"not be subject to (?:any )?(?:further )?review|no further review)",
    re.IGNORECASE,
)
_COMPLETE_RE = re.compile(
    r"(?:completed our review|review (?:of your filings? )?is (?:now )?complete|"
    r"concluded our review)",
    re.IGNORECASE,
)

# A staff request: a letter with one comment need not number it.
_REQUEST_RE = re.compile(
    r"\b(?:please (?:revise|tell|provide|disclose|explain|respond|confirm|advise)|we note|"
    r"tell us|remain outstanding|have not (?:yet )?(?:received|responded))",
    re.IGNORECASE,
)
_INTRO_RE = re.compile(r"^(?:We have (?:reviewed|limited)|In (?:our|some of our) comments?)", re.I)


def parse_letter(text: str) -> ParsedLetter:
    """Parse the text of an SEC staff comment letter.

    Raises EmptyDocument for blank text, ResponseLetter for the company's own letter to the
    staff, and NotALetter when the text holds no numbered comments and is neither a closing nor
    a no-review letter.
    """
    if not text or not text.strip():
        raise EmptyDocument()
    refuse_response_letter(text)
    doubts = Doubts()
    lines = _clean_lines(text, doubts)
    envelope = read_envelope(lines)
    letter = ParsedLetter(source_text=text)
    _fill_envelope(letter, envelope)
    body = lines[_body_start(envelope) :]
    starts, letter.warnings = find_comment_starts(body, doubts)
    if starts:
        letter.kind = "comments"
        closing_at = find_closing_start(body, starts[-1][0])
        letter.comments = _comments(body, starts, closing_at, _registrants(letter, envelope))
        intro = paragraphs(body[: starts[0][0]])
        letter.response_window_business_days = response_window(intro)
        letter.prior_letter_date = prior_letter_date(intro)
    else:
        closing_at = find_closing_start(body, -1)
        letter.kind = _kind_without_comments("\n".join(body))
        if letter.kind == "comments":
            letter.comments = [_comment(1, [], _unnumbered_comment(body[:closing_at]))]
        else:
            closing_at = 0
        letter.response_window_business_days = response_window("\n".join(body))
    for comment in letter.comments:
        comment.doubts = doubts.of(comment.number)
    closing = read_closing(body[closing_at:])
    letter.closing, letter.contacts = closing.text, closing.contacts
    letter.signatory, letter.cc = closing.signatory, closing.cc
    asked_in = [comment.text for comment in letter.comments] + [letter.closing]
    letter.asks_acknowledgment = asks_acknowledgment("\n\n".join(asked_in))
    return letter


def parse_letter_file(data: bytes) -> ParsedLetter:
    """Parse a staff letter given as PDF, DOCX, HTML or text bytes."""
    return parse_letter(extract_text(data))


def read_upload(source: bytes, by_hand: bool = False) -> ParsedLetter:
    """An uploaded letter's bytes as a preview; what the bounded child runs for an upload.

    `by_hand` skips the search for numbered comments: one empty comment, and the text read (none
    for a scan). On NotALetter the error keeps the text read in `source_text`, so the user may
    enter the comments by hand."""
    if by_hand:
        return _by_hand_letter(source)
    text = extract_text(source)
    try:
        return parse_letter(text)
    except NotALetter as error:
        error.source_text = text
        raise


def _by_hand_letter(source: bytes) -> ParsedLetter:
    try:
        text = extract_text(source)
    except NeedsOCR:
        text = ""
    return ParsedLetter(kind="comments", source_text=text, comments=[ParsedComment(number=1)])


def _clean_lines(text: str, doubts: Doubts) -> list[str]:
    lines = drop_form_debris(normalize_lines(restore_breaks(text, doubts)))
    envelope = read_envelope(lines)
    anchors = [envelope.addressee.name, envelope.addressee.company]
    anchors.append(registrant_from(envelope.re_lines))
    return join_hyphenated(remove_page_headers(lines, anchors))


def _fill_envelope(letter: ParsedLetter, envelope: Envelope) -> None:
    letter.date = find_date(envelope.date_text) if envelope.date_text else None
    letter.addressee = envelope.addressee
    letter.salutation = envelope.salutation
    letter.re_block = "\n".join(envelope.re_lines)
    letter.registrant = registrant_from(envelope.re_lines) or envelope.addressee.company
    letter.filings = parse_filings(re_block_lines(envelope.re_lines))


def _body_start(envelope: Envelope) -> int:
    if envelope.salutation_line >= 0:
        return envelope.salutation_line + 1
    return envelope.date_line + 1 if envelope.date_line >= 0 else 0


def _registrants(letter: ParsedLetter, envelope: Envelope) -> list[str]:
    """Company names printed in the Re: block, which may also head groups of comments."""
    described = {f.description for f in letter.filings}
    names = [letter.registrant]
    for line in re_block_lines(envelope.re_lines)[1:]:
        if line not in described and not re.match(r"(?i)(?:filed|submitted|file no|cik)", line):
            names.append(line)
    return [name for name in names if name]


def _kind_without_comments(body: str) -> str:
    flat = re.sub(r"\s+", " ", body)
    if _NO_REVIEW_RE.search(flat):
        return "no_review"
    if _COMPLETE_RE.search(flat):
        return "review_complete"
    if _REQUEST_RE.search(flat):
        return "comments"
    raise NotALetter()


def _unnumbered_comment(lines: list[str]) -> str:
    """The one comment of a letter that does not number it: its paragraphs after the intro
    ("We have reviewed your filing..."), or all of them when the letter has no intro."""
    text = paragraphs(lines)
    parts = text.split("\n\n", 1)
    if len(parts) == 2 and _INTRO_RE.match(parts[0]):
        return parts[1]
    return text


def _comments(
    body: list[str], starts: list[tuple[int, int]], closing_at: int, registrants: list[str]
) -> list[ParsedComment]:
    _, group = split_trailing_headings(body[: starts[0][0]])
    stack = nest([], group, registrants)
    comments = []
    for position, (index, number) in enumerate(starts):
        last = position + 1 == len(starts)
        end = closing_at if last else starts[position + 1][0]
        rest = COMMENT_START_RE.match(body[index]).group("rest") or ""
        span = body[index + 1 : end]
        # The comment's own first line is text even when it reads like a heading.
        text_lines, group = (span, []) if last else split_trailing_headings(span)
        comments.append(_comment(number, list(stack), paragraphs([rest, *text_lines])))
        stack = nest(stack, group, registrants)
    return comments


def _comment(number: int, headings: list[str], text: str) -> ParsedComment:
    pages = page_refs(" \n".join(headings))
    pages += [page for page in page_refs(text) if page not in pages]
    return ParsedComment(
        number=number,
        headings=headings,
        pages=pages,
        text=text,
        request_types=request_types(text),
        prior_comments=prior_comments(text),
        prior_letter_date=prior_letter_date(text),
    )
