import re
from datetime import date

from helpers import letter_text

from tracker.parsing import Contact, FilingRef, Signatory, parse_letter
from tracker.parsing.closing import find_contacts
from tracker.parsing.requests import prior_letter_date


def test_tenk_letter_names_two_filings():
    letter = parse_letter(letter_text("tenk_two_filings.txt"))
    assert letter.filings == [
        FilingRef(
            form="10-K",
            description="Form 10-K for the Fiscal Year Ended December 31, 2019",
            filed=date(2020, 2, 20),
            file_number="001-12345",
            period="Fiscal Year Ended December 31, 2019",
        ),
        FilingRef(
            form="10-Q",
            description="Form 10-Q for the Quarterly Period Ended September 30, 2019",
            filed=date(2019, 11, 6),
            file_number="001-12345",
            period="Quarterly Period Ended September 30, 2019",
        ),
    ]


def test_tenk_letter_headings_follow_each_filing():
    comments = parse_letter(letter_text("tenk_two_filings.txt")).comments
    assert comments[1].headings == [
        "Form 10-K for the Fiscal Year Ended December 31, 2019",
        "Management's Discussion and Analysis of Financial Condition and Results of Operations",
        "Liquidity and Capital Resources, page 40",
    ]
    assert comments[2].headings == [
        "Form 10-Q for the Quarterly Period Ended September 30, 2019",
        "Note 5. Goodwill, page 12",
    ]


def test_tenk_letter_window_contacts_and_signatory():
    letter = parse_letter(letter_text("tenk_two_filings.txt"))
    assert letter.response_window_business_days == 10
    assert letter.contacts == [
        Contact("Anne Brown", "Staff Accountant", "(202) 551-3111"),
        Contact("Bob Green", "Branch Chief", "(202) 551-3222"),
    ]
    assert letter.signatory == Signatory(
        "Carol White", "Senior Assistant Chief Accountant, Office of Manufacturing"
    )


def test_follow_up_letter_links_prior_comments():
    comments = parse_letter(letter_text("follow_up.txt")).comments
    assert [c.prior_comments for c in comments] == [[4], [2], [3]]
    assert comments[2].prior_letter_date == date(2020, 3, 5)
    assert comments[0].prior_letter_date is None


def test_letter_followed_up_is_found_whatever_its_capitals():
    texts = [
        "Refer to comment 2 in our Letter Dated March 5, 2020.",
        "We note your response to our March 5, 2020 LETTER.",
        "We note your response to comment 2.",
    ]
    assert [prior_letter_date(text) for text in texts] == [date(2020, 3, 5)] * 2 + [None]


def test_follow_up_letter_request_types():
    comments = parse_letter(letter_text("follow_up.txt")).comments
    assert [c.request_types for c in comments] == [["revise"], ["tell_us"], ["confirm"]]


def test_completion_letter_has_no_comments_and_no_error():
    letter = parse_letter(letter_text("completion.txt"))
    assert (letter.kind, letter.comments) == ("review_complete", [])
    assert letter.closing.startswith("We have completed our review of your filing.")
    assert letter.signatory == Signatory(
        "Division of Corporation Finance", "Office of Manufacturing"
    )


def test_no_review_letter_kind_and_copies():
    letter = parse_letter(letter_text("no_review.txt"))
    assert (letter.kind, letter.comments) == ("no_review", [])
    assert letter.signatory == Signatory(
        "Susan Hale", "Assistant Director, Office of Healthcare and Insurance"
    )
    assert letter.cc == ["Andrew Fields, Esq.", "Gibson Law LLP"]
    assert letter.contacts == [Contact("Irene Park", "", "(202) 551-6553")]


def test_draft_registration_letter_gives_submitted_date_and_cik():
    letter = parse_letter(letter_text("drs.txt"))
    assert letter.filings == [
        FilingRef(
            form="DRS/A",
            description="Amendment No. 2 to Draft Registration Statement on Form S-1",
            submitted=date(2020, 12, 7),
            amendment_number=2,
            cik="0001751008",
        )
    ]
    assert [c.number for c in letter.comments] == [1, 2]


def test_one_line_letter_gives_same_comments_as_multi_line():
    for name in ("tenk_two_filings.txt", "follow_up.txt"):
        text = letter_text(name)
        multi = parse_letter(text)
        single = parse_letter(re.sub(r"\s+", " ", text))
        assert [(c.number, c.text) for c in single.comments] == [
            (c.number, c.text) for c in multi.comments
        ]
        assert (single.date, single.filings) == (multi.date, multi.filings)


def test_newer_letter_drops_header_between_bullets():
    comment = parse_letter(letter_text("newer_style.txt")).comments[0]
    assert comment.text == (
        'We note your risk factors in the subsection entitled "Macroeconomic Risks" on page 11. '
        "Please address the following in your disclosure:\n"
        "- the effect of rising interest rates on your dealers and customers; and\n"
        "- how inflation has affected your costs, including the extent to which you have "
        "passed increased costs on to customers."
    )


def test_newer_letter_joins_hyphenation_and_keeps_compounds():
    comments = parse_letter(letter_text("newer_style.txt")).comments
    assert "your disclosure:" in comments[0].text
    assert comments[1].text == (
        "Please tell us how you considered the non-recurring charges described on page 30."
    )


def test_newer_letter_separator_ends_comments():
    letter = parse_letter(letter_text("newer_style.txt"))
    assert [c.number for c in letter.comments] == [1, 2]
    assert letter.closing.startswith("We remind you that the company")
    assert "* * *" not in letter.comments[1].text


def test_seed_style_header_between_bullets_is_dropped():
    text = letter_text("tenk_two_filings.txt").replace(
        "1. Please revise to quantify each factor you cite for the change in gross margin.",
        "1. Please revise to quantify each factor you cite, including:\n"
        " - the change in freight costs;\n\n"
        "Ms. Jane Smith\nWidget Holdings, Inc.\nMarch 5, 2020\nPage 2\n\n"
        " - the change in product mix.",
    )
    comment = parse_letter(text).comments[0]
    assert comment.text == (
        "Please revise to quantify each factor you cite, including:\n"
        "- the change in freight costs;\n"
        "- the change in product mix."
    )


def test_rule_number_inside_sentence_is_not_a_comment():
    text = letter_text("drs.txt").replace(
        "1. Include the basis",
        "1. We note your reference to Rule 10b-5\n1. Please revise. Include the basis",
    )
    one_line = re.sub(r"\s+", " ", letter_text("drs.txt")).replace(
        "1. Include the basis", "1. We note Rule 10b-5 2. Please revise. Include the basis"
    )
    assert [c.number for c in parse_letter(text).comments] == [1, 2]
    assert (
        parse_letter(text)
        .comments[0]
        .text.startswith("We note your reference to Rule 10b-5 1. Please revise.")
    )
    assert [c.number for c in parse_letter(one_line).comments] == [1, 2]
    assert "Rule 10b-5 2. Please revise." in parse_letter(one_line).comments[0].text


def test_numbered_heading_before_first_comment_is_a_heading():
    text = letter_text("drs.txt").replace(
        "Prospectus Summary, page 2\n",
        "Notes to Financial Statements\n\n1. Summary of Significant Accounting Policies\n",
    )
    comments = parse_letter(text).comments
    assert comments[0].headings == [
        "Notes to Financial Statements",
        "1. Summary of Significant Accounting Policies",
    ]
    assert comments[0].text.startswith("Include the basis")


def test_contact_phone_without_parentheses_normalised():
    text = letter_text("no_review.txt").replace("(202) 551-6553", "202-551-6553")
    assert parse_letter(text).contacts == [Contact("Irene Park", "", "(202) 551-6553")]


def test_re_block_with_bare_form_type():
    text = letter_text("completion.txt").replace(
        "Form 10-K for the Fiscal Year Ended", "10-K for Fiscal Year Ended"
    )
    filing = parse_letter(text).filings[0]
    assert (filing.form, filing.description, filing.file_number) == (
        "10-K",
        "10-K for Fiscal Year Ended December 31, 2019",
        "001-12345",
    )


def test_contacts_written_as_questions_to_a_name_at_a_number():
    closing = (
        "Please direct any questions to Shane Callaghan at 202-551-6977 or Christina Chalk "
        "at 202-551-3263."
    )

    assert find_contacts(closing) == [
        Contact("Shane Callaghan", "", "(202) 551-6977"),
        Contact("Christina Chalk", "", "(202) 551-3263"),
    ]


def test_contacts_under_a_plural_title_written_before_their_names():
    closing = (
        "You may contact Senior Staff Accountants Jane Roe, at (202) 551-3661, or Mark\n"
        "Doe, at (202) 551-3638 if you have questions regarding the comments. In this regard, do\n"
        "not hesitate to contact me at (202) 551-3679."
    )

    assert find_contacts(closing) == [
        Contact("Jane Roe", "Senior Staff Accountant", "(202) 551-3661"),
        Contact("Mark Doe", "Senior Staff Accountant", "(202) 551-3638"),
    ]
