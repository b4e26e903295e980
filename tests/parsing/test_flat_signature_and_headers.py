"""One-line letters: a signature without "Sincerely," and a running header whose company name
holds a number."""

from tracker.parsing import Signatory, parse_letter

PRINTED = """April 2, 2024

Ann Bell
Chief Executive Officer
Harbor Parallel 2, LP
5 Pier Street
Boston, MA 02110

Re: Harbor Parallel 2, LP
Schedule 13D filed March 20, 2024
File No. 005-44444

Dear Ms. Bell:

We have reviewed your filing and have the following comments.

1. Please disclose the source of the funds used to buy the shares.

2. We note your statement that the board acted unlawfully. Please provide support for it.

We remind you that the filing persons are responsible for the accuracy and adequacy of their
disclosures.

Please direct any questions to Ray Ochoa at 202-551-1111 or Dee Pham at 202-551-2222.

Division of Corporation Finance
Office of Mergers & Acquisitions
"""
HEADER = " Ann Bell Harbor Parallel 2, LP April 2, 2024 Page 2 "


def flat(printed: str) -> str:
    text = " ".join(printed.split())
    text = text.replace("board acted unlawfully", "board acted" + HEADER + "unlawfully")
    return text.replace("Dee Pham at 202", "Dee Pham at" + HEADER + "202")


def test_flat_letter_signed_by_the_office_alone_names_it_as_printed():
    printed, one_line = parse_letter(PRINTED), parse_letter(flat(PRINTED))
    assert printed.signatory == Signatory(
        "Division of Corporation Finance", "Office of Mergers & Acquisitions"
    )
    assert one_line.signatory == printed.signatory
    assert "Division of" not in one_line.closing


def test_flat_header_of_a_company_with_a_number_in_its_name_is_taken_out_whole():
    letter = parse_letter(flat(PRINTED))
    assert letter.comments[1].text == (
        "We note your statement that the board acted unlawfully. Please provide support for it."
    )
    assert [(c.name, c.phone) for c in letter.contacts] == [
        ("Ray Ochoa", "(202) 551-1111"),
        ("Dee Pham", "(202) 551-2222"),
    ]
