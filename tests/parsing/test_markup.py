from tracker.parsing.markup import Block, Run, blocks, plain_text, runs


def test_runs_mark_bold_and_italic():
    assert runs("We **revised** page *29* and _30_.") == [
        Run("We "),
        Run("revised", bold=True),
        Run(" page "),
        Run("29", italic=True),
        Run(" and "),
        Run("30", italic=True),
        Run("."),
    ]


def test_runs_leave_lone_asterisks_and_snake_case_alone():
    assert runs("Footnote * applies to net_loss_per_share.") == [
        Run("Footnote * applies to net_loss_per_share.")
    ]


def test_blocks_split_paragraphs_and_bullets():
    text = "First line\ncontinues.\n\nWe note:\n- one\n- **two**\n\nLast."
    assert blocks(text) == [
        Block("p", [[Run("First line continues.")]]),
        Block("p", [[Run("We note:")]]),
        Block("ul", [[Run("one")], [Run("two", bold=True)]]),
        Block("p", [[Run("Last.")]]),
    ]


def test_blocks_of_html_keep_it_as_text():
    assert blocks("<script>alert(1)</script>") == [Block("p", [[Run("<script>alert(1)</script>")]])]


def test_plain_text_drops_marks_and_keeps_bullets():
    assert plain_text("A **b**\n\n- c\n- *d*") == "A b\n\n- c\n- d"
