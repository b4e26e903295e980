from tracker.parsing import page_refs


def test_page_refs_single_page():
    assert page_refs("Use of Proceeds, page 29") == ["29"]


def test_page_refs_financial_statement_page():
    assert page_refs("We note on page F-37 that you have") == ["F-37"]


def test_page_refs_range_gives_both_ends():
    assert page_refs("the carryover paragraph on pages 89-90") == ["89", "90"]


def test_page_refs_list_deduplicated_in_order():
    assert page_refs("pages 70 and 75; see also page 70 and page FS-8") == ["70", "75", "FS-8"]


def test_page_refs_none_without_the_word_page():
    assert page_refs("Refer to Rule 10b-5 and Item 402(b).") == []
