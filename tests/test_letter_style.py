"""The firm's letter style: set for the installation, a company and a letter, honoured by every
export, edited on its page by those allowed, and a Word letterhead the letter is built on."""

import io
import zipfile

import docx
import pdfplumber
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.exports_helpers import approve_all, docx_paragraphs, edgar_problems, pdf_pages
from tests.factories import CommentFactory, CommentLetterFactory, MembershipFactory
from tracker import queries
from tracker.domain.responses import ActionRefused
from tracker.domain.styles import save_letter_style
from tracker.enums import ExportFormat, ExportVersion, Role
from tracker.exporters import exporter_for
from tracker.models import LetterStyle, ResponseLetter

pytestmark = pytest.mark.django_db

RECITAL = "Please tell us how the warranty reserve was estimated."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_letter(company):
    letter = CommentLetterFactory(
        review__company=company,
        staff_signatory="/s/ Nora Quill Nora Quill Assistant Director Office of Manufacturing",
        staff_contacts=[
            {"name": "Owen Pike", "title": "Staff Attorney", "phone": ""},
            {"name": "Ms. Ada Brook", "title": "Staff Accountant", "phone": ""},
            {"name": "Ivo Marsh", "title": "Accounting Branch Chief", "phone": ""},
        ],
    )
    CommentFactory(letter=letter, number=1, text=RECITAL, headings=["Financial Statements"])
    CommentFactory(
        letter=letter,
        number=2,
        text="Please file the consent of the auditor.",
        headings=["Financial Statements", "Exhibits"],
    )
    approve_all(letter)
    return letter


def render(letter, format: str) -> bytes:
    context = queries.response_letter_context(letter, version=ExportVersion.STANDARD)
    return exporter_for(format, ExportVersion.STANDARD).render(context).data


def words(letter, format: str) -> str:
    """The export as the reader sees it, whatever the format."""
    data = render(letter, format)
    if format == ExportFormat.DOCX:
        return "\n".join(text for _, text in docx_paragraphs(data))
    if format == ExportFormat.PDF:
        return "\n".join(pdf_pages(data))
    if format == ExportFormat.HTML:
        return BeautifulSoup(data, "html.parser").get_text()
    return data.decode("ascii")


def installation_style(**values) -> LetterStyle:
    return LetterStyle.objects.create(company=None, **values)


# Resolution: installation -> company -> letter.


def test_style_without_any_setting_is_the_letter_as_it_always_was(staff_letter):
    context = queries.response_letter_context(staff_letter, version=ExportVersion.STANDARD)
    assert (context.salutation, context.style.label, context.style.sign_off) == (
        "Ladies and Gentlemen:",
        "Response:",
        "Sincerely,",
    )
    assert (context.style.bold, context.style.italic) == (True, True)


def test_style_company_overrides_installation_and_letter_overrides_both(staff_letter, company):
    installation_style(sign_off="Very truly yours,", recital="bold", response_label="upper")
    LetterStyle.objects.create(company=company, recital="italic")
    ResponseLetter.objects.create(letter=staff_letter, response_label="none")
    style = queries.response_letter_context(staff_letter, version=ExportVersion.STANDARD).style
    # Sign-off from the installation, recital from the company, label from the letter.
    assert (style.sign_off, style.recital, style.label) == ("Very truly yours,", "italic", "")


def test_style_of_another_company_does_not_dress_this_letter(staff_letter):
    other = MembershipFactory().company
    LetterStyle.objects.create(company=other, sign_off="Respectfully submitted,")
    assert "Sincerely," in words(staff_letter, ExportFormat.TXT)


# Each convention, in each format.


@pytest.mark.parametrize("format", list(ExportFormat))
def test_style_conventions_appear_in_every_format(staff_letter, company, format):
    LetterStyle.objects.create(
        company=company,
        salutation="signatory",
        response_label="company",
        sign_off="Respectfully submitted,",
    )
    ResponseLetter.objects.create(
        letter=staff_letter, attention=["Mr. Raul Dent, Assistant Director"], signer_name="Ann Lo"
    )
    # The signatory is not in the typed Attention lines: no Mr. or Ms. for him is known.
    text = words(staff_letter, format)
    assert "Ladies and Gentlemen:" in text
    assert "Company Response:" in text
    assert "Respectfully submitted," in text
    assert "Sincerely," not in text


@pytest.mark.parametrize("format", list(ExportFormat))
def test_style_dear_names_the_signatory_with_the_honorific_typed(staff_letter, company, format):
    LetterStyle.objects.create(company=company, salutation="signatory")
    ResponseLetter.objects.create(
        letter=staff_letter, attention=["Ms. Nora Quill, Assistant Director"], signer_name="A B"
    )
    assert "Dear Ms. Quill:" in words(staff_letter, format)


def test_style_dear_asks_for_the_honorific_rather_than_guessing(staff_letter, company, client):
    LetterStyle.objects.create(company=company, salutation="attention")
    context = queries.response_letter_context(staff_letter, version=ExportVersion.STANDARD)
    assert context.salutation == "Ladies and Gentlemen:"
    assert queries.letter_style_asks(staff_letter) == context.asks
    assert "Nora Quill" in context.asks[0] and "Ada Brook" not in context.asks[0]
    user = MembershipFactory(company=company, role=Role.PREPARER).user
    client.force_login(user)
    page = client.get(reverse("letter_export", args=[staff_letter.pk])).content.decode()
    assert "say Mr. or Ms. for Nora Quill" in page


def test_style_no_label_leaves_the_response_unlabelled(staff_letter, company):
    LetterStyle.objects.create(company=company, response_label="none")
    text = words(staff_letter, ExportFormat.TXT)
    assert "Response" not in text.replace("responses", "").replace("response to", "")


def recital_fonts(data: bytes) -> set[str]:
    """The PDF fonts the recited comment's first words are set in."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
    start = "".join(c["text"] for c in chars).index("Pleasetellus")
    return {c["fontname"].split("+")[-1] for c in chars[start : start + 6]}


@pytest.mark.parametrize(
    ("recital", "bold", "italic"),
    [("bold", True, False), ("italic", False, True), ("plain", False, False)],
)
def test_style_recital_emphasis_in_word_pdf_and_html(staff_letter, company, recital, bold, italic):
    LetterStyle.objects.create(company=company, recital=recital)
    document = docx.Document(io.BytesIO(render(staff_letter, ExportFormat.DOCX)))
    paragraph = next(p for p in document.paragraphs if RECITAL in p.text)
    assert (bool(paragraph.runs[0].bold), bool(paragraph.runs[0].italic)) == (bold, italic)
    soup = BeautifulSoup(render(staff_letter, ExportFormat.HTML), "html.parser")
    element = next(p for p in soup.find_all("p") if RECITAL in p.get_text())
    assert (element.find("b") is not None, element.find("i") is not None) == (bold, italic)
    fonts = " ".join(recital_fonts(render(staff_letter, ExportFormat.PDF))).lower()
    assert ("bold" in fonts, "italic" in fonts) == (bold, italic)


def test_style_text_export_has_no_emphasis_marks(staff_letter, company):
    LetterStyle.objects.create(company=company, recital="bold")
    text = words(staff_letter, ExportFormat.TXT)
    assert f"1.   {RECITAL}" in text
    assert "*" not in text and "<b>" not in text


def test_headings_each_level_its_own_look_and_none_like_the_recital(staff_letter):
    document = docx.Document(io.BytesIO(render(staff_letter, ExportFormat.DOCX)))
    looks = {}
    for name in ("Heading 1", "Heading 2", "Staff Comment"):
        font = document.styles[name].font
        looks[name] = (bool(font.bold), bool(font.italic), bool(font.underline))
    assert len(set(looks.values())) == 3
    assert document.styles["Heading 2"].paragraph_format.left_indent in (None, 0)
    soup = BeautifulSoup(render(staff_letter, ExportFormat.HTML), "html.parser")
    first = next(p for p in soup.find_all("p") if p.get_text() == "Financial Statements")
    second = next(p for p in soup.find_all("p") if p.get_text() == "Exhibits")
    assert first.find("b") and first.find("u") and not second.find("b") and second.find("u")
    assert "margin-left" not in second["style"]


def test_style_closing_gives_the_signers_telephone(staff_letter, company):
    LetterStyle.objects.create(
        company=company, closing_contact="phone", contact_phone="(212) 555-0147"
    )
    assert "may be reached at (212) 555-0147." in words(staff_letter, ExportFormat.HTML)


def test_style_default_cc_is_added_to_every_letter(staff_letter, company):
    LetterStyle.objects.create(company=company, cc="Pat Rowe, Audit Partner, Example & Co. LLP")
    assert "Pat Rowe, Audit Partner" in words(staff_letter, ExportFormat.TXT)
    assert not edgar_problems(render(staff_letter, ExportFormat.HTML))


# The Attention block.


def test_attention_lists_the_staff_most_senior_first_with_titles(staff_letter):
    context = queries.response_letter_context(staff_letter, version=ExportVersion.STANDARD)
    assert context.attention == [
        "Nora Quill, Assistant Director",
        "Ivo Marsh, Accounting Branch Chief",
        "Ms. Ada Brook, Staff Accountant",
        "Owen Pike, Staff Attorney",
    ]


def test_attention_names_only_or_none_as_the_style_says(staff_letter, company):
    style = LetterStyle.objects.create(company=company, attention="names")
    context = queries.response_letter_context(staff_letter, version=ExportVersion.STANDARD)
    assert context.attention[0] == "Nora Quill"
    style.attention = "none"
    style.save()
    assert "Attention:" not in words(staff_letter, ExportFormat.TXT)


# The Word letterhead.


def letterhead_docx(header: str = "WHITFIELD & CRANE LLP") -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    document.sections[0].footer.paragraphs[0].text = "1 Harbour Square, Boston"
    document.styles["Normal"].font.name = "Garamond"
    document.styles.add_style("Firm Quote", 1).font.small_caps = True
    document.add_paragraph("Body text of the template, to be replaced.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_letterhead_word_export_is_built_on_the_firms_document(staff_letter, company):
    actor = MembershipFactory(company=company, role=Role.APPROVER).user
    save_letter_style(company, {}, actor=actor, letterhead=("firm.docx", letterhead_docx()))
    document = docx.Document(io.BytesIO(render(staff_letter, ExportFormat.DOCX)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "WHITFIELD & CRANE LLP" in section.first_page_header.paragraphs[0].text
    assert "1 Harbour Square" in section.first_page_footer.paragraphs[0].text
    assert "Division of Corporation Finance" in "".join(p.text for p in section.header.paragraphs)
    assert document.styles["Normal"].font.name == "Garamond"
    assert "Firm Quote" in document.styles and "Staff Comment" in document.styles
    texts = [p.text for p in document.paragraphs]
    assert "Body text of the template, to be replaced." not in texts
    assert any(RECITAL in text for text in texts)


def test_letterhead_of_the_installation_serves_a_company_without_one(staff_letter):
    style = installation_style()
    style.letterhead_docx.save("default.docx", io.BytesIO(letterhead_docx("DEFAULT FIRM")))
    document = docx.Document(io.BytesIO(render(staff_letter, ExportFormat.DOCX)))
    assert "DEFAULT FIRM" in document.sections[0].first_page_header.paragraphs[0].text


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_LETTERHEADS = {
    "a PDF": (b"%PDF-1.7\n...", "not one"),
    "a zip that is not Word": (zip_of({"readme.txt": b"hello"}), "not one"),
    "a compression bomb": (
        zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<" + b"a" * 30_000_000}),
        "compression bomb",
    ),
    "a macro-enabled document": (
        zip_of(
            {
                "[Content_Types].xml": b"application/vnd.ms-word.document.macroEnabled.main+xml",
                "word/document.xml": b"<w:document/>",
            }
        ),
        "save it as a Word Document (.docx)",
    ),
    "a damaged Word file": (
        zip_of(
            {
                "[Content_Types].xml": (
                    b"application/vnd.openxmlformats-officedocument."
                    b"wordprocessingml.document.main+xml"
                ),
                "word/document.xml": b"<w:document/>",
            }
        ),
        "damaged",
    ),
}


@pytest.mark.parametrize("case", list(BAD_LETTERHEADS))
def test_letterhead_upload_that_is_not_a_usable_docx_is_refused(case, company, client):
    data, message = BAD_LETTERHEADS[case]
    user = MembershipFactory(company=company, role=Role.APPROVER).user
    LetterStyle.objects.create(company=company, sign_off="Very truly yours,")
    client.force_login(user)
    url = reverse("company_letter_style", args=[company.pk])
    upload = SimpleUploadedFile("letterhead.docx", data)
    response = client.post(url, {"sign_off": "Regards,", "letterhead_docx": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    style = LetterStyle.objects.get(company=company)
    assert (style.sign_off, style.letterhead_docx.name) == ("Very truly yours,", "")


def test_letterhead_refused_by_the_domain_too(company):
    actor = MembershipFactory(company=company, role=Role.APPROVER).user
    with pytest.raises(ActionRefused, match="not one"):
        save_letter_style(company, {}, actor=actor, letterhead=("x.docx", b"plain text"))
    assert not LetterStyle.objects.filter(company=company).exists()


# The style page: who may see and change it.


def test_style_page_saves_for_a_preparer_and_returns_to_the_export_page(staff_letter, company):
    from django.test import Client

    client = Client()
    client.force_login(MembershipFactory(company=company, role=Role.PREPARER).user)
    url = reverse("company_letter_style", args=[company.pk]) + f"?letter={staff_letter.pk}"
    upload = SimpleUploadedFile("Firm letterhead.docx", letterhead_docx())
    data = {"recital": "bold", "sign_off": "Very truly yours,", "letterhead_docx": upload}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("letter_export", args=[staff_letter.pk])
    style = LetterStyle.objects.get(company=company)
    assert (style.recital, style.sign_off, style.letterhead_name) == (
        "bold",
        "Very truly yours,",
        "Firm letterhead.docx",
    )
    assert "Very truly yours," in words(staff_letter, ExportFormat.TXT)
    shown = client.get(response["Location"]).text
    assert f"Saved the letter style of {company.name}" in shown and ".." not in shown


def test_style_page_read_only_member_sees_it_but_cannot_change_it(company, client):
    LetterStyle.objects.create(company=company, sign_off="Regards,")
    client.force_login(MembershipFactory(company=company, role=Role.READ_ONLY).user)
    url = reverse("company_letter_style", args=[company.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Only a preparer or an approver can change the letter style." in page.content.decode()
    assert client.post(url, {"sign_off": "Sincerely,"}).status_code == 403
    assert LetterStyle.objects.get(company=company).sign_off == "Regards,"


def test_style_page_of_another_company_is_invisible(company, outsider_client):
    LetterStyle.objects.create(company=company, sign_off="Regards,")
    url = reverse("company_letter_style", args=[company.pk])
    assert outsider_client.get(url).status_code == 404
    assert outsider_client.post(url, {"sign_off": "Sincerely,"}).status_code == 404
    assert LetterStyle.objects.get(company=company).sign_off == "Regards,"


def test_style_domain_refuses_a_read_only_member(company):
    reader = MembershipFactory(company=company, role=Role.READ_ONLY).user
    with pytest.raises(ActionRefused):
        save_letter_style(company, {"sign_off": "Regards,"}, actor=reader)


def test_style_admin_sets_the_installation_default(staff_letter, admin_client):
    upload = SimpleUploadedFile("default.docx", letterhead_docx("ADMIN FIRM"))
    response = admin_client.post(
        reverse("admin:tracker_letterstyle_add"),
        {"sign_off": "Very truly yours,", "letterhead_docx": upload, "cc": ""},
    )
    assert response.status_code == 302
    assert LetterStyle.objects.get(company=None).letterhead_name == "default.docx"
    assert "Very truly yours," in words(staff_letter, ExportFormat.TXT)


def test_style_admin_refuses_a_bad_letterhead(admin_client):
    upload = SimpleUploadedFile("default.docx", b"not a word file")
    response = admin_client.post(
        reverse("admin:tracker_letterstyle_add"), {"letterhead_docx": upload}
    )
    assert response.status_code == 200
    assert not LetterStyle.objects.exists()


def test_export_page_links_to_the_style_page(staff_letter, company, member_client):
    page = member_client.get(reverse("letter_export", args=[staff_letter.pk])).content.decode()
    assert reverse("company_letter_style", args=[company.pk]) in page
