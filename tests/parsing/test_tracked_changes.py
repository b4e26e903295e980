"""Word letters and filings with tracked changes read as the text stands with the changes
accepted: insertions and text moved here kept, deletions and text moved away dropped."""

import re
from datetime import date
from xml.sax.saxutils import escape

from files import docx_bytes

from tracker.parsing import parse_letter_file
from tracker.parsing.filing_blocks import docx_blocks
from tracker.parsing.filing_document import parse_filing_file
from tracker.parsing.limits import FILING

# Changes written as in a word diff: [-deleted-], {+inserted+}, [~moved away~], {~moved here~}.
_CHANGE_RE = re.compile(r"(\[-.*?-\]|\{\+.*?\+\}|\[~.*?~\]|\{~.*?~\})")
_WRAPPERS = {"[-": "w:del", "{+": "w:ins", "[~": "w:moveFrom", "{~": "w:moveTo"}


def run(text: str, tag: str = "w:t") -> str:
    return f'<w:r><{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


def tracked(text: str, mark: str = "") -> str:
    """A paragraph of runs, each change wrapped as Word records it; `mark` "del" records the
    paragraph mark itself as deleted (the paragraph joins the next once accepted)."""
    runs = []
    for number, piece in enumerate(_CHANGE_RE.split(text)):
        wrapper = _WRAPPERS.get(piece[:2])
        if wrapper is None:
            runs.append(run(piece) if piece else "")
            continue
        inner = run(piece[2:-2], "w:delText" if wrapper == "w:del" else "w:t")
        attributes = f'w:id="{number}" w:author="Staff" w:date="2021-03-02T10:00:00Z"'
        runs.append(f"<{wrapper} {attributes}>{inner}</{wrapper}>")
    properties = '<w:pPr><w:rPr><w:del w:id="0" w:author="Staff"/></w:rPr></w:pPr>' if mark else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def letter(*paragraphs: str) -> bytes:
    """A short staff letter around `paragraphs`: each in word-diff form, or Word XML as is."""
    top = [
        "March [-1-]{+3+}, 2021",
        "Jane Roe",
        "Example Corp.",
        "Re: Example Corp.",
        "Form [-10-Q-]{+10-K+} for the Fiscal Year Ended December 31, 2020",
        "Dear Ms. Roe:",
        "We have reviewed your filing and have the following comments.",
    ]
    bottom = ["Sincerely,", "Division of Corporation Finance"]
    xml = (p if p.startswith("<w:") else tracked(p) for p in [*top, *paragraphs, *bottom])
    return docx_bytes("".join(xml))


def test_letter_reads_insertions_not_deletions():
    data = letter(
        "1. Please [-tell us-]{+revise your disclosure to explain+} why revenue fell.",
        "2. Please confirm the date.",
    )
    parsed = parse_letter_file(data)
    assert parsed.date == date(2021, 3, 3)
    assert [f.form for f in parsed.filings] == ["10-K"]
    assert [(c.number, c.text, c.request_types) for c in parsed.comments] == [
        (1, "Please revise your disclosure to explain why revenue fell.", ["revise"]),
        (2, "Please confirm the date.", ["confirm"]),
    ]


def test_deleted_comment_paragraph_is_gone_and_the_numbering_reads_on():
    data = letter(
        "1. Please revise the risk factors.",
        tracked("[-2. Please tell us about the old plan.-]", mark="del"),
        "[-3-]{+2+}. Please confirm the date.",
    )
    parsed = parse_letter_file(data)
    assert [(c.number, c.text) for c in parsed.comments] == [
        (1, "Please revise the risk factors."),
        (2, "Please confirm the date."),
    ]
    assert "old plan" not in parsed.source_text


def test_paragraph_whose_mark_was_deleted_runs_on_into_the_next():
    data = letter(
        tracked("1. Please revise the summary.{+ +}", mark="del"),
        "Also tell us why revenue fell.",
    )
    assert parse_letter_file(data).comments[0].text == (
        "Please revise the summary. Also tell us why revenue fell."
    )


def test_moved_text_is_read_where_it_was_moved_to():
    data = letter("1. Please [~promptly ~]tell us {~promptly ~}why revenue fell.")
    assert parse_letter_file(data).comments[0].text == "Please tell us promptly why revenue fell."


def test_deleted_table_row_and_cell_are_dropped():
    def cell(text: str, properties: str = "") -> str:
        return f"<w:tc><w:tcPr>{properties}</w:tcPr>{tracked(text)}</w:tc>"

    deleted_row = '<w:trPr><w:del w:id="7" w:author="Staff"/></w:trPr>'
    table = (
        "<w:tbl>"
        f"<w:tr>{cell('Revenue')}{cell('$1,200')}{cell('$9', '<w:cellDel/>')}</w:tr>"
        f"<w:tr>{deleted_row}{cell('Old line')}{cell('$5')}</w:tr>"
        f"<w:tr>{cell('Cost')}{cell('$[-700-]{+800+}')}</w:tr>"
        "</w:tbl>"
    )
    data = letter("1. Please revise the table:", table)
    assert parse_letter_file(data).comments[0].text == (
        "Please revise the table:\n| Revenue | $1,200 |\n| Cost | $800 |"
    )


def test_filing_page_break_deleted_is_no_page():
    page_break = '<w:del w:id="8" w:author="Staff"><w:r><w:br w:type="page"/></w:r></w:del>'
    body = tracked("Summary") + f"<w:p>{page_break}{run('Our plan may fail.')}</w:p>"
    assert [b.page for b in docx_blocks(docx_bytes(body), FILING)] == [0, 0]


def test_filing_reads_its_headings_and_text_as_accepted():
    heading = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    body = (
        f"<w:p>{heading}{run('Risk ')}<w:del w:id='1' w:author='S'>{run('Factor', 'w:delText')}"
        f"</w:del><w:ins w:id='2' w:author='S'>{run('Factors')}</w:ins></w:p>"
        + tracked("Our [-old-]{+new+} plan may fail.")
    )
    filing = parse_filing_file(docx_bytes(body))
    assert [(s.title, s.text) for s in filing.sections] == [
        ("Risk Factors", "Our new plan may fail.")
    ]
