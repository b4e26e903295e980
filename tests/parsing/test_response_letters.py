"""A letter to the staff (ours, a CORRESP) is refused with a plain message; staff letters pass."""

import pytest
from helpers import letter_text, seed_text

from tracker.parsing import ResponseLetter, parse_letter, read_upload

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
