from tracker.parsing.markup import Block, Run, blocks, has_confidential, plain_text, redacted, runs


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


def test_runs_mark_confidential_passages_across_emphasis():
    assert runs("We sold [[**12,000** units to X]] in 2009.") == [
        Run("We sold "),
        Run("12,000", bold=True, confidential=True),
        Run(" units to X", confidential=True),
        Run(" in 2009."),
    ]


def test_runs_mark_confidential_passages_inside_emphasis():
    assert runs("**a [[b]] c**") == [
        Run("a ", bold=True),
        Run("b", bold=True, confidential=True),
        Run(" c", bold=True),
    ]


def test_runs_keep_an_unclosed_passage_confidential_to_the_end():
    assert runs("Price [[$12 per share") == [Run("Price "), Run("$12 per share", confidential=True)]


def test_runs_keep_nested_marks_confidential_to_the_outer_end():
    assert runs("a [[b [[c]] d]] e") == [Run("a "), Run("b c d", confidential=True), Run(" e")]


def test_blocks_keep_a_passage_confidential_across_lines_and_paragraphs():
    text = "One [[secret\n\ncontinues]] here.\n\n- item [[x\n  y]] z"
    assert blocks(text) == [
        Block("p", [[Run("One "), Run("secret", confidential=True)]]),
        Block("p", [[Run("continues", confidential=True), Run(" here.")]]),
        Block(
            "ul",
            [
                [
                    Run("item "),
                    Run("x", confidential=True),
                    Run(" ", confidential=True),
                    Run("y", confidential=True),
                    Run(" z"),
                ]
            ],
        ),
    ]


def test_redacted_replaces_each_passage_with_one_placeholder():
    result = redacted(blocks("A [[**b** c]] d.\n\n- [[x\n  y]]"))
    assert result == [
        Block("p", [[Run("A "), Run("[***]"), Run(" d.")]]),
        Block("ul", [[Run("[***]")]]),
    ]
    assert not has_confidential(result)


def test_plain_text_drops_confidential_marks():
    assert plain_text("Sold [[12]] units.") == "Sold 12 units."
