"""The filing pages as owner, member and outsider, the link controls, and their query counts."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import CommentFactory, FilingFactory, MembershipFactory
from tests.filing_samples import FILE_NUMBER, LEADING_PROVIDER, NOTE, calix_s1_html, demo_letter
from tracker.domain import filing_imports
from tracker.domain.filings import import_filing
from tracker.enums import ImportStatus, LinkMethod, Role
from tracker.models import FilingImport, Section, SectionLink
from tracker.parsing.filing_document import parse_filing_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def calix():
    """The demo letter and the S-1 it reviews, imported."""
    letter = demo_letter()
    filing = import_filing(
        parse_filing_file(calix_s1_html(letter)),
        company=letter.review.company,
        form_type="S-1",
        file_number=FILE_NUMBER,
    )
    return letter, filing


def login(client, company, role=Role.PREPARER):
    client.force_login(MembershipFactory(company=company, role=role).user)
    return client


def sections_with_comments(filing, count: int) -> None:
    """`count` sections, each with a comment linked to it."""
    for order in range(1, count + 1):
        section = Section.objects.create(
            filing=filing,
            order=order,
            title=f"Section {order}",
            first_page=str(order),
            last_page=str(order),
            text=f"Sentence {order}. Another one.",
        )
        comment = CommentFactory(letter__review__company=filing.company)
        SectionLink.objects.create(
            comment=comment,
            section=section,
            method=LinkMethod.AUTOMATIC,
            passage=f"Sentence {order}.",
        )


def test_upload_imports_the_filing_and_shows_its_progress(
    client, company, django_capture_on_commit_callbacks
):
    login(client, company)
    upload = SimpleUploadedFile("note.txt", NOTE.read_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("filing_upload"),
            {"company": company.pk, "form_type": "10-K", "source_file": upload},
        )
    response = client.get(posted.url)

    record = FilingImport.objects.get()
    assert record.status == ImportStatus.DONE
    assert posted.url == reverse("filing_import", args=[record.pk])
    assert f'href="{reverse("filing", args=[record.filing_id])}"' in response.text
    assert 'aria-valuenow="100"' in response.text


def test_import_status_is_polled_by_htmx_until_it_is_done(client, company):
    login(client, company)
    record = FilingImport.objects.create(
        company=company,
        source_sha256="0" * 64,
        form_type="S-1",
        total=3,
        progress=1,
        status=ImportStatus.RUNNING,
    )
    url = reverse("filing_import", args=[record.pk])

    polled = client.get(url, headers={"HX-Request": "true"})

    assert 'hx-trigger="every 1s"' in polled.text
    assert "<html" not in polled.text
    assert 'aria-valuenow="33"' in polled.text


def test_failed_import_shows_the_reason(client, company):
    login(client, company)
    record = FilingImport.objects.create(
        company=company,
        source_sha256="0" * 64,
        form_type="S-1",
        status=ImportStatus.FAILED,
        message="The document is empty.",
    )

    response = client.get(reverse("filing_import", args=[record.pk]))

    assert "The document is empty. Nothing was saved." in response.text
    assert 'hx-trigger="every 1s"' not in response.text


def claimed_then_abandoned(company) -> FilingImport:
    """An import a worker took up and then died on (its lease starts now)."""
    record = filing_imports.start_import(
        company=company,
        user=None,
        data=NOTE.read_bytes(),
        filename="note.txt",
        form_type="10-K",
        queue=False,
    )
    assert filing_imports.claim(record.pk)
    return record


def after_the_lease():
    return time_machine.travel(timezone.now() + filing_imports.lease(), tick=True)


def test_import_whose_worker_died_is_taken_up_again_after_its_lease(
    client, company, django_capture_on_commit_callbacks
):
    login(client, company)
    record = claimed_then_abandoned(company)
    url = reverse("filing_import", args=[record.pk])
    with django_capture_on_commit_callbacks() as queued:
        within = client.get(url, headers={"HX-Request": "true"})
    assert ("Importing: note.txt" in within.text, queued) == (True, [])

    with after_the_lease(), django_capture_on_commit_callbacks() as queued:
        stalled = client.get(url, headers={"HX-Request": "true"})
        again = client.get(url, headers={"HX-Request": "true"})
    assert "Stalled, retrying: note.txt" in stalled.text
    assert "it is being read again" in again.text
    assert len(queued) == 1  # two pages asking at once queue it once

    queued[0]()  # a live worker takes it up
    done = client.get(url)
    record.refresh_from_db()
    assert (record.status, record.attempts) == (ImportStatus.DONE, 2)
    assert f'href="{reverse("filing", args=[record.filing_id])}"' in done.text


def test_import_that_stalls_every_time_is_given_up_with_a_message(client, company):
    login(client, company)
    record = claimed_then_abandoned(company)
    url = reverse("filing_import", args=[record.pk])
    for _ in range(filing_imports.MAX_ATTEMPTS - 1):
        with after_the_lease():
            client.get(url)  # queued again; its next worker dies too
        assert filing_imports.claim(record.pk)

    with after_the_lease():
        response = client.get(url)

    assert "The import stopped 3 times before it finished" in response.text
    assert 'hx-trigger="every 1s"' not in response.text
    assert FilingImport.objects.get().status == ImportStatus.FAILED


def test_read_only_member_may_not_open_the_upload_page(client, company):
    login(client, company, Role.READ_ONLY)

    assert client.get(reverse("filing_upload")).status_code == 403


def test_outsider_gets_404_on_every_filing_page(outsider_client, calix):
    letter, filing = calix
    section = filing.sections.first()
    link = SectionLink.objects.filter(section__filing=filing).first()
    record = FilingImport.objects.create(
        company=filing.company, source_sha256="0" * 64, form_type="S-1"
    )
    for url in [
        reverse("filing", args=[filing.pk]),
        reverse("section", args=[section.pk]),
        reverse("filing_redline", args=[filing.pk]),
        reverse("filing_import", args=[record.pk]),
        reverse("comment_sections", args=[link.comment_id]),
    ]:
        assert outsider_client.get(url).status_code == 404, url
    for url in [
        reverse("link_confirm", args=[link.pk]),
        reverse("link_remove", args=[link.pk]),
        reverse("filing_relink", args=[filing.pk]),
    ]:
        assert outsider_client.post(url).status_code == 404, url


def test_read_only_member_gets_403_on_every_post(client, calix):
    letter, filing = calix
    login(client, filing.company, Role.READ_ONLY)
    link = SectionLink.objects.filter(section__filing=filing).first()
    posts = [
        (reverse("link_confirm", args=[link.pk]), {}),
        (reverse("link_remove", args=[link.pk]), {}),
        (reverse("filing_relink", args=[filing.pk]), {}),
        (reverse("comment_sections", args=[link.comment_id]), {"section": link.section_id}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert SectionLink.objects.get(pk=link.pk).method == LinkMethod.AUTOMATIC


def test_filing_page_lists_sections_with_pages_and_comments(client, calix):
    letter, filing = calix
    login(client, filing.company)

    response = client.get(reverse("filing", args=[filing.pk]))

    proceeds = filing.sections.get(title="Use of Proceeds")
    comment = letter.comments.get(number=7)
    assert (
        f'<a href="{reverse("section", args=[proceeds.pk])}">Use of Proceeds</a>' in response.text
    )
    assert f'href="{reverse("comment", args=[comment.pk])}"' in response.text


@pytest.mark.parametrize("count", [1, 12])
def test_filing_page_query_count_is_fixed(client, company, count, django_assert_num_queries):
    filing = FilingFactory(company=company)
    sections_with_comments(filing, count)
    login(client, company)

    with django_assert_num_queries(7):
        response = client.get(reverse("filing", args=[filing.pk]))

    assert response.text.count('class="section-row"') == count


def test_section_page_marks_the_quoted_sentence(client, calix):
    letter, filing = calix
    login(client, filing.company)
    section = filing.sections.get(title="Our Company")

    response = client.get(reverse("section", args=[section.pk]))

    assert f'<mark title="Comment 5">{LEADING_PROVIDER}</mark>' in response.text


@pytest.mark.parametrize("children", [1, 12])
def test_section_page_query_count_is_fixed(client, company, children, django_assert_num_queries):
    filing = FilingFactory(company=company)
    sections_with_comments(filing, children)
    parent = Section.objects.create(filing=filing, order=100, title="Parent", text="Text.")
    Section.objects.filter(filing=filing).exclude(pk=parent.pk).update(parent=parent)
    login(client, company)

    with django_assert_num_queries(6):
        response = client.get(reverse("section", args=[parent.pk]))

    assert response.text.count("<li><a href=") == children


def amended(letter, filing, text: str):
    from tests.filing_samples import PASSAGES

    passages = dict(PASSAGES, **{"Use of Proceeds": text})
    return import_filing(
        parse_filing_file(calix_s1_html(letter, passages)),
        company=filing.company,
        form_type="S-1/A",
        file_number=FILE_NUMBER,
    )


def test_redline_shows_an_inserted_and_a_deleted_sentence_and_the_comments(client, calix):
    letter, filing = calix
    amendment = amended(
        letter,
        filing,
        "We intend to use the net proceeds from this offering for working capital and other "
        "general corporate purposes. Part of the proceeds will repay $20 million of debt.",
    )
    login(client, filing.company)

    response = client.get(reverse("filing_redline", args=[amendment.pk]))

    assert "<del>We have no current agreements for any acquisitions</del>" in response.text
    assert "<ins>Part of the proceeds will repay $20 million of debt</ins>." in response.text
    assert response.text.count('class="card mb-3 redline-section"') == 1
    comment = letter.comments.get(number=7)
    assert f'href="{reverse("comment", args=[comment.pk])}"' in response.text


def test_redline_query_count_is_fixed(client, calix, django_assert_num_queries):
    letter, filing = calix
    amendment = amended(letter, filing, "All new.")
    login(client, filing.company)

    with django_assert_num_queries(7):
        client.get(reverse("filing_redline", args=[amendment.pk]))


def test_comment_page_shows_the_passage_and_the_link_controls(client, calix):
    letter, filing = calix
    login(client, filing.company)
    comment = letter.comments.get(number=5)

    response = client.get(reverse("comment", args=[comment.pk]))

    link = comment.section_links.order_by("-score").first()
    assert f"<mark>{LEADING_PROVIDER}</mark>" in response.text
    assert reverse("link_confirm", args=[link.pk]) in response.text


def test_member_confirms_removes_and_adds_links(client, calix):
    letter, filing = calix
    login(client, filing.company, Role.REVIEWER)
    comment = letter.comments.get(number=7)
    link = comment.section_links.order_by("-score").first()
    business = filing.sections.get(title="Business")

    confirmed = client.post(reverse("link_confirm", args=[link.pk]))
    added = client.post(reverse("comment_sections", args=[comment.pk]), {"section": business.pk})
    removed = client.post(reverse("link_remove", args=[link.pk]))

    assert [r.status_code for r in (confirmed, added, removed)] == [302, 302, 302]
    assert list(comment.section_links.values_list("section__title", "method")) == [
        ("Business", LinkMethod.MANUAL)
    ]


def test_link_picker_lists_the_sections_of_the_comments_filing(client, calix):
    letter, filing = calix
    login(client, filing.company)
    comment = letter.comments.get(number=7)

    response = client.get(reverse("comment_sections", args=[comment.pk]))

    assert response.text.count('class="link-choice"') == filing.sections.count()


def test_filings_page_lists_each_filing_with_its_sections_and_linked_comments(client, calix):
    letter, s1 = calix
    annual = FilingFactory(company=s1.company, form_type="10-K", file_number="")
    outline_only = FilingFactory(company=s1.company, form_type="10-Q", file_number="")
    Section.objects.create(filing=outline_only, order=1, title="Liquidity", is_placeholder=True)
    FilingFactory(form_type="S-1")  # another company's
    login(client, s1.company)

    page = client.get(reverse("filings")).text

    assert page.count('class="filing-row"') == 3
    linked = SectionLink.objects.filter(section__filing=s1).values("comment").distinct().count()
    s1_row = page[page.index(f'href="{reverse("filing", args=[s1.pk])}"') :].split("</tr>")[0]
    assert f"{s1.sections.count()} imported" in s1_row
    assert f"<td>{linked}</td>" in s1_row
    assert f'href="{reverse("filing", args=[annual.pk])}"' in page
    assert "1 from the staff's headings" in page
    assert "document not imported" in page


@pytest.mark.parametrize("count", [1, 12])
def test_filings_page_query_count_is_fixed(client, company, count, django_assert_num_queries):
    for _ in range(count):
        sections_with_comments(FilingFactory(company=company), 2)
    login(client, company)

    with django_assert_num_queries(5):
        response = client.get(reverse("filings"))

    # The letters of the linked comments bring filings of their own.
    assert response.text.count('class="filing-row"') == company.filings.count() > count


def test_filings_page_pages_through_many_filings(client, company):
    FilingFactory.create_batch(55, company=company)
    login(client, company)

    first = client.get(reverse("filings")).text
    second = client.get(reverse("filings"), {"page": 2}).text

    assert first.count('class="filing-row"') == 50
    assert second.count('class="filing-row"') == 5
    assert "Page 2 of 2" in second
    assert client.get(reverse("filings"), {"page": "x"}).status_code == 200
