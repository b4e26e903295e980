from datetime import date

from helpers import seed_text

from tracker.parsing import Contact, Signatory, parse_letter

FAIR_VALUE = (
    "Significant Factors, Assumptions and Methodologies Used in Determining Fair Value, page 41"
)
INNERMOST_HEADINGS = {
    1: "General",
    2: "General",
    3: "General",
    4: "General",
    5: "Our Company, page 1",
    6: "Our Company, page 1",
    7: "Use of Proceeds, page 29",
    8: "Selected Financial Data, page 35",
    9: FAIR_VALUE,
    10: FAIR_VALUE,
    11: "Impairment of Goodwill, Intangible Assets and Other Long-Lived Assets, page 45",
    12: "Overview",
    13: "Liquidity, page 84",
    14: "The Calix Solution, page 64",
    15: "Our Strategy, page 66",
    16: "Products and Terminology, page 69",
    17: "Competitive Market Review, page 89",
    18: "Competitive Market Review, page 89",
    19: "Certain Relationships and Related Transactions, page 115",
    20: "Balance Sheets, page F-3",
    21: "Unaudited Interim Financial Information, page F-8",
    22: "Revenue Recognition, page F-9",
    23: "Credit Risk and Inventory Supplier Concentrations, page F-11",
    24: "Customer Contracts and Lists, page F-20",
    25: "Exhibit Index",
    26: "Exhibit Index",
}

PAGES = {
    1: [],
    2: [],
    3: [],
    4: ["F-37"],
    5: ["1"],
    6: ["1"],
    7: ["29"],
    8: ["35", "6"],
    9: ["36", "41"],
    10: ["36", "41", "43"],
    11: ["36", "45"],
    12: ["36", "47", "78", "58"],
    13: ["36", "84"],
    14: ["61", "64", "65"],
    15: ["61", "66"],
    16: ["61", "69", "70", "75"],
    17: ["88", "89", "90"],
    18: ["88", "89", "92"],
    19: ["115"],
    20: ["F-3"],
    21: ["F-8"],
    22: ["F-9", "37"],
    23: ["F-11"],
    24: ["F-20"],
    25: [],
    26: [],
}

MDNA = "Management's Discussion and Analysis..., page 36"


def seed():
    return parse_letter(seed_text())


def test_seed_comments_numbered_one_to_twenty_six():
    assert [c.number for c in seed().comments] == list(range(1, 27))


def test_seed_innermost_headings_match_letter():
    assert {c.number: c.headings[-1] for c in seed().comments} == INNERMOST_HEADINGS


def test_seed_page_references_match_letter():
    assert {c.number: c.pages for c in seed().comments} == PAGES


def test_seed_mdna_headings_nest_outermost_first():
    comment = seed().comments[8]
    assert comment.headings == [MDNA, FAIR_VALUE]


def test_seed_numbered_note_titles_are_headings_not_comments():
    letter = seed()
    assert letter.comments[20].headings[-2] == "1. Organization and Significant Accounting Policies"
    assert "2. Business Combination" in letter.comments[23].headings
    assert all("Organization and Significant" not in c.text for c in letter.comments)


def test_seed_comment_24_headings_end_with_both_asset_groups():
    assert seed().comments[23].headings[-2:] == [
        "Existing Technologies, page F-20",
        "Customer Contracts and Lists, page F-20",
    ]


def test_seed_comment_4_names_page_f37():
    assert seed().comments[3].pages == ["F-37"]


def test_seed_comment_12_keeps_its_four_bullets():
    lines = seed().comments[11].text.split("\n")
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == 4
    assert bullets[0].startswith("- revenue deferrals related to partially delivered product")
    assert bullets[3].endswith("tangible products with essential software elements.")


def test_seed_markdown_escapes_removed():
    assert "$408.2 million" in seed().comments[3].text


def test_seed_last_comment_excludes_closing_and_contacts():
    letter = seed()
    last = letter.comments[-1].text
    assert last.endswith("excluded under Regulation S-K Item 601(b)(10).")
    assert "Sharon Virga" not in last
    assert "As appropriate" not in last


def test_seed_closing_drops_running_page_header():
    closing = seed().closing
    assert closing.startswith("As appropriate, please amend your registration statement")
    assert "Page 8" not in closing
    assert "Securities Act of 1933 and the Securities Exchange Act of 1934" in closing


def test_seed_letter_date_and_filing():
    letter = seed()
    filing = letter.filings[0]
    assert letter.date == date(2009, 12, 17)
    assert (filing.form, filing.filed, filing.file_number) == (
        "S-1",
        date(2009, 11, 20),
        "333-163252",
    )
    assert filing.description == "Registration Statement on Form S-1"
    assert len(letter.filings) == 1


def test_seed_envelope_fields():
    letter = seed()
    assert letter.registrant == "Calix Networks, Inc."
    assert letter.addressee.name == "Mr. Carl Russo"
    assert letter.addressee.title == "President and Chief Executive Officer"
    assert letter.addressee.address_lines == ["1035 N. McDowell Blvd.", "Petaluma, CA 94954"]
    assert letter.salutation == "Dear Mr. Russo:"
    assert letter.re_block == (
        "Re: Calix Networks, Inc.\nRegistration Statement on Form S-1\n"
        "Filed November 20, 2009\nFile No. 333-163252"
    )


def test_seed_contacts_and_signatory():
    letter = seed()
    assert Contact("Sharon Virga", "Staff Accountant", "(202) 551-3385") in letter.contacts
    assert [c.name for c in letter.contacts] == [
        "Sharon Virga",
        "Kyle Moffatt",
        "Jay Knight",
        "Kathleen Krebs",
    ]
    assert letter.signatory == Signatory("Larry Spirgel", "Assistant Director")
    assert letter.cc == ["Patrick A. Pohlen, Esq.", "(Latham & Watkins LLP)"]


def test_seed_request_types_follow_staff_phrases():
    comments = seed().comments
    assert comments[14].request_types == ["tell_us", "supplemental"]
    assert comments[24].request_types == ["confirm"]
    assert comments[4].request_types == ["revise"]
    assert comments[0].request_types == ["advisory"]


def test_seed_kind_is_comments_without_warnings():
    letter = seed()
    assert (letter.kind, letter.warnings) == ("comments", [])
