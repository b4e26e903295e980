"""Damaged and hostile files: each is read or refused with a message, within the caps.

Letters go through `parse_letter_file`/`extract_text`, filings through `parse_filing_file`; the
files are built here by hand (see files.py), one per family of damage the readers must survive.
"""

import io
import zipfile

import pytest
from files import (
    NUL_CMAP,
    declare_smaller,
    docx_bytes,
    mark_encrypted,
    paragraph,
    pdf_bytes,
    replace_parts,
    table,
    text_content,
)
from helpers import letter_text
from pypdf import PdfWriter

from tracker.parsing import CorruptDocument, TooLarge, extract_text, parse_letter_file
from tracker.parsing.errors import NotADocument
from tracker.parsing.filing_document import parse_filing_file
from tracker.parsing.limits import FILING, LETTER, MB

LETTER_NAME = "drs.txt"


def section_texts(data: bytes) -> list[str]:
    return [section.text for section, _ in parse_filing_file(data).walk()]


# --- Word ---------------------------------------------------------------------------------------


def test_word_file_without_a_body_is_refused_as_damaged():
    data = docx_bytes(None)

    with pytest.raises(CorruptDocument) as letter_error:
        extract_text(data)
    with pytest.raises(CorruptDocument) as filing_error:
        parse_filing_file(data)

    assert "no document body" in letter_error.value.message
    assert filing_error.value.message == letter_error.value.message


def test_word_table_merged_down_from_its_first_row_reads_each_cell_once():
    merged = table(
        [[("<w:vMerge/>", "Comment"), ("", "Response")], [("<w:vMerge/>", ""), ("", "Yes")]]
    )
    data = docx_bytes(paragraph("Dear Ms. Doe:") + merged)

    assert extract_text(data) == "Dear Ms. Doe:\n\n| Comment | Response |\n\nYes"
    assert section_texts(data) == ["Dear Ms. Doe:\n\nComment | Response\nYes"]


def test_word_paragraph_style_without_a_value_reads_as_plain_text():
    data = docx_bytes(paragraph("Dear Ms. Doe:", "<w:pPr><w:pStyle/></w:pPr>"))

    assert extract_text(data) == "Dear Ms. Doe:"
    assert section_texts(data) == ["Dear Ms. Doe:"]


def test_word_cell_spanning_a_billion_columns_reads_as_one_cell():
    huge = table([[('<w:gridSpan w:val="999999999"/>', "Wide"), ("", "Narrow")]])

    assert extract_text(docx_bytes(huge)) == "| Wide | Narrow |"
    assert section_texts(docx_bytes(huge)) == ["Wide | Narrow"]


def test_word_tables_past_the_cell_cap_are_refused_with_the_cap():
    rows = [[("", f"{row}.{cell}") for cell in range(100)] for row in range(201)]
    data = docx_bytes(table(rows))

    with pytest.raises(TooLarge) as error:
        extract_text(data)

    assert "more than 20,000 cells" in error.value.message


def test_word_part_unpacking_past_the_cap_is_refused_unread():
    bomb = {"word/media/image1.png": b"\0" * (LETTER.max_expanded_bytes + 1)}

    with pytest.raises(TooLarge) as error:
        extract_text(docx_bytes(paragraph("Dear Ms. Doe:"), bomb))

    assert "unpacks to more than 50 MB" in error.value.message
    assert "compression bomb" in error.value.message


def test_word_part_compressed_past_the_ratio_is_refused():
    bomb = {"word/media/image1.png": b"\0" * (2 * MB)}

    with pytest.raises(TooLarge) as error:
        parse_filing_file(docx_bytes(paragraph("Dear Ms. Doe:"), bomb))

    assert f"compressed more than {FILING.max_ratio} to 1" in error.value.message


def test_word_part_whose_header_understates_its_size_is_not_unpacked_past_it():
    data = docx_bytes(paragraph("Dear Ms. Doe: " * 1000))
    lying = declare_smaller(data, "word/document.xml", 100)

    with pytest.raises(CorruptDocument):
        extract_text(lying)


def test_word_archive_with_encrypted_part_is_refused_as_damaged():
    data = mark_encrypted(docx_bytes(paragraph("Dear Ms. Doe:")), "word/document.xml")

    with pytest.raises(CorruptDocument):
        extract_text(data)


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_text_holding_nul_characters_reads_without_them():
    data = pdf_bytes(text_content(b"Dear Ms. Doe:", b"We*note the risk."), to_unicode=NUL_CMAP)

    text = extract_text(data)

    assert text == "Dear Ms. Doe:\nWenote the risk."
    assert "\x00" not in "".join(section_texts(data))


def test_pdf_stream_unpacking_past_the_cap_is_refused_unread():
    padding = b" " * (LETTER.max_expanded_bytes + 1)
    data = pdf_bytes(text_content(b"Dear Ms. Doe:") + padding, compress=True)

    with pytest.raises(TooLarge) as error:
        extract_text(data)

    assert len(data) < MB
    assert "This PDF unpacks to more than 50 MB" in error.value.message


def test_pdf_stream_within_the_filing_cap_is_read():
    padding = b" " * (LETTER.max_expanded_bytes + 1)
    data = pdf_bytes(text_content(b"We may lose money.") + padding, compress=True)

    assert section_texts(data) == ["We may lose money."]


def test_pdf_over_the_page_cap_is_refused_with_the_count():
    writer = PdfWriter()
    for _ in range(LETTER.max_pages + 1):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(TooLarge) as error:
        extract_text(out.getvalue())

    assert (
        error.value.message == "The PDF has 301 pages; a staff letter is read only up to 300 pages."
    )


# --- HTML ---------------------------------------------------------------------------------------


def test_html_of_8000_paragraphs_reads_each_paragraph():
    body = "".join(f"<p>Paragraph {n}.</p>" for n in range(8000))
    data = f"<html><body>{body}</body></html>".encode()

    assert extract_text(data).split("\n\n") == [f"Paragraph {n}." for n in range(8000)]


def test_html_in_utf8_without_a_charset_keeps_its_accents():
    data = "<html><body><p>Société “Générale”</p></body></html>".encode()

    assert extract_text(data) == "Société “Générale”"
    assert section_texts(data) == ["Société “Générale”"]


# --- Plain text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "cp1252"]
)
def test_text_letter_in_each_encoding_reads_as_written(encoding):
    text = letter_text(LETTER_NAME).replace("Include the basis", "Include the “basis”")

    assert extract_text(text.encode(encoding)) == text


def test_text_filing_in_utf16_reads_as_written():
    assert section_texts("Risk Factors\n\nWe may lose money.".encode("utf-16-le")) == [
        "We may lose money."
    ]


def test_text_with_control_characters_reads_without_them():
    assert (
        extract_text(b"Dear\x00 Ms.\x01 Doe:\r\n\tWe\x0c note\x7f.")
        == "Dear Ms. Doe:\n\tWe\x0c note."
    )


def test_random_binary_is_refused_rather_than_read_as_text():
    noise = bytes((n * 7919 + n // 3) % 256 for n in range(4000))

    with pytest.raises(NotADocument) as error:
        extract_text(noise)

    assert "binary data" in error.value.message


# --- Images -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff\xe0", "JPEG"), (b"GIF89a", "GIF")],
)
def test_image_uploaded_as_a_letter_is_refused_as_an_image(head, kind):
    with pytest.raises(NotADocument) as error:
        parse_letter_file(head + b"\x00\x01 image data" * 20)

    assert error.value.message.startswith(f"This is an image ({kind}), not a letter file.")


def test_image_uploaded_as_a_filing_is_refused_as_an_image():
    with pytest.raises(NotADocument) as error:
        parse_filing_file(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)

    assert error.value.message.startswith("This is an image (PNG), not a filing file.")


def test_zip_of_images_is_not_a_word_file():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("scan.png", b"\x89PNG\r\n\x1a\n")

    with pytest.raises(CorruptDocument):
        extract_text(replace_parts(out.getvalue(), {}))
