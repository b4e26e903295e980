"""Response letters (CORRESP): refused where a staff letter belongs, with a plain message; and read
into keyed answers by the response-letter reader, whatever the layout and format."""

import datetime as dt
import io

import docx
import pytest
from files import pdf_bytes, text_content
from helpers import letter_text, seed_text

from tracker.parsing import ParseError, ResponseLetter, parse_letter, read_upload
from tracker.parsing.response_letters import ResponseKind, parse_response_letter, read_response_file

RESPONSE = """\
Northwind Tools, Inc.
12 Harbor Road, Portland, Maine 04101

July 6, 2021

VIA EDGAR

United States Securities and Exchange Commission
Division of Corporation Finance
100 F Street, N.E.
Washington, D.C. 20549

Re: Northwind Tools, Inc.
Form 10-K for the Fiscal Year Ended December 31, 2020
File No. 001-55555

Ladies and Gentlemen:

On behalf of Northwind Tools, Inc. (the "Company"), we respond to the comments of the staff
of the Division of Corporation Finance set forth in your letter dated June 21, 2021. For your
convenience, each comment is recited below in bold, followed by the Company's response.

1. Please tell us how you determined that your two segments need not be aggregated.

Response: The Company respectfully advises the Staff that its chief operating decision maker
reviews the two segments separately.

2. Please revise to quantify each factor you cite for the change in gross margin.

Response: The Company will quantify each factor in its future filings.

Sincerely,

/s/ Morgan Lee
Morgan Lee
Partner, Lee & Avery LLP
"""

EXTENSION = """\
August 3, 2021

Securities and Exchange Commission
Division of Corporation Finance
Washington, D.C. 20549

Re: Northwind Tools, Inc.
Form 10-Q for the Quarter Ended March 31, 2021

Dear Ms. Park:

Northwind Tools, Inc. acknowledges receipt of your letter of July 28, 2021 and asks for ten
more business days to respond. Please tell us if this is not acceptable.

Sincerely,

/s/ Dana Fox
Chief Financial Officer
"""


@pytest.mark.parametrize("text", [RESPONSE, EXTENSION], ids=["response", "extension-request"])
def test_letter_to_the_staff_is_refused_as_a_response_letter(text):
    with pytest.raises(ResponseLetter) as refused:
        parse_letter(text)
    assert "response letter to the SEC staff" in refused.value.message
    assert "Upload the staff's letter instead" in refused.value.message


def test_response_letter_without_its_addressee_is_still_recognised_by_its_answers():
    body = RESPONSE[RESPONSE.index("Re:") :]
    with pytest.raises(ResponseLetter):
        read_upload(body.encode())


@pytest.mark.parametrize("name", ["follow_up.txt", "tenk_two_filings.txt", "completion.txt"])
def test_staff_letters_quoting_the_companys_response_are_read(name):
    letter = parse_letter(letter_text(name))
    assert letter.kind in {"comments", "review_complete"}


def test_staff_letter_under_the_commissions_letterhead_is_read():
    text = "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWASHINGTON, D.C. 20549\n\n"
    letter = parse_letter(text + seed_text())
    assert len(letter.comments) == 26


# The response-letter reader: our own letters in the layouts filers use.

EDGAR_HTML = """<DOCUMENT><TYPE>CORRESP<TEXT><html><body>
<p>Harbor Pumps Corp.</p><p>March 9, 2022</p><p><b>VIA EDGAR</b></p>
<p>U.S. Securities and Exchange Commission</p><p>Division of Corporation Finance</p>
<p><b>Re: Harbor Pumps Corp.</b></p>
<p><b>Form 10-K for the Fiscal Year Ended December 31, 2021</b></p>
<p>Dear Ms. Rowe:</p>
<p>Harbor Pumps Corp. (the &#8220;Company&#8221;) submits this letter in response to the comment
letter dated February 23, 2022. The comments are recited in bold, each followed by our response.</p>
<p><u>Form 10-K for the Fiscal Year Ended December 31, 2021</u></p>
<p><u>Segment Information, page 61</u></p>
<table><tr><td><b>1.</b></td>
<td><b>Please tell us how you identified your operating segments.</b></td></tr></table>
<p style="font-weight:bold">Response: The Company identified two operating segments.</p>
<p style="font-weight:bold">Its chief executive reviews each one monthly.</p>
<table><tr><td><b>2.</b></td>
<td><b>Please quantify the change in warranty reserves.</b></td></tr></table>
<p><b>Response:</b> The Company will quantify the change in future filings.</p>
<table><tr><td>Reserve</td><td>$</td><td>1,200</td></tr><tr><td>3,571</td><td>16</td></tr></table>
<p>Securities and Exchange Commission</p><p>Page 2</p>
<p>If you have any questions, please call me at 555-0100.</p>
<p>Sincerely,</p><p>/s/ Dana Whit</p><p>Dana Whit, Chief Financial Officer</p>
<p>cc: Lee Avery, Lee &amp; Avery LLP</p></body></html>"""


def test_edgar_html_keyed_answers_read_with_headings_and_dates():
    letter = read_response_file(EDGAR_HTML.encode())

    assert letter.kind == ResponseKind.KEYED
    assert letter.date == dt.date(2022, 3, 9)
    assert letter.answers_letter_of == dt.date(2022, 2, 23)
    assert letter.company == "Harbor Pumps Corp."
    assert [answer.number for answer in letter.answers] == [1, 2]
    first = letter.answers[0]
    assert first.headings == [
        "Form 10-K for the Fiscal Year Ended December 31, 2021",
        "Segment Information, page 61",
    ]
    assert first.recited == "Please tell us how you identified your operating segments."
    assert first.text == (
        "The Company identified two operating segments.\n\n"
        "Its chief executive reviews each one monthly."
    )


def test_signature_cc_and_closing_stay_out_of_the_last_answer():
    last = read_response_file(EDGAR_HTML.encode()).answers[-1]

    assert last.text.startswith("The Company will quantify the change in future filings.")
    assert "questions" not in last.text
    assert "Dana Whit" not in last.text
    assert "Lee & Avery" not in last.text
    assert "Page 2" not in last.text


def test_plain_text_response_labels_letter():
    letter = parse_response_letter(RESPONSE)

    assert letter.kind == ResponseKind.KEYED
    assert letter.answers_letter_of == dt.date(2021, 6, 21)
    assert [(a.number, a.text.split()[:3]) for a in letter.answers] == [
        (1, ["The", "Company", "respectfully"]),
        (2, ["The", "Company", "will"]),
    ]
    assert letter.answers[1].recited.startswith("Please revise to quantify")
    assert "Morgan Lee" not in letter.answers[1].text


ITALIC_NO_LABEL = """<html><body><p>May 2, 2023</p>
<p>Securities and Exchange Commission</p><p>Re: Quill Foods Inc.</p><p>Ladies and Gentlemen:</p>
<p>We respond to your letter of April 18, 2023 below.</p>
<p><i>1. We note that you present adjusted EBITDA. Please tell us why.</i></p>
<p>We present adjusted EBITDA because our lenders use it.</p>
<p>We will say so in future filings.</p>
<p><i>2. Please disclose your largest customer.</i></p>
<p>No customer accounted for more than 10% of revenue.</p>
<p>Very truly yours,</p><p>Quill Foods Inc.</p></body></html>"""


def test_italic_recital_without_label_is_split_from_its_answer():
    letter = read_response_file(ITALIC_NO_LABEL.encode())

    assert letter.answers_letter_of == dt.date(2023, 4, 18)
    assert [a.number for a in letter.answers] == [1, 2]
    assert letter.answers[0].recited.endswith("Please tell us why.")
    assert letter.answers[0].text == (
        "We present adjusted EBITDA because our lenders use it.\n\n"
        "We will say so in future filings."
    )
    assert letter.answers[1].text == "No customer accounted for more than 10% of revenue."


COMBINED = """June 1, 2020

Re: Lark Devices, Inc.

Dear Mr. Penn:

This letter responds to your letter dated May 18, 2020.

Comment 3: Please tell us about your backlog.

Response to Comment 3: Our backlog was $4 million.

Comments 4 and 5: Please describe your two largest contracts and their terms.

Response to Comments 4 and 5: Both contracts run for three years.

Sincerely,

/s/ Ana Penn
"""


def test_one_answer_to_several_comments_is_given_to_each():
    letter = parse_response_letter(COMBINED)

    assert [(a.number, a.text) for a in letter.answers] == [
        (3, "Our backlog was $4 million."),
        (4, "Both contracts run for three years."),
        (5, "Both contracts run for three years."),
    ]


def test_word_letter_edited_by_counsel_reads_the_same():
    document = docx.Document()
    for paragraph in RESPONSE.split("\n\n"):
        document.add_paragraph(" ".join(paragraph.split()))
    out = io.BytesIO()
    document.save(out)

    letter = read_response_file(out.getvalue())

    assert [a.number for a in letter.answers] == [1, 2]
    assert letter.answers[0].text.startswith("The Company respectfully advises the Staff")


def test_pdf_letter_reads_its_answers():
    lines = [
        b"July 6, 2021",
        b"Re: Northwind Tools, Inc.",
        b"Ladies and Gentlemen:",
        b"We respond to your letter dated June 21, 2021.",
        b"1. Please explain the segment change.",
        b"Response: The segments were merged in 2020.",
        b"2. Please file the credit agreement.",
        b"Response: We filed it as Exhibit 10.1.",
        b"Sincerely,",
        b"/s/ Morgan Lee",
    ]
    letter = read_response_file(pdf_bytes(text_content(*lines)))

    assert [(a.number, a.text) for a in letter.answers] == [
        (1, "The segments were merged in 2020."),
        (2, "We filed it as Exhibit 10.1."),
    ]


def _letter(opening: str) -> str:
    return (
        "April 13, 2021\n\nSecurities and Exchange Commission\n\nRe: Lark Devices, Inc.\n\n"
        f"Ladies and Gentlemen:\n\n{opening}\n\nSincerely,\n\n/s/ Ana Penn\n"
    )


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Pursuant to Rule 461 under the Securities Act, the Company hereby requests that the "
            "effective date of the Registration Statement be accelerated to 4:00 p.m. on April 15.",
            ResponseKind.ACCELERATION,
        ),
        (
            "The Company requests confidential treatment under Rule 83 of the enclosed material.",
            ResponseKind.RULE_83,
        ),
        (
            "We received your letter dated April 2, 2021. We require additional time and will "
            "respond no later than May 1, 2021.",
            ResponseKind.TIMING,
        ),
        (
            "Enclosed herewith is Amendment No. 2 to the Registration Statement, marked to show "
            "changes.",
            ResponseKind.COVER,
        ),
        ("We thank the staff for its call last week.", ResponseKind.OTHER),
    ],
)
def test_letters_answering_no_comment_say_what_they_are(opening, kind):
    letter = parse_response_letter(_letter(opening))

    assert (letter.kind, letter.answers) == (kind, [])


def test_acceleration_request_with_numbered_acknowledgments_is_not_keyed():
    opening = (
        "In accordance with Rule 461, the Company hereby requests acceleration of the effective "
        "date of the Registration Statement.\n\n"
        "1. The Company acknowledges that it is responsible.\n\n"
        "2. The Company acknowledges that the staff's action does not relieve it."
    )
    assert parse_response_letter(_letter(opening)).kind == ResponseKind.ACCELERATION


def test_rule_83_legends_stay_out_of_the_answer():
    text = RESPONSE.replace(
        "reviews the two segments separately.",
        "reviews the two segments separately.\n\nConfidential Treatment Requested by Northwind "
        "Tools, Inc.\n\n[***]",
    )
    answer = parse_response_letter(text).answers[0]

    assert "Confidential Treatment" not in answer.text
    assert "[***]" not in answer.text


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\xff" * 5000,
        b"<div>" * 200_000 + b"1. Deep" + b"</div>" * 200_000,
        b"",
        b"x" * (21 * 1024 * 1024),
    ],
    ids=["binary", "deeply nested html", "empty", "huge"],
)
def test_hostile_input_gives_a_clear_error(data):
    with pytest.raises(ParseError) as error:
        read_response_file(data)

    assert str(error.value)
