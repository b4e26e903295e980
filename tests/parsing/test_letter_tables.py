"""Tables in Word and HTML letters and filings are read where they stand, their cells kept apart
and laid out as on paper: a Re: block in a table gives its filings, a table in a comment stays in
that comment, and figures never run together."""

import io
from datetime import date

import docx

from tracker.parsing import extract_text, parse_letter_file
from tracker.parsing.filing_blocks import docx_blocks, html_blocks
from tracker.parsing.limits import FILING

TOP = ["March 3, 2021", "Jane Roe\nChief Financial Officer\nExample Corp.\n1 Main Street"]
RE_ROWS = [
    ["Re:", "Example Corp."],
    ["", "Form 10-K for the Fiscal Year Ended December 31, 2020"],
    ["", "Filed March 1, 2021"],
    ["", "File No. 001-12345"],
]
OPENING = ["Dear Ms. Roe:", "We have reviewed your filing and have the following comments."]
COMMENT_1 = "1. Please revise the table below to show revenue for each segment:"
FIGURES = [["Segment", "2020", "2019"], ["Revenue", "$1,200", "$1,350"], ["Cost", "$800", "$900"]]
COMMENT_2 = "2. Please tell us why cost fell in 2020."
COMMENT_1_READ = (
    "Please revise the table below to show revenue for each segment:\n"
    "| Segment | 2020 | 2019 |\n| Revenue | $1,200 | $1,350 |\n| Cost | $800 | $900 |"
)
CLOSING = [
    "Please contact John Doe at (202) 551-1234 with any questions.",
    "Sincerely,",
    "/s/ Mary Major\nMary Major\nBranch Chief\nOffice of Manufacturing",
]


def word_letter(*items) -> bytes:
    """A Word letter: each item a paragraph (str, lines split by "\\n") or a table (rows of
    cells, a cell's paragraphs split by a blank line)."""
    document = docx.Document()
    for item in items:
        if isinstance(item, str):
            paragraph = document.add_paragraph()
            for number, line in enumerate(item.split("\n")):
                if number:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
            continue
        table = document.add_table(rows=len(item), cols=len(item[0]))
        for row, cells in zip(table.rows, item, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                first, *more = text.split("\n\n")
                cell.paragraphs[0].text = first
                for paragraph in more:
                    cell.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_letter(*items) -> bytes:
    """The same letter as an HTML page, tables as <table>, a cell's paragraphs as <p>."""

    def cell(text: str) -> str:
        return "<td>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p) + "</td>"

    body = []
    for item in items:
        if isinstance(item, str):
            body.append(f"<p>{item.replace(chr(10), '<br>')}</p>")
        else:
            rows = "".join("<tr>" + "".join(map(cell, row)) + "</tr>" for row in item)
            body.append(f"<table>{rows}</table>")
    return f"<html><body>{''.join(body)}</body></html>".encode()


def letter_with(re_block, figures=FIGURES) -> list:
    return [*TOP, re_block, *OPENING, COMMENT_1, figures, COMMENT_2, *CLOSING]


def test_word_re_block_laid_out_as_a_table_gives_its_filings():
    letter = parse_letter_file(word_letter(*letter_with(RE_ROWS)))
    assert letter.registrant == "Example Corp."
    filing = letter.filings[0]
    assert (filing.form, filing.filed, filing.file_number) == (
        "10-K",
        date(2021, 3, 1),
        "001-12345",
    )


def test_word_re_block_in_one_cell_beside_re_gives_its_filings():
    one_cell = [["Re:", "\n\n".join(row[1] for row in RE_ROWS)]]
    letter = parse_letter_file(word_letter(*letter_with(one_cell)))
    assert letter.registrant == "Example Corp."
    assert [(f.form, f.filed) for f in letter.filings] == [("10-K", date(2021, 3, 1))]


def test_html_re_block_laid_out_as_a_table_gives_its_filings():
    letter = parse_letter_file(html_letter(*letter_with(RE_ROWS)))
    assert letter.registrant == "Example Corp."
    assert [(f.form, f.file_number) for f in letter.filings] == [("10-K", "001-12345")]


def test_re_block_table_reads_as_the_printed_letter():
    text = extract_text(word_letter(*letter_with(RE_ROWS)))
    assert "Re: Example Corp.\n\nForm 10-K for the Fiscal Year Ended December 31, 2020" in text


def test_word_table_inside_a_comment_stays_in_that_comment_a_row_a_line():
    letter = parse_letter_file(word_letter(*letter_with(RE_ROWS)))
    assert [(c.number, c.headings, c.text) for c in letter.comments] == [
        (1, [], COMMENT_1_READ),
        (2, [], "Please tell us why cost fell in 2020."),
    ]
    assert letter.signatory.name == "Mary Major"
    assert "Segment" not in letter.signatory.title


def test_html_table_inside_a_comment_keeps_its_cells_apart():
    letter = parse_letter_file(html_letter(*letter_with(RE_ROWS)))
    assert [c.text for c in letter.comments] == [
        COMMENT_1_READ,
        "Please tell us why cost fell in 2020.",
    ]
    assert "$1,200$1,350" not in letter.source_text
    assert letter.signatory.name == "Mary Major"


def test_table_closing_the_last_comment_stays_in_it_not_in_the_signatory():
    first, last = COMMENT_2.replace("2.", "1.", 1), COMMENT_1.replace("1.", "2.", 1)
    letter = parse_letter_file(word_letter(*TOP, RE_ROWS, *OPENING, first, last, FIGURES, *CLOSING))
    assert [c.number for c in letter.comments] == [1, 2]
    assert letter.comments[-1].text == COMMENT_1_READ
    assert letter.signatory.name == "Mary Major"
    assert "Revenue" not in letter.closing


def test_text_after_a_table_in_a_comment_is_its_own_paragraph():
    items = letter_with(RE_ROWS)
    items.insert(items.index(COMMENT_2), "and explain the change in cost")
    letter = parse_letter_file(word_letter(*items))
    assert letter.comments[0].text == COMMENT_1_READ + "\n\nand explain the change in cost"


def test_comments_numbered_in_a_table_column_are_found():
    numbered = [["1.", COMMENT_1[3:]], ["2.", COMMENT_2[3:]]]
    items = [*TOP, RE_ROWS, *OPENING, numbered, *CLOSING]
    for data in (word_letter(*items), html_letter(*items)):
        letter = parse_letter_file(data)
        assert [c.text for c in letter.comments] == [COMMENT_1[3:], COMMENT_2[3:]]


def test_empty_cells_leave_no_separator():
    figures = [["", "2020", "", "2019"], ["Revenue", "$1,200", "", "$1,350"]]
    text = extract_text(word_letter(*letter_with(RE_ROWS, figures)))
    assert "| 2020 | 2019 |\n\n| Revenue | $1,200 | $1,350 |" in text


def test_filing_html_cell_lines_and_nested_tables_stay_apart():
    html = (
        b"<html><body><table><tr><td><p>Total</p><p>assets</p></td><td>$1,200</td></tr>"
        b"<tr><td>Cash<br>equivalents<table><tr><td>held</td><td>abroad</td></tr></table></td>"
        b"<td>$5</td></tr></table><p>After the table</p></body></html>"
    )
    assert [(b.text, b.row) for b in html_blocks(html, FILING)] == [
        ("Total assets | $1,200", True),
        ("Cash equivalents held | abroad | $5", True),
        ("After the table", False),
    ]


def test_filing_word_table_cell_paragraphs_read_as_one_cell():
    data = word_letter("Balance Sheets", [["Total\n\nassets", "$1,200"]], "After the table")
    assert [(b.text, b.row) for b in docx_blocks(data, FILING)] == [
        ("Balance Sheets", False),
        ("Total assets | $1,200", True),
        ("After the table", False),
    ]
