"""Importing a staff letter through the pages: upload, correct the preview, save."""

import io
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfWriter

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tracker.domain.demo import DEMO_10K_LETTER
from tracker.domain.letters import import_letter
from tracker.domain.uploads import UploadClosed, save_upload
from tracker.enums import Role, UploadStatus
from tracker.forms.letters import MAX_COMMENTS
from tracker.models import Activity, Comment, CommentLetter, LetterUpload
from tracker.parsing import (
    CorruptDocument,
    EncryptedDocument,
    NeedsOCR,
    NotALetter,
    ParsedComment,
    ParsedLetter,
    TooLarge,
    letter_to_json,
    parse_letter,
    synthetic_letter,
)

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "data" / "sec-staff-letter_calix_s-1_2009-12-17.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
NOT_A_LETTER = "Dear Ms. Whitfield,\n\nThank you for lunch on Tuesday.\n\nBest regards,\nTom\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_upload(client, data: dict, follow: bool = False):
    """Post the upload form; the reading it queues runs once the request has committed, as a
    worker (or eager Celery) runs it. `follow`: the page the post leads to, once read."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("letter_upload"), data)
    if follow and response.status_code == 302:
        return client.get(response.url)
    return response


def upload_text(client, company, text: str, follow: bool = False, **extra):
    data = {"company": company.pk, "text": text, "received_on": "2009-12-17", **extra}
    return post_upload(client, data, follow)


def upload_file(client, company, name: str, content: bytes, follow: bool = False):
    data = {"company": company.pk, "received_on": "2009-12-17"}
    data["source_file"] = SimpleUploadedFile(name, content)
    return post_upload(client, data, follow)


def preview_post(upload: LetterUpload, action: str = "save") -> dict:
    """What the preview form posts back when the user changes nothing."""
    upload.refresh_from_db()
    comments = upload.parsed["comments"]
    data = {
        "action": action,
        "letter-letter_date": upload.parsed["date"] or "",
        "letter-received_on": upload.received_on.isoformat(),
        "letter-response_window_business_days": upload.parsed["response_window_business_days"]
        or 10,
        "letter-registrant": upload.parsed["registrant"],
        "letter-re_block": upload.parsed["re_block"],
        "comments-TOTAL_FORMS": len(comments),
        "comments-INITIAL_FORMS": len(comments),
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 500,
    }
    if upload.parsed.get("asks_acknowledgment"):
        data["letter-asks_acknowledgment"] = "on"
    for i, comment in enumerate(comments):
        data[f"comments-{i}-number"] = comment["number"]
        data[f"comments-{i}-headings"] = "\r\n".join(comment["headings"])
        data[f"comments-{i}-pages"] = ", ".join(comment["pages"])
        data[f"comments-{i}-text"] = comment["text"]
        data[f"comments-{i}-request_types"] = comment["request_types"]
        data[f"comments-{i}-prior_comments"] = ", ".join(map(str, comment["prior_comments"]))
    return data


def preview_url(upload: LetterUpload) -> str:
    return reverse("letter_preview", args=[upload.pk])


def staged(company, user, comments: int = 26) -> LetterUpload:
    parsed = ParsedLetter(
        date=date(2009, 12, 17),
        kind="comments",
        comments=[
            ParsedComment(number=n, headings=["General"], text=f"Comment {n}.")
            for n in range(1, comments + 1)
        ],
    )
    upload = LetterUpload(
        company=company,
        uploaded_by=user,
        source_sha256=f"{comments:064d}",
        extracted_text="The staff's letter.",
        parsed=letter_to_json(parsed),
        received_on=date(2009, 12, 17),
    )
    upload.source_file.save("staged.txt", ContentFile(f"Letter {comments}".encode()))
    return upload


def row_counts() -> tuple[int, int]:
    return LetterUpload.objects.count(), CommentLetter.objects.count()


def test_upload_seed_letter_then_edit_merge_and_save_imports_it(member_client, company):
    response = upload_text(member_client, company, SEED_TEXT)
    upload = LetterUpload.objects.get()
    assert response.url == preview_url(upload)
    page = member_client.get(preview_url(upload))
    assert page.text.count('class="card mb-3 comment-form"') == 26
    data = preview_post(upload)
    data["comments-6-headings"] = "Use of Proceeds, pages 29-30"
    data["comments-24-merge_next"] = "on"

    response = member_client.post(preview_url(upload), data, follow=True)

    letter = CommentLetter.objects.get()
    assert response.redirect_chain[-1][0] == reverse("letter", args=[letter.pk])
    assert (
        "of December 17, 2009 with 25 comments. The response is due Monday, January 4, 2010."
        in response.text
    )
    assert letter.comments.count() == 25
    assert letter.comments.get(number=7).headings == ["Use of Proceeds, pages 29-30"]
    merged = letter.comments.get(number=25).text
    assert "CenturyLink" in merged and "Confidential Information and Invention" in merged
    assert (letter.received_on, letter.response_due_on) == (date(2009, 12, 17), date(2010, 1, 4))
    upload.refresh_from_db()
    assert (upload.status, upload.letter) == (UploadStatus.SAVED, letter)


def test_upload_docx_named_pdf_is_read_from_its_content(member_client, company):
    document = docx.Document()
    for paragraph in SEED_TEXT.split("\n\n"):
        document.add_paragraph(paragraph)
    content = io.BytesIO()
    document.save(content)

    response = upload_file(member_client, company, "calix-letter.pdf", content.getvalue())

    upload = LetterUpload.objects.get()
    assert response.url == preview_url(upload)
    assert upload.source_name == "calix-letter.pdf"
    assert upload.source_file.name.endswith(".docx")
    assert "calix-letter" not in upload.source_file.name
    assert upload.comment_count == 26


def test_upload_cp1252_text_file_is_read(member_client, company):
    response = upload_file(member_client, company, "letter.txt", SEED_TEXT.encode("cp1252"))

    upload = LetterUpload.objects.get()
    assert response.url == preview_url(upload)
    assert upload.extracted_text == SEED_TEXT
    assert upload.comment_count == 26


def blank_pdf(password: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password)
    content = io.BytesIO()
    writer.write(content)
    return content.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message", "status"),
    [
        ("empty.pdf", b"", "The file is empty. Choose the letter&#x27;s file again.", 400),
        ("notes.txt", NOT_A_LETTER.encode(), escape(NotALetter().message), 200),
        ("letter.pdf", b"%PDF-1.4 garbage", escape(CorruptDocument().message), 200),
        ("scan.pdf", blank_pdf(), escape(NeedsOCR().message), 200),
        ("locked.pdf", blank_pdf(password="secret"), escape(EncryptedDocument().message), 200),
        ("letter.txt", SEED_TEXT.encode(), escape(TooLarge().message), 400),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            "This is an image (PNG), not a letter",
            400,
        ),
        ("letter.txt", bytes(range(256)) * 8, "it looks like binary data", 200),
    ],
    ids=["empty", "not-a-letter", "corrupt-pdf", "needs-ocr", "encrypted", "too-large", "image"]
    + ["binary"],
)
def test_upload_bad_file_shows_message_and_saves_nothing(
    member_client, company, monkeypatch, settings, name, content, message, status
):
    monkeypatch.setattr("tracker.domain.uploads.MAX_LETTER_BYTES", 10_000)
    letters = CommentLetter.objects.count()

    response = upload_file(member_client, company, name, content, follow=True)

    assert response.status_code == status
    assert message in response.text
    assert CommentLetter.objects.count() == letters
    assert not LetterUpload.objects.filter(status=UploadStatus.PENDING).exists()
    assert list(Path(settings.MEDIA_ROOT).rglob("*.*")) == []


def test_upload_not_a_letter_offers_entering_comments_by_hand(member_client, company):
    response = upload_text(member_client, company, NOT_A_LETTER, follow=True)
    assert "Enter the comments by hand" in response.text
    assert escape(NOT_A_LETTER.strip()) in response.text

    response = upload_text(member_client, company, NOT_A_LETTER, by_hand="1")

    upload = LetterUpload.objects.get(status=UploadStatus.PENDING)
    assert response.url == preview_url(upload)
    assert upload.extracted_text == NOT_A_LETTER
    assert upload.parsed["comments"][0]["number"] == 1
    page = member_client.get(preview_url(upload))
    assert page.text.count('class="card mb-3 comment-form"') == 1


def test_upload_of_a_scan_offers_entering_comments_by_hand_after_choosing_it_again(
    member_client, company
):
    response = upload_file(member_client, company, "scan.pdf", blank_pdf(), follow=True)
    assert "Enter the comments by hand" in response.text
    assert "Choose the file again, then enter the comments by hand." in response.text

    data = {"company": company.pk, "received_on": "2009-12-17", "by_hand": "1"}
    data["source_file"] = SimpleUploadedFile("scan.pdf", blank_pdf())
    response = post_upload(member_client, data, follow=True)

    assert response.text.count('class="card mb-3 comment-form"') == 1


def test_upload_is_read_in_the_background_and_its_page_polls_until_read(member_client, company):
    data = {"company": company.pk, "text": SEED_TEXT, "received_on": "2009-12-17"}
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        response = member_client.post(reverse("letter_upload"), data)
    upload = LetterUpload.objects.get()
    assert response.url == preview_url(upload)
    page = member_client.get(preview_url(upload))
    assert "Being read" in page.text
    assert f'hx-get="{preview_url(upload)}"' in page.text
    poll = member_client.get(preview_url(upload), headers={"HX-Request": "true"})
    assert "<html" not in poll.text and "Being read" in poll.text
    assert "being read" in member_client.get(reverse("letter_upload")).text

    queued[0]()  # the worker reads it

    poll = member_client.get(preview_url(upload), headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"
    page = member_client.get(preview_url(upload))
    assert page.text.count('class="card mb-3 comment-form"') == 26


def test_upload_whose_worker_died_ends_with_the_form_to_upload_it_again(member_client, company):
    data = {"company": company.pk, "text": SEED_TEXT, "received_on": "2009-12-17"}
    with TestCase.captureOnCommitCallbacks(execute=False):  # queued; no worker takes it up
        member_client.post(reverse("letter_upload"), data)
    url = preview_url(LetterUpload.objects.get())
    assert "Being read" in member_client.get(url).text

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        page = member_client.get(url)

    assert "Reading this file stopped before it finished" in page.text
    assert f'action="{reverse("letter_upload")}"' in page.text
    assert LetterUpload.objects.get().status == UploadStatus.FAILED


def test_upload_needing_more_memory_than_a_letter_is_refused_with_the_limit(
    member_client, company, settings
):
    # Six megabytes of short lines are within the letter's size cap, but reading them takes
    # far more than 100 MB: the child's memory limit ends the read and the page says so.
    settings.PARSE_MEMORY_MB = 100
    lines = b"Please revise.\n" * (6 * 1024 * 1024 // 15)

    response = upload_file(member_client, company, "letter.txt", lines, follow=True)

    assert "needs more memory than a letter should (over 100 MB)" in response.text
    assert CommentLetter.objects.count() == 0


def test_upload_without_file_or_text_asks_for_one(member_client, company):
    response = upload_text(member_client, company, "   ")
    assert response.status_code == 400
    assert "Choose the letter&#x27;s file, or paste its text." in response.text


def test_upload_same_letter_twice_is_refused_with_link_to_it(member_client, company):
    upload_text(member_client, company, SEED_TEXT)
    upload = LetterUpload.objects.get()
    member_client.post(preview_url(upload), preview_post(upload))
    letter = CommentLetter.objects.get()
    before = row_counts()

    response = upload_file(member_client, company, "again.txt", SEED_TEXT.encode())

    assert response.status_code == 400
    assert f'href="{reverse("letter", args=[letter.pk])}"' in response.text
    assert row_counts() == before


def test_upload_of_a_letter_another_company_imported_names_nothing_of_it(member_client, company):
    other = CompanyFactory(name="Other Holdings, Inc.")
    theirs = import_letter(parse_letter(SEED_TEXT), company=other, source=SEED_TEXT.encode())

    page = upload_file(member_client, company, "letter.txt", SEED_TEXT.encode(), follow=True)
    upload = LetterUpload.objects.get()
    saved = member_client.post(preview_url(upload), preview_post(upload), follow=True)

    assert page.text.count('class="card mb-3 comment-form"') == 26
    for text in (page.text, saved.text):
        assert "Other Holdings" not in text and "already imported" not in text
        assert reverse("letter", args=[theirs.pk]) not in text
    ours = CommentLetter.objects.exclude(pk=theirs.pk).get()
    assert (ours.review.company, ours.comments.count()) == (company, 26)


def test_upload_same_text_while_pending_returns_the_pending_upload(member_client, company):
    upload_text(member_client, company, SEED_TEXT)
    response = upload_text(member_client, company, SEED_TEXT.replace("\n", "\r\n"))
    assert response.url == preview_url(LetterUpload.objects.get())


@pytest.mark.parametrize("role", [Role.READ_ONLY, Role.REVIEWER])
def test_upload_page_is_forbidden_to_members_who_may_not_import(client, company, role):
    reader = MembershipFactory(company=company, role=role).user
    client.force_login(reader)
    assert client.get(reverse("letter_upload")).status_code == 403
    assert upload_text(client, company, SEED_TEXT).status_code == 403
    upload = staged(company, UserFactory())
    assert client.get(preview_url(upload)).status_code == 403


def test_preview_of_another_companys_upload_is_404_for_outsider(outsider_client, company):
    upload = staged(company, UserFactory())
    assert outsider_client.get(preview_url(upload)).status_code == 404
    assert outsider_client.post(preview_url(upload), preview_post(upload)).status_code == 404
    assert CommentLetter.objects.count() == 0


def test_upload_to_a_company_the_user_may_not_import_into_is_refused(outsider_client, company):
    response = upload_text(outsider_client, company, SEED_TEXT)
    assert response.status_code == 400
    assert LetterUpload.objects.count() == 0


def test_forged_save_of_a_saved_upload_changes_nothing(member_client, company, member):
    upload = staged(company, member, comments=3)
    data = preview_post(upload)
    member_client.post(preview_url(upload), data)
    letter = CommentLetter.objects.get()
    before = (row_counts(), Comment.objects.count(), Activity.objects.count())

    response = member_client.post(preview_url(upload), data)

    assert response.url == reverse("letter", args=[letter.pk])
    assert (row_counts(), Comment.objects.count(), Activity.objects.count()) == before


def test_save_upload_refuses_an_upload_already_saved(company, member):
    upload = staged(company, member, comments=2)
    save_upload(upload, ParsedLetter(), received_on=date(2009, 12, 17), user=member)
    with pytest.raises(UploadClosed):
        save_upload(upload, ParsedLetter(), received_on=date(2009, 12, 17), user=member)
    assert CommentLetter.objects.count() == 1


def test_preview_refuses_duplicated_numbers_and_keeps_the_input(member_client, company, member):
    upload = staged(company, member, comments=3)
    data = preview_post(upload)
    data["comments-2-number"] = 1
    data["comments-1-headings"] = "Risk Factors, page 12"

    response = member_client.post(preview_url(upload), data)

    assert response.status_code == 400
    assert "used more than once: 1." in response.text
    assert "Number 1 is used by more than one comment." in response.text
    assert "Risk Factors, page 12" in response.text
    assert CommentLetter.objects.count() == 0


def test_preview_split_at_dashes_and_apply_keeps_two_comments(member_client, company, member):
    upload = staged(company, member, comments=2)
    data = preview_post(upload, action="update")
    data["comments-1-text"] = "First part, page 3.\r\n---\r\nSecond part, page F-7."

    response = member_client.post(preview_url(upload), data)

    assert response.url == preview_url(upload)
    upload.refresh_from_db()
    assert [(c["number"], c["text"], c["pages"]) for c in upload.parsed["comments"]] == [
        (1, "Comment 1.", []),
        (2, "First part, page 3.", []),
        (3, "Second part, page F-7.", ["F-7"]),
    ]
    assert upload.status == UploadStatus.PENDING


def test_preview_refuses_merging_the_last_comment(member_client, company, member):
    upload = staged(company, member, comments=2)
    data = preview_post(upload)
    data["comments-1-merge_next"] = "on"
    response = member_client.post(preview_url(upload), data)
    assert response.status_code == 400
    assert "The last comment has no next comment." in response.text


def test_preview_refuses_text_over_the_limit(member_client, company, member):
    upload = staged(company, member, comments=1)
    data = preview_post(upload)
    data["comments-0-text"] = "x" * 20_001
    response = member_client.post(preview_url(upload), data)
    assert response.status_code == 400
    assert "at most 20000 characters" in response.text


def test_discard_closes_the_upload_and_saves_nothing(member_client, company, member):
    upload = staged(company, member, comments=2)
    response = member_client.post(preview_url(upload), {"action": "discard"})
    assert response.url == reverse("letter_upload")
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DISCARDED
    assert CommentLetter.objects.count() == 0


def test_upload_page_lists_pending_uploads_only(member_client, company, member):
    pending, saved = staged(company, member, comments=1), staged(company, member, comments=2)
    LetterUpload.objects.filter(pk=saved.pk).update(status=UploadStatus.SAVED)
    response = member_client.get(reverse("letter_upload"))
    assert response.text.count('class="list-group-item') == 1
    assert preview_url(pending) in response.text


@pytest.mark.parametrize("pending", [1, 4])
def test_upload_page_query_count_is_fixed(
    member_client, company, member, pending, django_assert_num_queries
):
    for n in range(1, pending + 1):
        staged(company, member, comments=n)
    with django_assert_num_queries(6):
        response = member_client.get(reverse("letter_upload"))
    assert response.text.count("pending-upload") == pending


@pytest.mark.parametrize("comments", [1, 26])
def test_preview_query_count_is_fixed(
    member_client, company, member, comments, django_assert_num_queries
):
    upload = staged(company, member, comments=comments)
    # One of them reads the SEC's closures, which the response date shown skips.
    with django_assert_num_queries(5):
        response = member_client.get(preview_url(upload))
    assert response.text.count('class="card mb-3 comment-form"') == comments


def test_dashboard_links_to_import(member_client, letter):
    response = member_client.get(reverse("dashboard"))
    assert f'href="{reverse("letter_upload")}"' in response.text


def test_letter_of_1200_comments_is_previewed_and_saved_whole(member_client, company):
    staged_page = upload_text(member_client, company, synthetic_letter(1200))
    upload = LetterUpload.objects.get()

    preview = member_client.get(staged_page.url)
    saved = member_client.post(preview_url(upload), preview_post(upload))

    assert "1200 comments found" in preview.text
    assert saved.status_code == 302, saved.text[:2000]
    letter = CommentLetter.objects.get()
    assert saved.url == reverse("letter", args=[letter.pk])
    assert list(letter.comments.order_by("number").values_list("number", flat=True)) == list(
        range(1, 1201)
    )


def test_preview_states_the_limit_of_a_letter_too_long_to_save(member_client, company, member):
    upload = staged(company, member, comments=MAX_COMMENTS + 1)

    preview = member_client.get(preview_url(upload))
    refused = member_client.post(preview_url(upload), preview_post(upload))

    limit = f"The preview can save a letter of at most {MAX_COMMENTS:,} comments"
    assert limit in preview.text
    assert 'value="save"' not in preview.text
    assert refused.status_code == 400
    assert limit in refused.text
    assert CommentLetter.objects.count() == 0
    assert member_client.post(preview_url(upload), {"action": "discard"}).status_code == 302


def test_paste_over_the_request_limit_gets_the_form_back_with_the_limit(company, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    page = client.get(reverse("letter_upload"))
    data = {
        "csrfmiddlewaretoken": page.context["csrf_token"],
        "company": company.pk,
        "text": "x" * (25 * 1024 * 1024 + 1),
        "received_on": "2009-12-17",
    }

    response = client.post(reverse("letter_upload"), data)

    assert response.status_code == 400
    assert "The form sent more than 25 MB, the most a page here accepts" in response.text
    assert "Or paste the letter&#x27;s text" in response.text
    assert 'name="company"' in response.text
    assert LetterUpload.objects.count() == 0


def test_paste_over_the_letter_limit_keeps_the_form_and_says_the_limit(member_client, company):
    response = upload_text(member_client, company, "x" * (20 * 1024 * 1024 + 1))

    assert response.status_code == 400
    assert "The pasted text is larger than 20 MB, too large for a staff letter." in response.text
    assert response.context["form"]["company"].value() == str(company.pk)
    assert response.context["form"]["received_on"].value() == "2009-12-17"
    assert LetterUpload.objects.count() == 0


def test_preview_post_over_the_field_limit_shows_the_preview_again(
    member_client, company, member, settings
):
    upload = staged(company, member, comments=26)
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100

    response = member_client.post(preview_url(upload), preview_post(upload))

    assert response.status_code == 400
    assert "The form sent more than 100 fields" in response.text
    assert "26 comments found" in response.text
    upload.refresh_from_db()
    assert (upload.status, CommentLetter.objects.count()) == (UploadStatus.PENDING, 0)


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-02"])
def test_a_received_date_no_letter_can_have_is_refused_with_the_form_kept(
    member_client, company, day
):
    response = upload_text(member_client, company, SEED_TEXT, received_on=day)

    assert response.status_code == 400
    assert "A letter is received between January 1, 1993 and tomorrow" in response.text
    assert "Calix Networks" in response.text  # the pasted text is still in the form
    assert not LetterUpload.objects.exists()


def test_a_preview_cannot_be_given_a_received_date_no_letter_can_have(member_client, company):
    upload_text(member_client, company, SEED_TEXT)
    upload = LetterUpload.objects.get()
    data = {**preview_post(upload), "letter-received_on": "9999-12-30"}

    response = member_client.post(preview_url(upload), data)

    assert response.status_code == 400
    assert "A letter is received between" in response.text
    assert member_client.get(preview_url(upload)).status_code == 200
    assert not CommentLetter.objects.exists()


@pytest.mark.parametrize("kept", [True, False])
def test_acknowledgment_request_is_shown_in_the_preview_and_saved_as_corrected(
    member_client, company, kept
):
    upload_text(member_client, company, DEMO_10K_LETTER.read_text(encoding="utf-8"))
    upload = LetterUpload.objects.get()
    page = member_client.get(preview_url(upload)).text
    assert 'id="id_letter-asks_acknowledgment" checked>' in page
    data = preview_post(upload)
    if not kept:
        del data["letter-asks_acknowledgment"]

    member_client.post(preview_url(upload), data)

    assert CommentLetter.objects.get().asks_acknowledgment is kept
