"""What the parser was unsure of is noted on the comment it touches, for a reviewer to check."""

from test_flat_letters import HEADER, PRINTED, flat

from tracker.parsing import parse_letter


def doubts(text: str) -> dict[int, list[str]]:
    return {c.number: c.doubts for c in parse_letter(text).comments if c.doubts}


def test_printed_letter_read_without_a_choice_has_no_doubts():
    assert doubts(PRINTED) == {}
    assert doubts(flat(PRINTED)) == {}


def test_page_header_cut_out_of_a_one_line_comment_is_noted_on_that_comment():
    noted = doubts(flat(PRINTED, header_after="disclose the drivers"))
    assert list(noted) == [2]
    assert "running page header" in noted[2][0]


def test_page_headers_cut_out_of_several_one_line_comments_are_noted_on_each():
    text = flat(PRINTED, header_after="disclose the drivers")
    for after, page in (("lease term is not", 3), ("the vote tallies", 4)):
        text = text.replace(after, f"{after}{HEADER.replace('Page 2', f'Page {page}')}", 1)
    noted = doubts(text)
    assert list(noted) == [2, 3, 5]
    assert all("running page header" in noted[number][0] for number in noted)


def test_heading_guessed_where_a_one_line_letter_ran_on_is_noted_on_the_next_comment():
    text = flat(PRINTED).replace("Please clearly identify", "Identify the 2. Quarterly Review and")
    noted = doubts(text)
    assert list(noted) == [4]
    assert noted[4][0].startswith("The heading “Quarterly Review and the renewal options")


def test_comment_number_chosen_over_another_place_it_stands_is_noted():
    text = flat(PRINTED).replace(
        "the lease term is not disclosed.", "the lease term. 4. Please tell us."
    )
    noted = doubts(text)
    assert list(noted) == [4]
    assert noted[4] == [
        "“4.” also stands in another place that could start this comment: check that it starts "
        "where the letter's comment does."
    ]


def test_printed_comment_that_breaks_the_numbering_is_noted():
    text = PRINTED.replace("2. Please revise to disclose", "Please revise to disclose")
    assert doubts(text) == {3: ["Comment numbering skips from 1 to 3."]}
