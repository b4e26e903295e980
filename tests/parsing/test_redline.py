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


def long_response(sentences: int) -> str:
    """A response of numbered, distinct sentences in paragraphs of five."""
    lines = [
        f"In fiscal {2000 + n % 20} the Company sold {n} systems to customers."
        for n in range(sentences)
    ]
    return "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, sentences, 5))


def test_redline_of_a_long_lightly_edited_response_marks_each_edit():
    old = long_response(900)  # about 50,000 characters
    new = old.replace("sold 100 systems", "sold 101 systems").replace(
        " to customers. In fiscal 2017", " to customers. In fiscal 2018", 1
    )
    new = new.replace("sold 700 systems to customers.", "sold 700 systems to new customers.")

    changes = [(op, text) for op, text in redline(old, new) if op != "equal"]

    assert len(old) > 50_000
    assert changes == [
        ("delete", "2017"),
        ("insert", "2018"),
        ("delete", "100"),
        ("insert", "101"),
        ("insert", "new "),
    ]


def test_redline_of_a_long_response_rewritten_throughout_joins_to_each_text():
    old = long_response(900)
    new = old.replace("systems", "units").replace("In fiscal", "During")

    chunks = redline(old, new)

    assert "".join(text for op, text in chunks if op != "insert") == old
    assert "".join(text for op, text in chunks if op != "delete") == new
    assert ("delete", "systems") in chunks
