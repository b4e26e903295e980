"""Staff letters in their one-line form (line breaks lost, page headers inline) parse as printed."""

from tracker.parsing import Signatory, parse_letter
from tracker.parsing.numbering import choose_numbering
from tracker.parsing.requests import request_types

PRINTED = """March 3, 2021

Jane Q. Roe
Chief Financial Officer
Example Yield, Inc.
100 Main Street
Springfield, IL 62701

Re: Example Yield, Inc.
Form 10-K for the Fiscal Year Ended December 31, 2020
Filed February 26, 2021
File No. 001-11111

Dear Ms. Roe:

We have reviewed your filing and have the following comments. Please respond to this letter
within ten business days by providing the requested information.

Form 10-K for the Fiscal Year Ended December 31, 2020

Management's Discussion and Analysis of Financial Condition and Results of Operations
Segment Results, page 41

1. We note the new segment measure adopted on May 17, 2016. Please tell us why you changed it.

2. Please revise to disclose the drivers of each change. Refer to Item 303 of Regulation S-K.

Notes to Consolidated Financial Statements
Note 4. Leases, page F-20

3. We refer to prior comments 1 and 2. We observe that the lease term is not disclosed. Please
clearly identify the renewal options and see SAB Topic 1:B.1.

4. Please separately quantify the impairment of Non-GAAP measures in Form 10.

Exhibit 99.1
Schedule 14A

5. We note your proxy statement. Please provide us with the vote tallies.

We remind you that the company and its management are responsible for the accuracy and
adequacy of their disclosures.

You may contact Ann Lee at (202) 551-3100 or Bo Park at (202) 551-3200 with any questions.

Sincerely,

/s/ Carl Diaz

Carl Diaz
Branch Chief
Office of Manufacturing
"""
HEADER = " Jane Q. Roe Example Yield, Inc. March 3, 2021 Page 2 "


def flat(printed: str, header_after: str = "") -> str:
    """The one-line form of a letter: every line break gone, a page header left inline."""
    text = " ".join(printed.split())
    if header_after:
        text = text.replace(header_after, header_after.rstrip() + HEADER, 1)
    return text


def _summary(letter):
    return [
        (c.number, c.text[:25], c.headings[-1] if c.headings else "", c.pages)
        for c in letter.comments
    ]


def test_flat_letter_gives_the_printed_letters_comments_headings_and_pages():
    printed = parse_letter(PRINTED)
    one_line = parse_letter(flat(PRINTED, header_after="disclose the drivers"))
    assert [c.number for c in printed.comments] == [1, 2, 3, 4, 5]
    assert _summary(one_line) == _summary(printed)


def test_flat_comment_after_a_year_a_rule_or_a_form_heading_starts_its_own_comment():
    letter = parse_letter(flat(PRINTED))
    assert letter.comments[1].text.startswith("Please revise to disclose")
    assert letter.comments[4].text.startswith("We note your proxy statement.")
    assert letter.comments[4].headings[-1] == "Schedule 14A"


def test_flat_inline_numbers_next_in_sequence_stay_in_their_comment():
    letter = parse_letter(flat(PRINTED))
    assert "prior comments 1 and 2. We observe" in letter.comments[2].text
    assert len(letter.comments) == 5


def test_flat_heading_after_sentence_ending_in_a_capital_is_cut_off():
    letter = parse_letter(flat(PRINTED))
    assert letter.comments[1].text.endswith("Item 303 of Regulation S-K.")
    assert letter.comments[2].headings[-1] == "Note 4. Leases, page F-20"
    assert letter.comments[2].pages == ["F-20"]


def test_flat_running_header_reaches_no_comment_or_heading():
    letter = parse_letter(flat(PRINTED, header_after="disclose the drivers"))
    everything = " ".join(c.text + " ".join(c.headings) for c in letter.comments)
    assert "Page 2" not in everything
    assert "to disclose the drivers of each change" in letter.comments[1].text


def test_flat_form_field_leftovers_and_moved_comment_number_are_placed():
    text = flat(PRINTED).replace(
        "We note the new segment measure adopted on May 17, 2016. Please",
        "We note the new segment measure adopted on May 17, 2016. 1. FirstName LastNameJane Q. "
        "Roe Comapany NameExample Yield, Inc. March 3, 2021 Page 2 Please",
    )
    text = text.replace(" 1. We note the new", " We note the new", 1)
    letter = parse_letter(text)
    assert letter.comments[0].text.startswith("We note the new segment measure")
    assert "FirstName" not in letter.comments[0].text


def test_flat_addressee_signatory_and_contacts():
    letter = parse_letter(flat(PRINTED))
    assert (letter.addressee.name, letter.addressee.company) == (
        "Jane Q. Roe",
        "Example Yield, Inc.",
    )
    assert letter.signatory == Signatory("Carl Diaz", "Branch Chief, Office of Manufacturing")
    assert [c.name for c in letter.contacts] == ["Ann Lee", "Bo Park"]


def test_flat_addressee_with_companies_listed_first():
    text = flat(PRINTED).replace(
        "Jane Q. Roe Chief Financial Officer Example Yield, Inc.",
        "Example Yield, Inc. Example Holdings Corp Jane Q. Roe Chief Financial Officer",
    )
    assert parse_letter(text).addressee.name == "Jane Q. Roe"


def test_flat_private_use_bullets_become_list_items():
    text = flat(PRINTED).replace(
        "Please tell us why you changed it.",
        "Please tell us: \uf0b7 why you changed it; and \uf0b7 when the board approved it.",
    )
    comment = parse_letter(text).comments[0]
    assert comment.text.endswith(
        "tell us:\n- why you changed it; and\n- when the board approved it."
    )
    assert "\uf0b7" not in comment.text


def test_flat_hyphen_before_a_capital_or_digit_is_closed_up():
    text = (
        flat(PRINTED)
        .replace("Regulation S-K.", "Regulation S- K.")
        .replace("551-3100", "551- 3100")
    )
    letter = parse_letter(text)
    assert letter.comments[1].text.endswith("Regulation S-K.")
    assert letter.contacts[0].phone == "(202) 551-3100"


def test_printed_line_ending_in_hyphen_before_capital_keeps_the_word_whole():
    text = PRINTED.replace("impairment of Non-GAAP measures", "impairment of Non-\nGAAP measures")
    assert "of Non-GAAP measures" in parse_letter(text).comments[3].text


def test_one_comment_letter_without_a_number_is_a_letter():
    text = PRINTED.split("Form 10-K for the Fiscal Year Ended December 31, 2020\n\nManagement")[0]
    text += "We note your response. Please revise the table to show each segment.\n\nSincerely,\n"
    letter = parse_letter(text)
    assert letter.kind == "comments"
    assert [c.number for c in letter.comments] == [1]
    assert letter.comments[0].text == (
        "We note your response. Please revise the table to show each segment."
    )


def test_numbering_prefers_the_run_that_explains_the_whole_letter():
    text = (
        "Intro ends here. Risk Factors, page 5 1. We note the risk. Please revise. "
        "Fair value, page 9 2. Please tell us about Levels 1 and 2. We observe that "
        "Levels 1 and 2. Please explain. Revenue, page 12 3. Please revise."
    )
    chain = choose_numbering(text)
    assert [(c.number, text[c.end : c.end + 10]) for c in chain] == [
        (1, "We note th"),
        (2, "Please tel"),
        (3, "Please rev"),
    ]


def test_numbering_of_a_long_flat_letter_keeps_every_comment():
    text = "Intro. " + " ".join(
        f"Heading {n}, page {n} {n}. Please revise note {n + 1}. See Form 10."
        for n in range(1, 201)
    )
    assert [c.number for c in choose_numbering(text)] == list(range(1, 201))


def test_request_types_common_phrasings():
    assert request_types("Please clearly identify the segments.") == ["revise"]
    assert request_types("Please separately quantify each item.") == ["revise"]
    assert request_types("Please prominently disclose the risk.") == ["revise"]
    assert request_types("Please provide a discussion of the trends.") == ["revise"]
    assert request_types("Please provide us with the schedule.") == ["tell_us"]
