import io
import zipfile

import docx
import pytest
import weasyprint
from helpers import letter_text
from pypdf import PdfReader, PdfWriter

from tracker.parsing import (
    MAX_LETTER_BYTES,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    NeedsOCR,
    NotALetter,
    TooLarge,
    extract_text,
    parse_letter,
    parse_letter_file,
)

LETTER = "drs.txt"


def paragraphs_of(name: str) -> list[str]:
    return [block.replace("\n", "<br>") for block in letter_text(name).split("\n\n")]


def letter_html(name: str) -> str:
    body = "".join(f"<p>{block}</p>" for block in paragraphs_of(name))
    return f"<!DOCTYPE html><html><head><title>Letter</title></head><body>{body}</body></html>"


def letter_docx(name: str) -> bytes:
    document = docx.Document()
    for block in letter_text(name).split("\n\n"):
        paragraph = document.add_paragraph()
        for number, line in enumerate(block.split("\n")):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def letter_pdf(name: str) -> bytes:
    return weasyprint.HTML(string=letter_html(name)).write_pdf()


def comments_of(letter) -> list[tuple[int, str, list[str]]]:
    return [(c.number, c.text, c.headings) for c in letter.comments]


def test_pdf_letter_gives_same_comments_as_text():
    expected = parse_letter(letter_text(LETTER))
    assert comments_of(parse_letter_file(letter_pdf(LETTER))) == comments_of(expected)


def test_docx_letter_gives_same_comments_as_text():
    expected = parse_letter(letter_text(LETTER))
    assert comments_of(parse_letter_file(letter_docx(LETTER))) == comments_of(expected)


def test_html_letter_gives_same_comments_as_text():
    expected = parse_letter(letter_text(LETTER))
    html = letter_html(LETTER).encode()
    assert comments_of(parse_letter_file(html)) == comments_of(expected)


def test_html_letter_envelope_matches_text():
    expected = parse_letter(letter_text(LETTER))
    letter = parse_letter_file(letter_html(LETTER).encode())
    assert (letter.date, letter.filings, letter.signatory) == (
        expected.date,
        expected.filings,
        expected.signatory,
    )


def test_edgar_document_wrapper_read_as_html():
    wrapped = f"<DOCUMENT>\n<TYPE>LETTER\n<TEXT>\n{letter_html(LETTER)}\n</TEXT>\n</DOCUMENT>"
    letter = parse_letter_file(wrapped.encode())
    assert [c.number for c in letter.comments] == [1, 2]


def test_format_read_from_content_not_name():
    # A PDF saved as ".txt" and text saved as ".pdf": only the bytes count.
    assert [c.number for c in parse_letter_file(letter_pdf(LETTER)).comments] == [1, 2]
    assert "%PDF" not in extract_text(letter_text(LETTER).encode())


def test_empty_bytes_raise_empty_document():
    with pytest.raises(EmptyDocument):
        parse_letter_file(b"")


def test_blank_text_raises_empty_document():
    with pytest.raises(EmptyDocument):
        parse_letter("  \n\n ")


def test_text_without_comments_raises_not_a_letter():
    with pytest.raises(NotALetter) as caught:
        parse_letter_file(b"Minutes of the board meeting.\n\nThe board approved the budget.")
    assert "by hand" in str(caught.value)


def test_pdf_without_text_layer_needs_ocr():
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(NeedsOCR):
        parse_letter_file(out.getvalue())


def test_encrypted_pdf_raises_encrypted_document():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf(LETTER))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(EncryptedDocument):
        parse_letter_file(out.getvalue())


def test_truncated_pdf_raises_corrupt_document():
    data = letter_pdf(LETTER)
    with pytest.raises(CorruptDocument):
        parse_letter_file(data[: len(data) // 3])


def test_truncated_docx_raises_corrupt_document():
    data = letter_docx(LETTER)
    with pytest.raises(CorruptDocument):
        parse_letter_file(data[: len(data) // 2])


def test_zip_without_word_document_raises_corrupt_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a letter")
    with pytest.raises(CorruptDocument):
        parse_letter_file(out.getvalue())


def test_file_over_limit_raises_too_large():
    with pytest.raises(TooLarge):
        parse_letter_file(b"a" * (MAX_LETTER_BYTES + 1))


def test_cp1252_bytes_decoded():
    text = letter_text(LETTER).replace("Include the basis", "Include the “basis”")
    letter = parse_letter_file(text.encode("cp1252"))
    assert letter.comments[0].text.startswith("Include the “basis” for your estimate")


OL_LETTER = """<html><body>
<p>March 3, 2026</p><p>Ms. Ada Lane<br>Chief Financial Officer<br>Example Corp.</p>
<p>Re: Example Corp.<br>Form 10-K for the Fiscal Year Ended December 31, 2025<br>
File No. 001-12345</p>
<p>Dear Ms. Lane:</p>
<p>We have reviewed your filing and have the following comments.</p>
<p><b>Liquidity, page 40</b></p>
<ol><li>Please tell us how you fund the expansion.</li><li>Please disclose your covenants.</li></ol>
<p><b>Revenue, page 52</b></p>
<ol start="3"><li>Please confirm that you will revise the table.</li></ol>
<p>Sincerely,</p><p>Division of Corporation Finance</p>
</body></html>"""


def test_comments_numbered_by_an_html_list_keep_their_numbers():
    letter = parse_letter(extract_text(OL_LETTER.encode()))

    assert [comment.number for comment in letter.comments] == [1, 2, 3]
    assert letter.comments[1].text == "Please disclose your covenants."
    assert letter.comments[2].headings[-1] == "Revenue, page 52"


def test_comments_numbered_by_word_s_own_list_numbering_keep_their_numbers():
    document = docx.Document()
    for line in [
        "March 3, 2026",
        "Ms. Ada Lane",
        "Example Corp.",
        "Re: Example Corp.",
        "Form 10-K for the Fiscal Year Ended December 31, 2025",
        "File No. 001-12345",
        "Dear Ms. Lane:",
        "We have reviewed your filing and have the following comments.",
        "Liquidity, page 40",
    ]:
        document.add_paragraph(line)
    for text in ["Please tell us how you fund it.", "Please disclose your covenants."]:
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Revenue, page 52")
    document.add_paragraph("Please confirm the table.", style="List Number")
    document.add_paragraph("Sincerely,")
    buffer = io.BytesIO()
    document.save(buffer)

    letter = parse_letter(extract_text(buffer.getvalue()))

    assert [comment.number for comment in letter.comments] == [1, 2, 3]
    assert letter.comments[2].headings[-1] == "Revenue, page 52"
