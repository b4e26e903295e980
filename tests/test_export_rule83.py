"""Rule 83: the confidential version for the staff, the public one for EDGAR, the request."""

import io

import docx
import pytest
from django.utils import timezone

from tests.exports_helpers import (
    approve_all,
    docx_raw,
    edgar_problems,
    flat,
    html_text,
    pdf_metadata,
    pdf_pages,
)
from tracker import queries
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.domain.responses import ActionRefused
from tracker.enums import ExportFormat, ExportVersion
from tracker.exporters import exporter_for

pytestmark = pytest.mark.django_db

SECRET = "Project Osprey pricing of 41.7 dollars per port"
RESPONSE_7 = (
    "The Company has revised page 29. It expects to spend [[**$12.5 million** on "
    f"{SECRET}]] in 2010.\n\n- working capital\n- [[the Osprey line\n  of credit]]"
)
PUBLIC_7 = "The Company has revised page 29. It expects to spend [***] in 2010."
LEGEND = "FOIA Confidential Treatment Requested by Calix Networks, Inc. pursuant to Rule 83"
FOOTNOTE = "Information omitted and provided under separate cover to the Staff pursuant to Rule 83"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def marked():
    letter = seed_demo()
    approve_all(letter, {7: RESPONSE_7})
    return letter


def render(letter, format: str, version: str) -> bytes:
    context = queries.response_letter_context(letter, version=version, draft=False)
    return exporter_for(format, version).render(context).data


def assert_no_secret(data: bytes) -> None:
    for word in (b"Osprey", b"12.5 million", b"41.7"):
        assert word not in data


def test_public_docx_holds_no_confidential_byte_anywhere(marked):
    data = render(marked, ExportFormat.DOCX, ExportVersion.PUBLIC)
    assert_no_secret(docx_raw(data))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert f"Response: {PUBLIC_7}" in texts
    assert "[***]" in texts
    assert f"[***] {FOOTNOTE}." in texts


def test_public_pdf_holds_no_confidential_text_or_metadata(marked):
    data = render(marked, ExportFormat.PDF, ExportVersion.PUBLIC)
    text = flat("\n".join(pdf_pages(data)))
    assert "Osprey" not in text and "12.5 million" not in text
    assert "Osprey" not in pdf_metadata(data)
    assert_no_secret(data)
    assert PUBLIC_7 in text
    assert f"[***] {FOOTNOTE}." in text


def test_public_html_and_text_hold_no_confidential_text(marked):
    html = render(marked, ExportFormat.HTML, ExportVersion.PUBLIC)
    assert edgar_problems(html) == []
    assert_no_secret(html)
    assert PUBLIC_7 in flat(html_text(html))
    text = render(marked, ExportFormat.TXT, ExportVersion.PUBLIC)
    assert_no_secret(text)
    assert f"[***] {FOOTNOTE}." in flat(text.decode("ascii"))


def test_public_file_name_and_export_row_hold_no_confidential_text(marked):
    export = export_letter(marked, ExportFormat.DOCX, version=ExportVersion.PUBLIC, actor=None)
    assert export.filename == f"calx-draft-{timezone.localdate():%Y%m%d}-pub.docx"
    assert_no_secret(export.file.read())


def test_confidential_pdf_has_legend_and_page_code_on_every_page(marked):
    pages = pdf_pages(render(marked, ExportFormat.PDF, ExportVersion.CONFIDENTIAL))
    assert flat(pages[0]).startswith(LEGEND)  # the legend may wrap, as fonts differ
    for number, page in enumerate(pages, start=1):
        assert LEGEND in flat(page)
        assert f"CALX-{number:03d}" in page
    text = flat("\n".join(pages))
    assert f"[$12.5 million on {SECRET}]" in text


def test_confidential_docx_has_legend_and_page_code_field_in_every_header(marked):
    document = docx.Document(io.BytesIO(render(marked, ExportFormat.DOCX, "confidential")))
    section = document.sections[0]
    for header in (section.header, section.first_page_header):
        assert LEGEND in header.paragraphs[0].text
        assert 'w:instr="PAGE \\# &quot;000&quot;"' in header._element.xml
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert f"spend [$12.5 million on {SECRET}] in 2010." in body
    assert "- [the Osprey line of credit]" not in body
    assert "[the Osprey line of credit]" in body


def test_confidential_html_carries_the_legend_and_its_code_on_each_page_the_text_one_code(marked):
    html = render(marked, ExportFormat.HTML, ExportVersion.CONFIDENTIAL)
    assert edgar_problems(html) == []
    pages = html.count(b"page-break-before:always") + 1
    printed = flat(html_text(html))
    assert [printed.count(f"{LEGEND} CALX-{n:03d}") for n in range(1, pages + 1)] == [1] * pages
    text = render(marked, ExportFormat.TXT, ExportVersion.CONFIDENTIAL).decode("ascii")
    assert f"{LEGEND} - CALX-001" in flat(text)


def test_foia_request_lists_the_pages_holding_confidential_passages(marked):
    context = queries.response_letter_context(marked, version=ExportVersion.CONFIDENTIAL)
    pages = pdf_pages(render(marked, ExportFormat.PDF, ExportVersion.CONFIDENTIAL))
    holding = [n for n, page in enumerate(pages, start=1) if "Osprey" in page]
    request = render(marked, ExportFormat.TXT, ExportVersion.FOIA_REQUEST).decode("ascii")
    listed = [line.strip() for line in request.splitlines() if line.strip().startswith("CALX-")]
    assert listed == [f"CALX-{n:03d} (comment 7)" for n in holding]
    assert "Office of FOIA Services" in request
    assert "Osprey" not in request
    assert context.marked_sections == [7]


def test_foia_request_comes_as_word_and_pdf_but_not_html(marked):
    assert b"CALX-" in docx_raw(render(marked, ExportFormat.DOCX, ExportVersion.FOIA_REQUEST))
    assert "CALX-" in pdf_pages(render(marked, ExportFormat.PDF, "foia_request"))[0]
    with pytest.raises(ActionRefused, match="on paper"):
        export_letter(marked, ExportFormat.HTML, version=ExportVersion.FOIA_REQUEST, actor=None)


def test_rule_83_versions_are_refused_without_confidential_passages():
    letter = seed_demo()
    approve_all(letter)
    with pytest.raises(ActionRefused, match="No response of this letter"):
        export_letter(letter, ExportFormat.PDF, version=ExportVersion.PUBLIC, actor=None)
