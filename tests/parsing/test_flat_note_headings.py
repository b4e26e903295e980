"""Note headings in one-line letters: the note's own title and the sub-heading below it."""

from tracker.parsing import parse_letter
from tracker.parsing.flat_headings import split_parent

PRINTED = """June 9, 2022

Pat Kim
Chief Financial Officer
Harbor & Company
1 Dock Road
Portland, ME 04101

Re: Harbor & Company
Form 10-Q for the Quarterly Period Ended March 31, 2022
Filed May 4, 2022
File No. 001-33333

Dear Mr. Kim:

We have reviewed your filing and have the following comments.

Form 10-Q for the Quarterly Period Ended March 31, 2022

Notes to Condensed Consolidated Financial Statements (Unaudited)
3. Leases, page 12

1. Please tell us how you determined the discount rate for each lease.

Note 7. Deferred Revenue
Costs to fulfil a contract with a customer, page 30

2. Please disclose the amortization period of these costs.

Note 9. Debt and Credit Facilities
Credit Facilities, page 34

3. We note the covenant waiver you obtained. Please disclose its terms and describe
the consequences of a breach.

Note 11. Income Taxes and uncertain tax positions, page 40

4. Please tell us why the reserve decreased.

Sincerely,

/s/ Lee Ford

Lee Ford
Office of Trade & Services
"""
HEADER = " Pat Kim Harbor & Company June 9, 2022 Page 2 "


def flat(printed: str) -> str:
    text = " ".join(printed.split())
    return text.replace("the covenant waiver", "the covenant" + HEADER + "waiver", 1)


def _innermost(letter):
    return [(c.number, c.headings[-1], c.pages) for c in letter.comments]


def test_flat_note_title_and_its_sub_heading_come_apart_as_in_the_printed_letter():
    printed, one_line = parse_letter(PRINTED), parse_letter(flat(PRINTED))
    assert _innermost(printed) == [
        (1, "3. Leases, page 12", ["12"]),
        (2, "Costs to fulfil a contract with a customer, page 30", ["30"]),
        (3, "Credit Facilities, page 34", ["34"]),
        (4, "Note 11. Income Taxes and uncertain tax positions, page 40", ["40"]),
    ]
    assert _innermost(one_line) == _innermost(printed)


def test_flat_running_header_with_an_ampersand_company_leaves_no_trace():
    comment = parse_letter(flat(PRINTED)).comments[2]
    assert comment.text.startswith("We note the covenant waiver you obtained.")
    assert "Harbor" not in comment.text


def test_split_parent_restart_of_the_title_words():
    assert split_parent("Note 9. Debt and Credit Facilities Credit Facilities, page 34") == [
        "Note 9. Debt and Credit Facilities",
        "Credit Facilities, page 34",
    ]


def test_split_parent_sentence_case_sub_heading():
    assert split_parent("Note 7. Deferred Revenue Costs to fulfil a contract, page 30") == [
        "Note 7. Deferred Revenue",
        "Costs to fulfil a contract, page 30",
    ]


def test_split_parent_keeps_a_note_title_that_is_itself_in_sentence_case():
    for heading in [
        "Note 4. Leases and other commitments, page 20",
        "Note 11. Income Taxes and uncertain tax positions, page 40",
        "Note 12. Segment Information, page 45",
        "Revenue Recognition, page 9",
    ]:
        assert split_parent(heading) == [heading]
