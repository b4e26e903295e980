import functools

from files import docx_bytes, paragraph, pdf_bytes, table, text_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.parsing import (
    ParseError,
    extract_text,
    parse_letter,
    parse_letter_file,
    synthetic_letter,
)
from tracker.parsing.filing_document import parse_filing_file

OUTCOMES = {"ParsedLetter", "ParseError"}
TEXT_OUTCOMES = {"str", "ParseError"}
FILING_OUTCOMES = {"ParsedFiling", "ParseError"}
LETTER_ALPHABET = st.sampled_from(list("abcXYZ 0123456789.,:;-•*\n\f\t“”$()/") + ["Page 2"])


def outcome(parse, argument) -> str:
    """The result type's name, or "ParseError" for a refusal the user can be shown."""
    try:
        return type(parse(argument)).__name__
    except ParseError:
        return "ParseError"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_letter_arbitrary_text_returns_or_raises_parse_error(text):
    assert outcome(parse_letter, text) in OUTCOMES


@settings(max_examples=200, deadline=None)
@given(st.lists(LETTER_ALPHABET, max_size=400).map("".join))
def test_parse_letter_letter_like_text_returns_or_raises_parse_error(text):
    assert outcome(parse_letter, "Dear Ms. Doe:\n\n" + text) in OUTCOMES


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_letter_file_arbitrary_bytes_returns_or_raises_parse_error(data):
    assert outcome(parse_letter_file, data) in OUTCOMES


@settings(max_examples=50, deadline=None)
@given(st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"<DOCUMENT>"]), st.binary())
def test_parse_letter_file_damaged_headers_returns_or_raises_parse_error(head, data):
    assert outcome(parse_letter_file, head + data) in OUTCOMES


@functools.cache
def samples() -> dict[str, bytes]:
    """A small Word file and PDF to damage: a paragraph, a table, a line of text."""
    body = paragraph("Dear Ms. Doe:") + table([[("<w:vMerge/>", "1."), ("", "Revise.")]])
    return {
        "docx": docx_bytes(body),
        "pdf": pdf_bytes(text_content(b"Dear Ms. Doe:", b"1. Revise."), compress=True),
    }


@st.composite
def damaged(draw) -> bytes:
    """A sample with some bytes overwritten and maybe its tail cut off."""
    data = bytearray(samples()[draw(st.sampled_from(["docx", "pdf"]))])
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(len(data) // 2, len(data)))])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_extract_text_damaged_word_and_pdf_returns_or_raises_parse_error(data):
    assert outcome(extract_text, data) in TEXT_OUTCOMES


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_parse_filing_file_damaged_word_and_pdf_returns_or_raises_parse_error(data):
    assert outcome(parse_filing_file, data) in FILING_OUTCOMES


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_extract_text_arbitrary_bytes_returns_or_raises_parse_error(data):
    assert outcome(extract_text, data) in TEXT_OUTCOMES


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_filing_file_arbitrary_bytes_returns_or_raises_parse_error(data):
    assert outcome(parse_filing_file, data) in FILING_OUTCOMES


def test_synthetic_letter_parses_every_comment():
    letter = parse_letter(synthetic_letter(200))
    assert [c.number for c in letter.comments] == list(range(1, 201))
    assert letter.warnings == []


def test_synthetic_letter_of_1200_comments_parses_each_under_its_own_number():
    letter = parse_letter(synthetic_letter(1200))

    assert [c.number for c in letter.comments] == list(range(1, 1201))
    assert letter.comments[998].text.count("We note the discussion of segment results.") == 1
    assert letter.warnings == []


def test_follow_up_refers_back_to_a_comment_numbered_over_999():
    text = synthetic_letter(2).replace(
        "2. We note", "2. We note your response to prior comment 1017 and reissue it. We note"
    )

    assert parse_letter(text).comments[1].prior_comments == [1017]
