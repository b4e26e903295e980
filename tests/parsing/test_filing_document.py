"""Reading a filing into its section tree with pages: formats, tables of contents, bad input."""

import io

import pytest
from helpers import DATA

from tracker.parsing import filing_document
from tracker.parsing.errors import CorruptDocument, EmptyDocument, EncryptedDocument
from tracker.parsing.filing_document import (
    NO_HEADINGS,
    FilingNeedsOCR,
    FilingTooLarge,
    parse_filing_file,
)
from tracker.parsing.samples import SamplePage, edgar_filing_html, synthetic_filing_html

NOTE = DATA / "calix_10-k_2015_note_stockholders-equity.txt"


def outline(parsed) -> list[tuple[int, str, str, str]]:
    """(depth, title, first page, last page) of every section, top to bottom."""
    depth: dict[int, int] = {}
    rows = []
    for section, parent in parsed.walk():
        depth[id(section)] = depth[id(parent)] + 1 if parent is not None else 0
        rows.append((depth[id(section)], section.title, section.first_page, section.last_page))
    return rows


def small_s1() -> bytes:
    pages = [
        SamplePage("1", [("h1", "Prospectus Summary"), ("h2", "Our Company"), ("p", "We sell.")]),
        SamplePage("2", [("p", "More about us."), ("h2", "The Offering"), ("p", "Shares.")]),
        SamplePage("3", [("h1", "Use of Proceeds"), ("p", "We will use the proceeds well.")]),
        SamplePage("F-1", [("h1", "Index to Financial Statements"), ("p", "Balance sheets.")]),
        SamplePage(
            "F-2",
            [("h2", "Balance Sheets"), ("table", "Cash | $1,234 | $987\nTotal assets | $5 | $6")],
        ),
    ]
    toc = [("Prospectus Summary", "1"), ("Use of Proceeds", "3")]
    toc.append(("Index to Financial Statements", "F-1"))
    return edgar_filing_html("Example Corp.", "S-1", toc, pages).encode()


def test_section_records_import_as_one_section_with_title_and_full_text():
    data = NOTE.read_bytes()
    title, body = data.decode().split(" | ", 1)

    parsed = parse_filing_file(data)

    assert [section.title for section in parsed.sections] == ["Stockholders' Equity"]
    assert parsed.sections[0].text == body.rstrip().removesuffix("|").rstrip()
    assert title == "Stockholders' Equity"
    assert parsed.message == ""


def test_edgar_html_with_contents_gives_the_tree_and_printed_pages():
    parsed = parse_filing_file(small_s1())

    assert outline(parsed) == [
        (0, "Cover page", "i", "i"),
        (0, "Prospectus Summary", "1", "2"),
        (1, "Our Company", "1", "2"),
        (1, "The Offering", "2", "2"),
        (0, "Use of Proceeds", "3", "3"),
        (0, "Index to Financial Statements", "F-1", "F-2"),
        (1, "Balance Sheets", "F-2", "F-2"),
    ]


def test_edgar_html_section_text_drops_page_numbers_and_running_headers():
    parsed = parse_filing_file(small_s1())
    our_company = parsed.sections[1].children[0]

    assert our_company.text == "We sell.\n\nMore about us."


def test_edgar_html_tables_flatten_into_readable_rows():
    parsed = parse_filing_file(small_s1())
    balance_sheets = parsed.sections[3].children[0]

    assert balance_sheets.text == "Cash | $1,234 | $987\nTotal assets | $5 | $6"


def test_synthetic_300_page_filing_has_a_section_per_page_and_f_pages():
    parsed = parse_filing_file(synthetic_filing_html(300).encode())
    rows = outline(parsed)

    assert len([row for row in rows if row[0] == 1]) == 300
    assert rows[-1][2:] == ("F-50", "F-50")
    assert parsed.page_count == 302


def test_plain_text_headings_in_capitals_and_form_feed_pages():
    text = (
        "RISK FACTORS\n\nOur business is risky.\n\n1\f\nUSE OF PROCEEDS\n\nWe will use it.\n\n2\n"
    )

    parsed = parse_filing_file(text.encode())

    assert outline(parsed) == [(0, "RISK FACTORS", "1", "1"), (0, "USE OF PROCEEDS", "2", "2")]
    assert parsed.sections[1].text == "We will use it."


def test_docx_heading_styles_give_the_tree():
    import docx

    document = docx.Document()
    document.add_heading("Business", level=1)
    document.add_paragraph("We make access systems.")
    document.add_heading("Our Strategy", level=2)
    document.add_paragraph("We grow.")
    buffer = io.BytesIO()
    document.save(buffer)

    parsed = parse_filing_file(buffer.getvalue())

    assert outline(parsed) == [(0, "Business", "", ""), (1, "Our Strategy", "", "")]
    assert parsed.sections[0].children[0].text == "We grow."


def test_text_without_headings_imports_as_one_section_and_says_so():
    text = "We are a company. We sell things to carriers.\n\nRevenue grew in 2009 by ten percent."

    parsed = parse_filing_file(text.encode())

    assert [section.title for section in parsed.sections] == ["Full text"]
    assert parsed.sections[0].text == (
        "We are a company. We sell things to carriers.\n\nRevenue grew in 2009 by ten percent."
    )
    assert parsed.message == NO_HEADINGS


def test_empty_file_is_refused():
    with pytest.raises(EmptyDocument):
        parse_filing_file(b"  \n ")


def test_corrupt_pdf_is_refused():
    with pytest.raises(CorruptDocument):
        parse_filing_file(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")


def blank_pdf(password: str = "") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_is_refused():
    with pytest.raises(EncryptedDocument):
        parse_filing_file(blank_pdf(password="secret"))


def test_pdf_without_a_text_layer_asks_for_ocr():
    with pytest.raises(FilingNeedsOCR) as error:
        parse_filing_file(blank_pdf())

    assert "OCR" in error.value.message


def test_file_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(filing_document, "MAX_FILING_BYTES", 100)

    with pytest.raises(FilingTooLarge) as error:
        parse_filing_file(b"x" * 101)

    assert error.value.message == "The file is larger than 100 MB, too large for a filing."
