"""Importing a filing: placeholders replaced, comments linked, amendments matched, bad input."""

import io
import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from tests.factories import CompanyFactory, MembershipFactory
from tests.filing_samples import (
    FILE_NUMBER,
    LEADING_PROVIDER,
    NOTE,
    PASSAGES,
    calix_s1_html,
    demo_letter,
)
from tracker.domain import filing_imports, linking
from tracker.domain.filings import AlreadyImported, import_filing
from tracker.enums import ImportStatus, LinkMethod, Role
from tracker.models import Filing, FilingImport, Section, SectionLink
from tracker.parsing import EmptyDocument
from tracker.parsing import filing_document as documents
from tracker.parsing.filing_document import FilingTooLarge, parse_filing_file
from tracker.parsing.linking import heading_title
from tracker.parsing.pages import page_refs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def import_calix(letter, passages=None) -> Filing:
    return import_filing(
        parse_filing_file(calix_s1_html(letter, passages)),
        company=letter.review.company,
        form_type="S-1",
        file_number=FILE_NUMBER,
    )


def top_link(comment) -> SectionLink:
    return comment.section_links.select_related("section").order_by("-score").first()


def test_import_replaces_the_placeholders_of_the_filing_the_letter_named():
    letter = demo_letter()
    placeholders = Section.objects.filter(is_placeholder=True).count()

    filing = import_calix(letter)

    assert placeholders > 0
    assert letter.review.filings.get() == filing
    assert filing.sections.filter(is_placeholder=True).count() == 0
    assert Section.objects.filter(is_placeholder=True).count() == 0


def test_manual_link_to_a_placeholder_is_carried_to_the_real_section():
    letter = demo_letter()
    comment = letter.comments.get(number=19)
    placeholder = Section.objects.get(title="Use of Proceeds, page 29")
    SectionLink.objects.create(comment=comment, section=placeholder, method=LinkMethod.MANUAL)

    import_calix(letter)

    link = comment.section_links.get(method=LinkMethod.MANUAL)
    assert (link.section.title, link.section.is_placeholder) == ("Use of Proceeds", False)


def test_each_comment_whose_heading_names_a_page_links_to_that_section_first():
    letter = demo_letter()

    import_calix(letter)

    checked = 0
    for comment in letter.comments.all():
        if comment.headings and page_refs(comment.headings[-1]):
            assert top_link(comment).section.title == heading_title(comment.headings[-1])
            checked += 1
    assert checked == 19


def test_comment_quoting_the_filing_gets_the_quoted_sentence_as_its_passage():
    letter = demo_letter()

    import_calix(letter)

    link = top_link(letter.comments.get(number=5))
    assert (link.section.title, link.passage) == ("Our Company", LEADING_PROVIDER)


def test_manual_links_survive_a_rerun_and_removed_links_stay_removed():
    letter = demo_letter()
    filing = import_calix(letter)
    user = MembershipFactory(company=letter.review.company, role=Role.REVIEWER).user
    business = filing.sections.get(title="Business")
    two, seven, eight = (letter.comments.get(number=n) for n in (2, 7, 8))
    linking.add_link(two, business, actor=user)
    linking.confirm_link(top_link(seven), actor=user)
    removed = top_link(eight)
    linking.remove_link(removed, actor=user)

    linking.link_comments(list(letter.comments.all()), filing)

    assert two.section_links.get(section=business).method == LinkMethod.MANUAL
    assert top_link(seven).method == LinkMethod.MANUAL
    assert not eight.section_links.filter(section=removed.section_id).exists()


def test_read_only_member_may_not_change_links():
    letter = demo_letter()
    filing = import_calix(letter)
    reader = MembershipFactory(company=letter.review.company, role=Role.READ_ONLY).user

    with pytest.raises(PermissionDenied):
        linking.add_link(letter.comments.get(number=1), filing.sections.first(), actor=reader)


def test_importing_the_same_filing_twice_is_refused():
    letter = demo_letter()
    import_calix(letter)

    with pytest.raises(AlreadyImported):
        import_calix(letter)


def test_amendment_sections_point_at_their_earlier_versions():
    letter = demo_letter()
    original = import_calix(letter)
    revised = dict(PASSAGES, **{"Use of Proceeds": "We will use $20 million to repay debt."})

    amendment = import_filing(
        parse_filing_file(calix_s1_html(letter, revised)),
        company=letter.review.company,
        form_type="S-1/A",
        file_number=FILE_NUMBER,
    )

    use = amendment.sections.get(title="Use of Proceeds")
    assert (amendment.amends, amendment.amendment_number) == (original, 1)
    assert use.previous_version == original.sections.get(title="Use of Proceeds")
    assert amendment.sections.filter(previous_version__isnull=True).count() == 0
    assert letter.review.filings.count() == 2


def staged(company, data: bytes, name: str = "filing.htm") -> FilingImport:
    return filing_imports.start_import(
        company=company, user=None, data=data, filename=name, form_type="10-K", queue=False
    )


def test_background_import_runs_once_and_reports_done():
    company = CompanyFactory()
    record = staged(company, NOTE.read_bytes(), "note.txt")

    first = filing_imports.run_import(record.pk)
    second = filing_imports.run_import(record.pk)

    assert (first.status, first.progress, first.total) == (ImportStatus.DONE, 3, 3)
    assert second.filing == first.filing
    assert Filing.objects.filter(company=company).count() == 1


def test_upload_by_a_member_queues_and_runs_the_import_eagerly(
    django_capture_on_commit_callbacks,
):
    member = MembershipFactory(role=Role.PREPARER)

    with django_capture_on_commit_callbacks(execute=True):
        record = filing_imports.start_import(
            company=member.company,
            user=member.user,
            data=NOTE.read_bytes(),
            filename="note.txt",
            form_type="10-K",
        )

    record.refresh_from_db()
    assert record.status == ImportStatus.DONE
    assert record.filing.sections.get().title == "Stockholders' Equity"


def test_read_only_member_may_not_import():
    member = MembershipFactory(role=Role.READ_ONLY)

    with pytest.raises(PermissionDenied):
        filing_imports.start_import(
            company=member.company, user=member.user, data=b"x", filename="x", form_type="S-1"
        )


def blank_pdf(password: str = "") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"%PDF-1.7\n1 0 obj garbage",
            "The file is damaged or incomplete and could not be opened.",
        ),
        (blank_pdf("secret"), "The document is password-protected. Upload an unprotected copy."),
        (blank_pdf(), documents.FilingNeedsOCR.default_message),
    ],
)
def test_unreadable_file_fails_with_a_message_and_saves_nothing(data, message):
    record = staged(CompanyFactory(), data, "filing.pdf")

    record = filing_imports.run_import(record.pk)

    assert (record.status, record.message) == (ImportStatus.FAILED, message)
    assert (Filing.objects.count(), Section.objects.count()) == (0, 0)


def test_empty_file_is_refused_before_anything_is_stored():
    with pytest.raises(EmptyDocument):
        staged(CompanyFactory(), b"   ")

    assert FilingImport.objects.count() == 0


def test_file_over_the_limit_is_refused_before_anything_is_stored(monkeypatch):
    monkeypatch.setattr(documents, "MAX_FILING_BYTES", 10)

    with pytest.raises(FilingTooLarge):
        staged(CompanyFactory(), b"x" * 11)

    assert FilingImport.objects.count() == 0


def test_filing_without_headings_imports_as_one_section_and_says_so():
    record = staged(CompanyFactory(), b"We sell systems. Revenue grew in 2009.", "plain.txt")

    record = filing_imports.run_import(record.pk)

    assert (record.status, record.message) == (ImportStatus.DONE, documents.NO_HEADINGS)
    assert [s.title for s in record.filing.sections.all()] == ["Full text"]


def test_command_prints_the_section_tree_with_pages(tmp_path):
    letter = demo_letter()
    path = tmp_path / "s1.htm"
    path.write_bytes(calix_s1_html(letter))
    out = StringIO()

    call_command(
        "import_filing",
        str(path),
        "--company",
        "Calix Networks, Inc.",
        "--form",
        "S-1",
        "--file-number",
        FILE_NUMBER,
        "--json",
        stdout=out,
    )

    tree = json.loads(out.getvalue())
    proceeds = next(s for s in tree["sections"] if s["title"] == "Use of Proceeds")
    assert (proceeds["first_page"], proceeds["last_page"], proceeds["comments"]) == (
        "29",
        "34",
        [7],
    )


def test_command_imports_the_10k_note_as_one_section():
    company = CompanyFactory(name="Calix, Inc.")
    out = StringIO()

    call_command(
        "import_filing",
        str(NOTE),
        "--company",
        "Calix, Inc.",
        "--form",
        "10-K",
        "--filed",
        "2016-02-29",
        stdout=out,
    )

    filing = Filing.objects.get(company=company)
    assert out.getvalue() == f"Saved filing #{filing.pk} ({filing}): 1 sections, 0 links\n"


def test_command_fails_in_one_line_on_an_unreadable_file(tmp_path):
    CompanyFactory(name="Calix, Inc.")
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf())

    with pytest.raises(CommandError) as error:
        call_command("import_filing", str(path), "--company", "Calix, Inc.", "--form", "S-1")

    assert str(error.value) == f"scan.pdf: {documents.FilingNeedsOCR.default_message}"
