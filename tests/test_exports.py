"""Exporting the keyed response letter of the demo (Calix, December 17, 2009), read back."""

import io

import docx
import pytest
from django.utils import timezone
from docx.shared import Inches

from tests.exports_helpers import (
    approve,
    approve_all,
    docx_paragraphs,
    edgar_problems,
    flat,
    html_text,
    pdf_pages,
    response_text,
)
from tests.factories import MembershipFactory, UserFactory
from tracker import queries
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.domain.responses import ActionRefused
from tracker.enums import ExportFormat, ExportVersion, Role
from tracker.exporters import exporter_for
from tracker.models import Activity, Export

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo():
    return seed_demo()


@pytest.fixture
def approved(demo):
    approve_all(demo)
    return demo


def render(letter, format: str, version: str = ExportVersion.STANDARD, draft=None) -> bytes:
    context = queries.response_letter_context(letter, version=version, draft=draft)
    return exporter_for(format, version).render(context).data


def expected_headings(letter) -> list[tuple[int, str]]:
    comments = list(letter.comments.order_by("number"))
    return [pair for group in queries.group_by_headings(comments) for pair in group.new_headings]


def test_context_has_every_comment_in_order_with_each_heading_once(approved):
    context = queries.response_letter_context(approved, version=ExportVersion.STANDARD)
    assert [section.number for section in context.sections] == list(range(1, 27))
    headings = [pair for section in context.sections for pair in section.new_headings]
    assert headings == expected_headings(approved)
    assert context.draft is False


def test_context_reads_the_staff_letter_and_the_demo_settings(approved):
    context = queries.response_letter_context(approved, version=ExportVersion.STANDARD)
    assert context.re_lines == [
        "Calix Networks, Inc.",
        "Registration Statement on Form S-1",
        "Filed November 20, 2009",
        "File No. 333-163252",
    ]
    # Most senior first, each with the title the staff letter gives.
    assert context.attention == [
        "Larry Spirgel, Assistant Director",
        "Kyle Moffatt, Accountant Branch Chief",
        "Kathleen Krebs, Special Counsel",
        "Sharon Virga, Staff Accountant",
        "Jay Knight, Staff Attorney",
    ]
    assert context.signer_name == "Dana Whitfield"
    assert "dated December 17, 2009" in context.opening
    assert "Amendment No. 1" in context.opening


def test_context_takes_a_fixed_number_of_queries(approved, django_assert_num_queries):
    with django_assert_num_queries(5):  # the letter styles: one query
        queries.response_letter_context(approved, version=ExportVersion.STANDARD)


def test_docx_export_has_every_comment_heading_and_response_in_order(approved):
    paragraphs = docx_paragraphs(render(approved, ExportFormat.DOCX))
    comments = [text for style, text in paragraphs if style == "Staff Comment"]
    assert [text.split(".\t")[0] for text in comments] == [str(n) for n in range(1, 27)]
    levels = {"Heading 1": 0, "Heading 2": 1, "Heading 3": 2}
    headings = [(levels[style], text) for style, text in paragraphs if style in levels]
    assert headings == [(min(level, 2), text) for level, text in expected_headings(approved)]
    texts = [text for _, text in paragraphs]
    for number in range(1, 27):
        position = next(i for i, text in enumerate(texts) if text.startswith(f"{number}.\t"))
        response = next(text for text in texts[position:] if text.startswith("Response:"))
        assert response == f"Response: {response_text(number)}"


def test_docx_export_uses_word_styles_on_letter_size_pages(approved):
    document = docx.Document(io.BytesIO(render(approved, ExportFormat.DOCX)))
    styles = {style.name for style in document.styles}
    assert {"Normal", "Heading 1", "Heading 2", "Staff Comment", "List Bullet"} <= styles
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    margins = [section.left_margin, section.right_margin, section.top_margin, section.bottom_margin]
    assert margins == [Inches(1)] * 4


def test_docx_continuation_header_has_a_page_field(approved):
    document = docx.Document(io.BytesIO(render(approved, ExportFormat.DOCX)))
    section = document.sections[0]
    header_xml = section.header._element.xml
    assert section.different_first_page_header_footer is True
    assert 'w:instr="PAGE"' in header_xml
    assert "Securities and Exchange Commission" in header_xml
    assert "Page " in header_xml
    assert 'w:instr="PAGE"' not in section.first_page_header._element.xml


def test_docx_keeps_bullets_and_emphasis_of_a_response(demo):
    comment = demo.comments.get(number=7)
    approve(comment, "We **revised** page 29:\n\n- working *capital*\n- acquisitions")
    document = docx.Document(io.BytesIO(render(demo, ExportFormat.DOCX)))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("7.\t"))
    end = next(i for i, p in enumerate(paragraphs) if p.text.startswith("8.\t"))
    bullets = [p.text for p in paragraphs[start:end] if p.style.name == "List Bullet"]
    assert bullets == ["working capital", "acquisitions"]
    revised = next(run for p in document.paragraphs for run in p.runs if run.text == "revised")
    assert revised.bold is True


def test_pdf_export_has_every_comment_in_order_and_page_2(approved):
    pages = pdf_pages(render(approved, ExportFormat.PDF))
    text = flat("\n".join(pages))
    assert "Page 2" in pages[1]
    positions = [text.index(response_text(number)) for number in range(1, 27)]
    assert positions == sorted(positions)
    for comment in approved.comments.all():
        staff_start = " ".join(comment.text.split()[:4])
        assert staff_start in text, comment.number
    assert "Re: Calix Networks, Inc. Registration Statement on Form S-1" in text
    assert "Filed November 20, 2009 File No. 333-163252" in text
    assert "DRAFT" not in text


def test_html_export_is_edgar_ready_and_keyed(approved):
    data = render(approved, ExportFormat.HTML)
    assert edgar_problems(data) == []
    text = flat(html_text(data))
    comments = approved.comments.order_by("number")
    positions = [text.index(f"{c.number}. {' '.join(c.text.split()[:3])}") for c in comments]
    assert positions == sorted(positions)
    re_block = "Calix Networks, Inc. Registration Statement on Form S-1 Filed November 20, 2009"
    assert f"Re: {re_block} File No. 333-163252" in text
    assert "/s/ Dana Whitfield" in text


def test_html_check_finds_what_edgar_refuses():
    bad = b'<html><body onload="x()"><script></script><a href="http://e.com">x</a></body></html>'
    assert edgar_problems(bad) == [
        "event attribute onload",
        "tag <script>",
        "external link http://e.com",
    ]


def test_text_export_is_ascii_in_lines_of_at_most_80(approved):
    data = render(approved, ExportFormat.TXT)
    assert data.isascii()
    lines = data.decode("ascii").splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[lines.index("Re:  Calix Networks, Inc.") + 3] == "     File No. 333-163252"
    text = flat(data.decode("ascii"))
    assert "comments are reproduced below, each followed by" in text
    assert [text.index(f"Response: {response_text(n)}") for n in range(1, 27)] == sorted(
        text.index(f"Response: {response_text(n)}") for n in range(1, 27)
    )


def test_draft_export_says_draft_everywhere_and_marks_missing_responses(demo):
    pdf = pdf_pages(render(demo, ExportFormat.PDF))
    assert all("DRAFT - NOT FOR FILING" in page for page in pdf)
    text = flat("\n".join(pdf))
    assert text.count("[Response not yet drafted]") == 25
    assert "[Draft response - not yet approved]" in text
    document = docx.Document(io.BytesIO(render(demo, ExportFormat.DOCX)))
    section = document.sections[0]
    for header in (section.header, section.first_page_header):
        assert "DRAFT - NOT FOR FILING" in header.paragraphs[0].text
    text, html = render(demo, ExportFormat.TXT), render(demo, ExportFormat.HTML)
    assert text.count(b"DRAFT - NOT FOR FILING") == 2
    # the HTML says it at the top of each of its pages
    pages = html.count(b"page-break-before:always") + 1
    assert (pages > 1, html.count(b"DRAFT - NOT FOR FILING")) == (True, pages)
    for data in (text, html):
        assert data.count(b"[Response not yet drafted]") == 25


def test_export_letter_records_the_file_and_the_activity(approved):
    counsel = approved.review.company.memberships.get(user__username="counsel").user
    export = export_letter(approved, ExportFormat.DOCX, actor=counsel, final=True)
    export.refresh_from_db()
    data = export.file.read()
    assert (export.is_final, export.size, export.created_by) == (True, len(data), counsel)
    assert export.filename == f"calx-resp-{timezone.localdate():%Y%m%d}.docx"
    import hashlib

    assert export.sha256 == hashlib.sha256(data).hexdigest()
    activity = Activity.objects.get(verb="export.created")
    assert (activity.actor, activity.target, activity.detail["sha256"]) == (
        counsel,
        export,
        export.sha256,
    )


def test_final_export_is_refused_while_a_response_is_unapproved(demo):
    approver = demo.review.company.memberships.get(user__username="approver").user
    with pytest.raises(ActionRefused, match="not yet approved: 1, 2, 3"):
        export_letter(demo, ExportFormat.PDF, actor=approver, final=True)
    assert Export.objects.count() == 0


def test_reviewer_exports_drafts_but_not_the_final_letter(approved):
    reviewer = approved.review.company.memberships.get(user__username="reviewer").user
    assert export_letter(approved, ExportFormat.TXT, actor=reviewer).is_final is False
    with pytest.raises(ActionRefused, match="preparer or an approver"):
        export_letter(approved, ExportFormat.TXT, actor=reviewer, final=True)


def test_read_only_member_cannot_export(approved):
    reader = MembershipFactory(company=approved.review.company, role=Role.READ_ONLY).user
    with pytest.raises(ActionRefused, match="Read-only"):
        export_letter(approved, ExportFormat.TXT, actor=reader)


def test_outsider_cannot_export(approved):
    with pytest.raises(ActionRefused):
        export_letter(approved, ExportFormat.TXT, actor=UserFactory(username="charlie"))
