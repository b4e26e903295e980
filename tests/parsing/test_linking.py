"""Ranking a filing's sections for a staff comment, finding its passage, matching versions."""

from tracker.parsing.linking import CommentDoc, SectionDoc, SectionIndex
from tracker.parsing.passages import Chunk, find_passage, highlight
from tracker.parsing.redline import redline
from tracker.parsing.versions import VersionDoc, match_versions

SECTIONS = [
    SectionDoc(1, "Prospectus Summary", "1", "6", "Calix at a glance."),
    SectionDoc(2, "Our Company", "1", "2", "We are a leading provider of access systems."),
    SectionDoc(
        3,
        "Use of Proceeds",
        "29",
        "29",
        "We intend to use the net proceeds for general corporate purposes.",
    ),
    SectionDoc(4, "Business", "61", "87", "Overview of our business."),
    SectionDoc(5, "Our Strategy", "66", "68", "We note a study from Broadband Properties."),
    SectionDoc(
        6,
        "Income Taxes",
        "F-36",
        "F-38",
        "We recorded a full valuation allowance "
        "against our deferred tax assets and net operating losses.",
    ),
]


def ranked(comment: CommentDoc) -> list[int]:
    return [match.section for match in SectionIndex(SECTIONS).rank(comment)]


def test_heading_naming_a_section_and_page_links_to_that_section_first():
    comment = CommentDoc(7, ("Use of Proceeds, page 29",), "Please revise to quantify the uses.")

    assert ranked(comment)[0] == 3


def test_inner_heading_wins_over_the_section_around_it():
    comment = CommentDoc(15, ("Business, page 61", "Our Strategy, page 66"), "Provide the study.")

    assert ranked(comment)[0] == 5


def test_page_in_the_text_finds_a_lettered_page():
    comment = CommentDoc(4, ("General",), "We note on page F-37 your valuation allowance.")

    assert ranked(comment)[0] == 6


def test_comment_naming_no_page_is_linked_by_its_words():
    comment = CommentDoc(
        1, ("General",), "Explain why the valuation allowance on deferred tax assets is full."
    )

    assert ranked(comment)[0] == 6


def test_no_section_when_nothing_matches():
    comment = CommentDoc(2, ("General",), "Please call FINRA.")

    assert ranked(comment) == []


def test_quoted_phrase_with_an_ellipsis_gives_its_sentence():
    comment = (
        "We note your statement that you are “a leading provider of communications access "
        "systems...to connect to their subscribers.” Please revise."
    )
    text = (
        "Calix Networks, Inc. is based in Petaluma. We are a leading provider of communications "
        "access systems and software that enable CSPs to connect to their subscribers. "
        "We sell to U.S. carriers."
    )

    assert find_passage(comment, text) == (
        "We are a leading provider of communications access systems and software that enable "
        "CSPs to connect to their subscribers."
    )


def test_without_a_quote_the_sentence_sharing_most_words_is_the_passage():
    comment = "Please discuss the Broadband Stimulus award grants expected in September 2010."
    text = (
        "We sell systems. Award grants under the Broadband Stimulus programs are expected "
        "by September 2010. Revenue grew."
    )

    assert find_passage(comment, text) == (
        "Award grants under the Broadband Stimulus programs are expected by September 2010."
    )


def test_highlight_marks_each_passage_with_its_comment_numbers():
    text = "First sentence. Second sentence. Third."

    chunks = highlight(text, [("Second sentence.", 5), ("Second sentence.", 6)])

    assert chunks == [
        Chunk("First sentence. "),
        Chunk("Second sentence.", (5, 6)),
        Chunk(" Third."),
    ]


def test_amendment_sections_match_by_title_then_by_content():
    old = [
        VersionDoc(10, ("Risk Factors",), "Our business is risky."),
        VersionDoc(11, ("Use of Proceeds",), "We will use the proceeds for general purposes."),
        VersionDoc(12, ("Dilution",), "Dilution text."),
    ]
    new = [
        VersionDoc(20, ("RISK FACTORS",), "Our business is very risky."),
        VersionDoc(
            21, ("How We Will Use the Money",), "We will use the proceeds for general purposes."
        ),
        VersionDoc(22, ("Legal Matters",), "Counsel will opine."),
    ]

    assert match_versions(old, new) == {20: 10, 21: 11}


def test_redline_shows_an_inserted_and_a_deleted_sentence():
    old = "We sell systems. We have no debt. Revenue grew."
    new = "We sell systems. Revenue grew. We expect losses in 2010."

    assert redline(old, new) == [
        ("equal", "We sell systems. "),
        ("delete", "We have no debt. "),
        ("equal", "Revenue grew."),
        ("insert", " We expect losses in 2010."),
    ]
