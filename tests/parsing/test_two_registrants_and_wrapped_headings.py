"""Letters to two registrants, headings wrapped onto a second line, and roman page numbers:
each in its printed form and in the one-line form a web page or a dataset gives."""

import datetime as dt

import pytest

from tracker.parsing import parse_letter
from tracker.parsing.filings import parse_filings

PRINTED = """
March 14, 2016

Example Yield, Inc.
Example Holdings Corp
Jane Q. Roe
Chief Financial Officer
100 Main Street
Springfield, IL 62701

Re: Example Yield, Inc.
Example Holdings Corp
Forms 10-K for the Fiscal Year Ended December 31, 2015
Filed February 26, 2016
File Nos. 1-11111 and 1-22222
Forms 8-K filed February 29, 2016 and May 5, 2016

Dear Ms. Roe:

We have reviewed your filings and have the following comments.

Example Yield, Inc. Form 10-K for the Fiscal Year Ended December 31, 2015

Risk Factors
Risks Related to Our Relationship with Example
Power, Inc., page 11

1. Please describe the conflicts of interest with your sponsor.

Management's Discussion and Analysis of Financial Condition and Results of Operations
Results for the Year Ended December 31, 2015 Compared to the Year Ended December 31, 2014, page
90

2. Please quantify each factor you cite for the change in revenue.

Example Holdings Corp Form 10-K for the Fiscal Year Ended December 31, 2015

Cover Page, page i

3. Please disclose the aggregate market value held by non-affiliates.

Summary, pages ii-iii

4. Please balance the summary with the principal risks.

Sincerely,

/s/ Carl Diaz

Carl Diaz
Branch Chief
Office of Energy & Transportation
"""


def flat(printed: str) -> str:
    return " ".join(printed.split())


FORMS = {"printed": PRINTED, "one line": flat(PRINTED)}


def _headings(letter):
    return [(c.number, c.headings, c.pages) for c in letter.comments]


@pytest.mark.parametrize("form", FORMS)
def test_addressee_after_the_companies_is_the_person(form):
    addressee = parse_letter(FORMS[form]).addressee
    assert (addressee.name, addressee.title, addressee.company) == (
        "Jane Q. Roe",
        "Chief Financial Officer",
        "Example Yield, Inc.",
    )
    assert addressee.address_lines[0] == "Example Holdings Corp"


@pytest.mark.parametrize("form", FORMS)
def test_each_registrant_and_each_filing_of_a_plural_form_is_read(form):
    letter = parse_letter(FORMS[form])
    assert letter.registrant == "Example Yield, Inc."
    assert [(f.form, f.filed, f.file_number) for f in letter.filings] == [
        ("10-K", dt.date(2016, 2, 26), "1-11111"),
        ("10-K", dt.date(2016, 2, 26), "1-22222"),
        ("8-K", dt.date(2016, 2, 29), ""),
        ("8-K", dt.date(2016, 5, 5), ""),
    ]


@pytest.mark.parametrize("form", FORMS)
def test_company_headings_wrapped_headings_and_roman_pages(form):
    ten_k = "Form 10-K for the Fiscal Year Ended December 31, 2015"
    mdna = "Management's Discussion and Analysis of Financial Condition and Results of Operations"
    assert _headings(parse_letter(FORMS[form])) == [
        (
            1,
            [
                f"Example Yield, Inc. {ten_k}",
                "Risk Factors",
                "Risks Related to Our Relationship with Example Power, Inc., page 11",
            ],
            ["11"],
        ),
        (
            2,
            [
                f"Example Yield, Inc. {ten_k}",
                mdna,
                "Results for the Year Ended December 31, 2015 Compared to the Year Ended "
                "December 31, 2014, page 90",
            ],
            ["90"],
        ),
        (3, [f"Example Holdings Corp {ten_k}", "Cover Page, page i"], ["i"]),
        (4, [f"Example Holdings Corp {ten_k}", "Summary, pages ii-iii"], ["ii", "iii"]),
    ]


def test_heading_wrapped_before_a_year_joins_but_a_year_heading_stands_alone():
    text = PRINTED.replace(
        "Results for the Year Ended December 31, 2015 Compared to the Year Ended December 31, "
        "2014, page\n90",
        "Results of Fiscal 2015 Compared to Fiscal\n2014, page 90",
    ).replace("Cover Page, page i", "Results of Operations\n2015 Compared with 2014, page i")
    comments = parse_letter(text).comments
    assert comments[1].headings[-1] == "Results of Fiscal 2015 Compared to Fiscal 2014, page 90"
    assert comments[2].headings[-2:] == ["Results of Operations", "2015 Compared with 2014, page i"]


def test_one_file_number_covers_every_filing_above_it():
    filings = parse_filings(
        [
            "Form 10-K for the Fiscal Year Ended December 31, 2015",
            "Filed February 26, 2016",
            "Form 10-Q for the Quarterly Period Ended March 31, 2016",
            "File No. 1-11111",
        ]
    )
    assert [(f.form, f.file_number) for f in filings] == [("10-K", "1-11111"), ("10-Q", "1-11111")]


def test_roman_page_is_only_a_lower_case_numeral():
    letter = parse_letter(flat(PRINTED).replace("held by non-affiliates.", "on page In full."))
    assert letter.comments[2].pages == ["i"]
