from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.parsing import ParseError, parse_letter, parse_letter_file, synthetic_letter

OUTCOMES = {"ParsedLetter", "ParseError"}
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
