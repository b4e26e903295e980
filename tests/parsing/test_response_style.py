"""Response letters to the staff read for their layout and conventions. Each letter here is our
own, laid out as one of five real letters checked by hand (an S-1, a 10-K, a Rule 83 request,
an acceleration request, an S-4), for the letter style's corpus check."""

from tracker.parsing.response_style import in_our_order, lines_of, read_response_letter
from tracker.parsing.style_corpus import misses

WRAPPER = "<DOCUMENT>\n<TYPE>CORRESP\n<SEQUENCE>1\n<FILENAME>letter.htm\n<TEXT>\n"
HEAD = [
    "<p>June 3, 2024</p>",
    "<p><b>VIA EDGAR</b></p>",
    "<p>U.S. Securities and Exchange Commission<br>Division of Corporation Finance<br>"
    "Office of Technology<br>100 F Street, N.E.<br>Washington, D.C. 20549</p>",
]


def letter(*blocks: str) -> bytes:
    body = "\n".join(blocks)
    return f'{WRAPPER}<html><body style="font: 10pt Times">{body}</body></html>'.encode()


def test_s1_letter_bold_italic_recitals_no_label_formal():
    data = letter(
        "<p style='text-align:center'>HARLOW &amp; FINCH LLP<br>9 Quay Road, Boston</p>",
        *HEAD,
        "<p>Attention: Rina Cole, Ezra Vance</p>",
        "<p>Re: Brightwell Labs, Inc.<br>Registration Statement on Form S-1<br>"
        "File No. 333-000001</p>",
        "<p>Ladies and Gentlemen:</p>",
        "<p>On behalf of Brightwell Labs, Inc., we respond to the Staff's letter of May 20.</p>",
        "<p><b><u>Prospectus Summary</u></b></p>",
        "<p><b><i>1. Please explain how you define an active customer.</i></b></p>",
        "<p>We define an active customer as one who paid in the last twelve months.</p>",
        "<p><b><i>2. Please file the lease as an exhibit.</i></b></p>",
        "<p>The lease has been filed as Exhibit 10.4.</p>",
        "<p>If you have any questions, please contact the undersigned.</p>",
        "<p>Sincerely,</p>",
        "<p>/s/ Mara Finch<br>Mara Finch</p>",
        "<p>cc: Theo Brandt, Chief Executive Officer</p>",
    )
    reading = read_response_letter(data)
    assert reading.elements == [
        "letterhead", "date", "delivery", "addressee", "attention", "re", "salutation",
        "opening", "comments", "closing", "sign_off", "signature", "cc",
    ]  # fmt: skip
    assert (reading.salutation, reading.recital, reading.label, reading.sign_off) == (
        "formal",
        "bold_italic",
        "",
        "Sincerely,",
    )
    assert (reading.keyed, reading.comments, misses(reading)) == (True, 2, [])


def test_10k_letter_dear_names_plain_recital_response_label():
    data = letter(
        "<p>June 3, 2024</p>",
        HEAD[2],
        "<p>Attn: Lena Ortiz and Paul Greer</p>",
        "<p><b>Re: Corvane Industries<br>Form 10-K for the Year Ended December 31, 2023</b></p>",
        "<p>Dear Ms. Ortiz and Mr. Greer:</p>",
        "<p>We respond below to the comment in your letter dated May 21, 2024.</p>",
        "<p>1. Tell us how you tested goodwill for impairment.</p>",
        "<p><b>Response:</b> The Company tested goodwill at the reporting unit level.</p>",
        "<p>Please call me with any questions.</p>",
        "<p>Very truly yours,</p>",
        "<p>/s/ Ines Park</p>",
    )
    reading = read_response_letter(data)
    assert reading.salutation == "dear" and reading.label == "Response:"
    assert (reading.recital, reading.sign_off) == ("plain", "Very truly yours,")
    assert "delivery" not in reading.elements and in_our_order(reading.elements)
    assert misses(reading) == []


def test_rule_83_letter_request_block_above_the_date_is_not_the_attention_block():
    data = letter(
        "<p><b>CONFIDENTIAL TREATMENT REQUEST UNDER RULE 83</b></p>",
        "<p><b>Requested by Corvane Industries<br>Attn: Ines Park, Controller</b></p>",
        *HEAD,
        "<p>Attention: Lena Ortiz</p>",
        "<p>Re: Corvane Industries<br>Form 10-K</p>",
        "<p>Dear Ms. Ortiz:</p>",
        "<p>We write to follow up on our call about the analysis the Staff asked for.</p>",
        "<p><b>A. Follow-up questions</b></p>",
        "<p>[***]</p>",
        "<p>Please contact me if it would help to discuss.</p>",
        "<p>Best Regards,</p>",
        "<p>/S/ IVO LANE</p>",
    )
    reading = read_response_letter(data)
    assert reading.rule_83 is True
    assert reading.elements[:5] == ["letterhead", "date", "delivery", "addressee", "attention"]
    assert (reading.keyed, reading.sign_off, misses(reading)) == (False, "Best Regards,", [])


def test_acceleration_request_is_not_keyed_and_counts_on_its_head_and_tail():
    data = letter(
        *HEAD,
        "<table><tr><td>Re:</td><td>Brightwell Labs, Inc.</td></tr>"
        "<tr><td></td><td>Acceleration Request</td></tr></table>",
        "<p>Ladies and Gentlemen:</p>",
        "<p>Pursuant to Rule 461, the Company requests that the effective date be accelerated"
        " to 4:00 p.m. on June 5, 2024.</p>",
        "<p>Thank you for your assistance in this matter.</p>",
        "<p>Very truly yours,</p>",
        "<p>/s/ Theo Brandt</p>",
    )
    reading = read_response_letter(data)
    assert (reading.keyed, reading.recital, reading.label) == (False, "", "")
    assert reading.elements[-3:] == ["closing", "sign_off", "signature"]
    assert misses(reading) == []


def test_s4_letter_numbers_in_their_own_cells_italic_recitals_and_a_miss_reported():
    data = letter(
        *HEAD,
        "<p>Re: Lumen Holdings plc<br>Registration Statement on Form S-4</p>",
        "<p>Dear Mr. Hale:</p>",
        "<p>Set forth below are the Registrant's responses.</p>",
        "<p><b>Background of the Merger, page 40</b></p>",
        "<table><tr><td>1.</td><td><i>Please describe the fairness opinion's fee.</i></td></tr>"
        "</table>",
        "<p>The fee is described on page 44.</p>",
        "<p>2</p>",  # a page number, not a comment
        "<table><tr><td>2.</td><td><i>Please file the consent of the adviser.</i></td></tr>"
        "</table>",
        "<p><b>Responses to Comment 2:</b> The consent is filed as Exhibit 99.2.</p>",
        "<p>Please do not hesitate to call.</p>",
        "<p>Very truly yours,</p>",
        "<p>/s/ Ann Lo</p>",
    )
    reading = read_response_letter(data)
    assert (reading.comments, reading.recital) == (2, "italic")
    # A label the style does not offer is reported as what it cannot reproduce.
    assert misses(reading) == ["label 'Responses to Comment 2:'"]


def test_lines_carry_emphasis_from_tags_and_inline_styles():
    data = letter(
        '<p><font style="font-weight:bold">All bold</font></p>',
        '<p style="font: italic bold 10pt Times">Both from the shorthand</p>',
        "<p>Mostly <u>plain</u> text here</p>",
    )
    assert [line.emphasis for line in lines_of(data)] == ["bold", "bold_italic", "plain"]
