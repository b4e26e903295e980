"""The staff's request for the written acknowledgment statement, found in letters of our own."""

from helpers import letter_text, seed_text

from tracker.parsing import letter_from_json, letter_to_json, parse_letter
from tracker.parsing.acknowledgment import asks_acknowledgment
from tracker.parsing.filings import form_code
from tracker.parsing.forms import (
    DRAFT_REGISTRATION,
    OTHER,
    PERIODIC,
    PROXY,
    REGISTRATION,
    filing_kind,
    review_kind,
)

TEN_K_LETTER = """April 12, 2012

Mr. Paul Anders
Chief Financial Officer
Northwind Tools, Inc.
22 Harbor Drive
Portland, Oregon 97201

Re: Northwind Tools, Inc.
Form 10-K for the Fiscal Year Ended December 31, 2011
Filed March 1, 2012
File No. 001-33210

Dear Mr. Anders:

We have reviewed your filing and have the following comments.

Form 10-K for the Fiscal Year Ended December 31, 2011

Liquidity and Capital Resources, page 38

1. Please tell us the amount of cash held by your foreign subsidiaries.

Notes to Consolidated Financial Statements

Note 4. Inventories, page 61

2. Please disclose in future filings your policy for excess and obsolete inventory.

Please respond to these comments within ten business days.

In responding to our comments, please provide a written statement from the company
acknowledging that:

- the company is responsible for the adequacy and accuracy of the disclosure in the filing;
- staff comments or changes to disclosure in response to staff comments do not foreclose the
  Commission from taking any action with respect to the filing; and
- the company may not assert staff comments as a defense in any proceeding initiated by the
  Commission or any person under the federal securities laws of the United States.

You may contact Ruth Mayer, Staff Accountant, at (202) 551-3301 with any questions.

Sincerely,

Tom Keller
Branch Chief
"""

# The registration statement's version: the same points, asked for with the request for
# acceleration, not with the response.
ACCELERATION = (
    "Notwithstanding our comments, in the event you request acceleration of the effective date "
    "of the pending registration statement please provide a written statement from the company "
    "acknowledging that: should the Commission or the staff, acting pursuant to delegated "
    "authority, declare the filing effective, it does not foreclose the Commission from taking "
    "any action with respect to the filing; the action of the Commission or the staff does not "
    "relieve the company from its full responsibility for the adequacy and accuracy of the "
    "disclosure in the filing; and the company may not assert staff comments and the declaration "
    "of effectiveness as a defense in any proceeding."
)


def test_a_10k_letter_asking_for_the_acknowledgment_is_detected():
    letter = parse_letter(TEN_K_LETTER)
    assert len(letter.comments) == 2
    assert letter.asks_acknowledgment is True


def test_letters_without_the_request_do_not_ask():
    for text in (letter_text("tenk_two_filings.txt"), letter_text("drs.txt")):
        assert parse_letter(text).asks_acknowledgment is False


def test_the_acceleration_acknowledgment_of_an_s1_letter_is_not_asked_of_the_response():
    assert parse_letter(seed_text()).asks_acknowledgment is False
    assert asks_acknowledgment(ACCELERATION) is False


def test_a_letter_asking_for_both_asks_for_the_response():
    text = TEN_K_LETTER.replace("Please respond to", ACCELERATION + "\n\nPlease respond to")
    assert parse_letter(text).asks_acknowledgment is True


def test_other_wordings_of_the_request_are_found():
    wordings = [
        # Points in another order, "accuracy and adequacy", written as one paragraph.
        "In connection with responding to our comments, please provide, in writing, a statement "
        "from the company acknowledging that the company may not assert staff comments as a "
        "defense in any proceeding, and that the company is responsible for the accuracy and "
        "adequacy of the disclosure in the filing.",
        "Please include in your response letter a statement in which the registrant acknowledges "
        "that staff comments do not foreclose the Commission from taking any action with respect "
        "to the filing and that it may not assert staff\u2019s comments as a defense.",
        # A follow-up letter reminding the company of it.
        "3. We note that your response did not include the written acknowledgments requested "
        "in our letter dated May 2, 2013. Please provide them with your next response.",
    ]
    assert [asks_acknowledgment(text) for text in wordings] == [True, True, True]


def test_the_request_in_capitals_is_found():
    text = (
        "IN CONNECTION WITH RESPONDING TO OUR COMMENTS, PLEASE PROVIDE A STATEMENT FROM THE "
        "COMPANY ACKNOWLEDGING THAT: the company is responsible for the adequacy and accuracy of "
        "the disclosure in the filing; staff comments do not foreclose the Commission from "
        "taking any action with respect to the filing."
    )
    assert asks_acknowledgment(text) is True


def test_responsibility_alone_or_an_acknowledgment_of_something_else_is_not_the_request():
    texts = [
        "We remind you that the company and its management are responsible for the accuracy and "
        "adequacy of their disclosures, notwithstanding any review, comments, action or absence "
        "of action by the staff.",
        "We acknowledge your response to prior comment 2 and have no further comments on it.",
        "Please revise to acknowledge that you are responsible for the adequacy and accuracy of "
        "the selected data.",
    ]
    assert [asks_acknowledgment(text) for text in texts] == [False, False, False]


def test_the_request_survives_the_preview_json():
    letter = parse_letter(TEN_K_LETTER)
    assert letter_to_json(letter)["asks_acknowledgment"] is True
    assert letter_from_json(letter_to_json(letter), letter.source_text) == letter
    assert letter_from_json({}).asks_acknowledgment is False


def test_filing_kind_by_form_type_and_by_the_staff_description():
    cases = {
        ("S-1/A", ""): REGISTRATION,
        ("F-4", ""): REGISTRATION,
        ("10-12G", ""): REGISTRATION,
        ("other", "Registration Statement on Form 10"): REGISTRATION,
        ("DRS/A", ""): DRAFT_REGISTRATION,
        ("other", "Draft Registration Statement on Form F-1"): DRAFT_REGISTRATION,
        ("10-K/A", ""): PERIODIC,
        ("6-K", ""): PERIODIC,
        ("PRE 14A", ""): PROXY,
        ("SC TO-T", ""): OTHER,
    }
    assert {case: filing_kind(*case) for case in cases} == cases
    assert form_code("Registration Statement on Form 10-12G") == "10-12G"


def test_review_kind_of_mixed_filings():
    assert review_kind([PERIODIC, PERIODIC]) == PERIODIC
    assert review_kind([PERIODIC, PROXY]) == PERIODIC
    assert review_kind([REGISTRATION, PERIODIC]) == REGISTRATION
    assert review_kind([DRAFT_REGISTRATION]) == DRAFT_REGISTRATION
    assert review_kind([PROXY]) == PROXY
    assert review_kind([]) == OTHER
