"""The word-level redline between two revisions' texts."""

from tracker.parsing.redline import redline, words


def test_redline_of_equal_texts_is_one_equal_chunk():
    assert redline("Same words.", "Same words.") == [("equal", "Same words.")]


def test_redline_marks_an_inserted_word():
    assert redline("The Company revised it.", "The Company has revised it.") == [
        ("equal", "The Company "),
        ("insert", "has "),
        ("equal", "revised it."),
    ]


def test_redline_marks_a_deleted_word():
    assert redline("We note the risk.", "We note risk.") == [
        ("equal", "We note "),
        ("delete", "the "),
        ("equal", "risk."),
    ]


def test_redline_shows_a_replaced_word_as_deletion_then_insertion():
    assert redline("About $39 million.", "About $39.5 million.") == [
        ("equal", "About "),
        ("delete", "$39 "),
        ("insert", "$39.5 "),
        ("equal", "million."),
    ]


def test_redline_from_empty_text_is_all_inserted():
    assert redline("", "New words.") == [("insert", "New words.")]


def test_redline_chunks_join_to_each_text():
    old, new = "One two\n\nthree four.", "One 2\n\nthree four five."
    chunks = redline(old, new)
    assert "".join(text for op, text in chunks if op != "insert") == old
    assert "".join(text for op, text in chunks if op != "delete") == new


def test_words_keep_the_spaces_and_line_breaks():
    assert words("  Lead\n\nnext") == ["  ", "Lead\n\n", "next"]
