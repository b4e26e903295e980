"""The word-level redline between two revisions' texts."""

from tracker.parsing.redline import redline, words


def test_redline_of_equal_texts_is_one_equal_chunk():
    assert redline("Same words.", "Same words.") == [("equal", "Same words.")]


def test_redline_marks_an_inserted_word():
    assert redline("The Company revised it.", "The Company has revised it.") == [
        ("equal", "The Company"),
        ("insert", " has"),
        ("equal", " revised it."),
    ]


def test_redline_marks_a_deleted_word():
    assert redline("We note the risk.", "We note risk.") == [
        ("equal", "We note "),
        ("delete", "the "),
        ("equal", "risk."),
    ]


def test_redline_marks_a_changed_number_and_keeps_the_punctuation():
    assert redline("About 39 million.", "About 40 million.") == [
        ("equal", "About "),
        ("delete", "39"),
        ("insert", "40"),
        ("equal", " million."),
    ]


def test_redline_shows_a_replaced_phrase_as_one_deletion_then_one_insertion():
    assert redline("It is a b c here.", "It is x y z here.") == [
        ("equal", "It is "),
        ("delete", "a b c"),
        ("insert", "x y z"),
        ("equal", " here."),
    ]


def test_redline_from_empty_text_is_all_inserted():
    assert redline("", "New words.") == [("insert", "New words.")]


def test_redline_chunks_join_to_each_text():
    old, new = "One two\n\nthree four.", "One 2\n\nthree four five."
    chunks = redline(old, new)
    assert "".join(text for op, text in chunks if op != "insert") == old
    assert "".join(text for op, text in chunks if op != "delete") == new


def test_words_keep_the_spaces_line_breaks_and_punctuation():
    assert words("  Lead\n\nnext, $39.5") == [
        "  ",
        "Lead",
        "\n\n",
        "next",
        ",",
        " ",
        "$",
        "39",
        ".",
        "5",
    ]
