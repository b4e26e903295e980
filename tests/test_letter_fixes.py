"""Small things a lawyer used to fix by hand in the exported letter and on the pages."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from tests.exports_helpers import approve_all, flat, pdf_pages
from tests.factories import CommentLetterFactory, FilingFactory, FilingReviewFactory
from tracker import queries
from tracker.domain.demo import seed_demo
from tracker.domain.exports import save_response_letter
from tracker.enums import ExportVersion, FormType
from tracker.exporters import exporter_for
from tracker.exporters.context import ResponseLetterContext
from tracker.exporters.foia import as_docx, as_pdf, foia_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def render(letter, format: str, version: str = ExportVersion.STANDARD) -> bytes:
    context = queries.response_letter_context(letter, version=version)
    return exporter_for(format, version).render(context).data


def test_text_export_says_reproduced_below_without_a_styling_it_cannot_show():
    letter = seed_demo()
    text = flat(render(letter, "txt").decode("ascii"))
    assert "comments are reproduced below, each followed by the Company's response" in text
    assert "bold italics" not in text
    assert "reproduced below in bold italics" in flat(" ".join(pdf_pages(render(letter, "pdf"))))


def test_word_recites_the_staffs_bullets_in_bold_italics_as_their_paragraphs():
    letter = seed_demo()
    comment = letter.comments.get(number=1)
    comment.text = "Please tell us:\n- how you count users;\n- when you count them."
    comment.save(update_fields=["text"])
    document = docx.Document(io.BytesIO(render(letter, "docx")))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    recited = [p for p in bullets if p.text.startswith(("how you", "when you"))]
    assert [(run.bold, run.italic) for p in recited for run in p.runs] == [(True, True)] * 2


def request_context(codes: int) -> ResponseLetterContext:
    return ResponseLetterContext(
        version=ExportVersion.FOIA_REQUEST,
        draft=False,
        company="Calix Networks, Inc.",
        letter_date=dt.date(2009, 12, 17),
        dated=dt.date(2010, 1, 4),
        letterhead=["Whitfield & Park LLP", "400 University Avenue", "Palo Alto, California"],
        delivery_line="Via EDGAR",
        addressee=[],
        attention=[],
        re_lines=["Calix Networks, Inc.", "Registration Statement on Form S-1"],
        salutation="",
        opening="",
        sections=[],
        closing=[],
        signer_name="Jane Doe",
        signer_title="Partner",
        signer_firm="Whitfield & Park LLP",
        cc=[],
        page_code_prefix="CALX",
        file_stem="calx",
    )


@pytest.mark.parametrize("codes", [1, 8])
def test_rule_83_request_keeps_its_cc_line_with_the_signature(codes):
    request = foia_request(request_context(codes), [(f"CALX-{n:03d}", [n]) for n in range(codes)])
    pages = pdf_pages(as_pdf(request))
    assert "Sincerely," in pages[-1] and "cc: Division of Corporation Finance" in pages[-1]
    assert len(pages) == (1 if codes == 1 else 2)
    paragraphs = docx.Document(io.BytesIO(as_docx(request))).paragraphs
    signed = [p for p in paragraphs if p.text == "Sincerely," or "Jane Doe" in p.text]
    assert [p.paragraph_format.keep_with_next for p in signed] == [True, True]


def test_export_page_warns_while_no_one_signs_the_letter(client):
    letter = seed_demo()
    counsel = letter.review.company.memberships.get(user__username="counsel").user
    save_response_letter(letter, {"signer_name": ""}, actor=counsel)
    client.force_login(counsel)
    warning = "No one signs this letter yet: set the signer in the letter settings."
    page = client.get(reverse("letter_export", args=[letter.pk]))
    assert warning in page.text
    save_response_letter(letter, {"signer_name": "Jane Doe"}, actor=counsel)
    assert warning not in client.get(reverse("letter_export", args=[letter.pk])).text


def test_draft_registration_statement_is_called_submitted_on_the_letter_and_filings_pages(
    member_client, company
):
    draft = FilingFactory(company=company, form_type=FormType.DRS, filed_on=dt.date(2013, 5, 1))
    filed = FilingFactory(company=company, form_type=FormType.S1, filed_on=dt.date(2013, 7, 1))
    review = FilingReviewFactory(company=company, filings=[draft, filed])
    letter = CommentLetterFactory(review=review)
    approve_all(letter)
    for url in (reverse("letter", args=[letter.pk]), reverse("filings")):
        text = member_client.get(url).text
        assert "DRS submitted May 1, 2013" in text and "DRS filed" not in text
        assert "S-1 filed July 1, 2013" in text


def test_pdf_first_page_runs_on_into_the_first_comment_however_long_it_is():
    letter = seed_demo()
    comment = letter.comments.get(number=1)
    paragraph = "We note your disclosure about the market for your systems. " * 4
    comment.text = "\n".join([paragraph] * 5)
    comment.save(update_fields=["text"])
    approve_all(letter, {1: "The Company has revised the disclosure as the Staff asked. " * 40})
    first = flat(pdf_pages(render(letter, "pdf"))[0])
    assert "1. We note your disclosure about the market" in first
