"""Ligatures and other compatibility characters read as the letters they stand for, whatever
the form a staff letter or filing comes in; the characters whose meaning NFKC would change stay."""

import io
import unicodedata
from datetime import date

import docx
import pytest

from tracker.parsing import extract_text, parse_letter, parse_letter_file
from tracker.parsing.decoding import readable
from tracker.parsing.filing_document import parse_filing_file
from tracker.parsing.letters import read_upload

PLAIN = """March 3, 2021

Jane Roe
Chief Financial Officer
Example Corp.
1 Main Street
Springfield, Illinois 62701

Re: Example Corp.
Form 10-K for the Fiscal Year Ended December 31, 2020
filed March 1, 2021
File No. 001-12345

Dear Ms. Roe:

We have reviewed your filing and have the following comments.

Form 10-K for the Fiscal Year Ended December 31, 2020

Management's Discussion and Analysis, page 41

1. Please confirm that the Office of the Chief Accountant reviewed the change you filed on
January 5, 2021, and tell us how it complies with Item 303 of Regulation S-K.

2. Please refer to prior comment 1 in our letter dated February 2, 2021. Please revise your
disclosure of the “significant” fees under § 229.303 to quantify each of them.

Please contact John Doe at (202) 551-1234 with any questions.

Sincerely,

Division of Corporation Finance
Office of Manufacturing
"""

# The same letter as a PDF-to-text tool or a typesetter leaves it: ligatures, a non-breaking
# hyphen, full-width digits, non-breaking spaces.
LIGATURED = (
    PLAIN.replace("fi", "\ufb01")
    .replace("ffi", "\ufb03")
    .replace("Office", "O\ufb03ce")
    .replace("10-K", "10\u2011K")
    .replace("2021.", "\uff12\uff10\uff12\uff11.")
    .replace("page 41", "page\u00a041")
)


def summary(letter) -> tuple:
    """What a reviewer checks: the date, the filings, and each comment as read."""
    comments = [
        (c.number, c.headings, c.pages, c.text, c.request_types, c.prior_letter_date)
        for c in letter.comments
    ]
    return letter.date, letter.filings, comments, letter.signatory, letter.contacts


def as_html(text: str) -> bytes:
    blocks = "".join(f"<p>{block.replace(chr(10), '<br>')}</p>" for block in text.split("\n\n"))
    return f"<html><body>{blocks}</body></html>".encode()


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for block in text.split("\n\n"):
        paragraph = document.add_paragraph()
        for number, line in enumerate(block.split("\n")):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_ligatures_are_read_as_plain_letters():
    assert readable("\ufb01led, con\ufb01rm, O\ufb03ce, \ufb02ow") == "filed, confirm, Office, flow"


def test_ligatured_letter_gives_the_plain_letters_comments_dates_and_filings():
    expected = parse_letter(PLAIN)
    letter = parse_letter_file(LIGATURED.encode())
    assert summary(letter) == summary(expected)
    assert letter.filings[0].form == "10-K"
    assert letter.filings[0].filed == date(2021, 3, 1)
    assert letter.comments[0].request_types == ["tell_us", "confirm"]


@pytest.mark.parametrize("container", [as_html, as_docx], ids=["html", "docx"])
def test_ligatured_html_and_word_letters_read_as_the_plain_text(container):
    expected = parse_letter(PLAIN)
    assert summary(parse_letter_file(container(LIGATURED))) == summary(expected)


def test_pasted_ligatured_text_is_read_as_the_plain_text():
    pasted = LIGATURED.replace("\n", "\r\n").encode()  # a browser sends CRLF
    assert summary(read_upload(pasted)) == summary(parse_letter(PLAIN))


def test_letter_keeps_what_its_symbols_mean():
    text = PLAIN.replace(
        "to quantify each of them.",
        "to quantify each of them for Example\u2122 Cloud\u2120, ½ of revenue,¹ and 20 m².",
    )
    comment = parse_letter_file(text.encode()).comments[1]
    assert comment.text.endswith(
        "the “significant” fees under § 229.303 to quantify each of them for "
        "Example\u2122 Cloud\u2120, ½ of revenue,¹ and 20 m²."
    )


@pytest.mark.parametrize(
    "kept",
    ["\u2122", "\u2120", "½", "¾", "¹", "²", "\u2082", "ª", "´", "…", "\u2460", "\u2488", "\u2474"],
)
def test_characters_whose_compatibility_form_reads_differently_are_kept(kept):
    assert unicodedata.normalize("NFKC", kept) != kept
    assert readable(f"a{kept}b \ufb01") == f"a{kept}b fi"


def test_curly_quotes_dashes_section_signs_and_bullets_are_untouched():
    text = "“Item” ‘303’ – — § §§ • \uf0b7 \uf0a7"
    assert readable(text) == text


def test_private_use_bullets_still_become_list_items():
    text = PLAIN.replace(
        "to quantify each of them.",
        "to quantify:\n\uf0b7 the \ufb01ling fees; and\n\uf0b7 the o\ufb03ce costs.",
    )
    comment = parse_letter_file(text.encode()).comments[1]
    assert comment.text.endswith("to quantify:\n- the filing fees; and\n- the office costs.")


def test_full_width_date_is_read():
    text = PLAIN.replace("March 3, 2021", "March \uff13, \uff12\uff10\uff12\uff11", 1)
    assert parse_letter_file(text.encode()).date == date(2021, 3, 3)


def test_ligatures_in_a_filing_are_read_in_its_headings():
    html = (
        "<html><body><h2>Notes to Consolidated \ufb01nancial Statements</h2>"
        "<p>Revenue is recognised when \ufb01led.</p></body></html>"
    ).encode()
    filing = parse_filing_file(html)
    assert [section.title for section in filing.sections] == [
        "Notes to Consolidated financial Statements"
    ]


def test_extracted_text_holds_no_ligature():
    assert "\ufb01" not in extract_text(as_docx(LIGATURED))
