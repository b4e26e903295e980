"""The library fills itself from a folder of public review threads: each staff comment paired
with the company's answer and with what the staff did next, each accession imported once."""

import datetime as dt

import pytest
from django.core.management import call_command

from tests.factories import MembershipFactory, UserFactory
from tests.library_letters import (
    COMPANY,
    FIRST_LETTER,
    HARBOR_REVIEW,
    HARBOR_THREAD,
    write_thread,
)
from tracker.domain import library
from tracker.models import (
    Company,
    LibraryComment,
    LibraryDocument,
    LibraryImport,
    LibraryThread,
    Membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(tmp_path):
    write_thread(tmp_path, "HLC", HARBOR_THREAD, HARBOR_REVIEW)
    return tmp_path


def run_import(root, capture):
    with capture(execute=True):
        run = library.import_folder(root)
    run.refresh_from_db()
    return run


def comment(accession: str, number: int) -> LibraryComment:
    return LibraryComment.objects.get(letter__accession=accession, number=number)


def test_import_pairs_each_comment_with_the_answer_to_it(
    corpus, django_capture_on_commit_callbacks
):
    run_import(corpus, django_capture_on_commit_callbacks)
    first = comment("0000000000-21-000101", 1)
    assert first.answer.startswith("The Company estimates the standalone selling price")
    assert first.answer_document.accession == "0001234567-21-000005"
    follow_up = comment("0000000000-21-000202", 1)
    assert follow_up.answer.startswith("The Company provides the gross margins supplementally")


def test_import_marks_a_comment_the_staff_came_back_to_and_the_ones_the_review_closed(
    corpus, django_capture_on_commit_callbacks
):
    run_import(corpus, django_capture_on_commit_callbacks)
    revenue, segments = comment("0000000000-21-000101", 1), comment("0000000000-21-000101", 2)
    follow_up = comment("0000000000-21-000202", 1)
    assert segments.outcome == LibraryComment.FOLLOWED_UP
    assert segments.followed_up_by == follow_up
    assert (revenue.outcome, follow_up.outcome) == (LibraryComment.CLOSED, LibraryComment.CLOSED)


def test_import_describes_the_thread_and_copies_it_onto_each_comment(
    corpus, django_capture_on_commit_callbacks
):
    run_import(corpus, django_capture_on_commit_callbacks)
    thread = LibraryThread.objects.get(key=HARBOR_THREAD)
    assert (thread.company_name, thread.form_type, thread.ticker) == (COMPANY, "10-K", "HLC")
    assert (thread.opened_on, thread.closed_on) == (dt.date(2021, 3, 1), dt.date(2021, 4, 30))
    follow_up = comment("0000000000-21-000202", 1)
    assert (follow_up.company_name, follow_up.form_type) == (COMPANY, "10-K")
    assert follow_up.letter_date == dt.date(2021, 4, 2)
    assert follow_up.headings == ["Segment Reporting, page 60"]


def test_import_stores_each_documents_text_and_each_comments_vector(
    corpus, django_capture_on_commit_callbacks
):
    run_import(corpus, django_capture_on_commit_callbacks)
    closing = LibraryDocument.objects.get(accession="0000000000-21-000303")
    assert closing.kind == "review_complete"
    assert "We have completed our review" in closing.text
    assert len(comment("0000000000-21-000101", 2).vector) == 256 * 2  # float16


def test_import_counts_its_progress(corpus, django_capture_on_commit_callbacks):
    write_thread(
        corpus,
        "HLC",
        "HLC_0000000000-22-000404",
        [
            (
                "0000000000-22-000404",
                "upload.flat.txt",
                FIRST_LETTER.replace("March 1, 2021", "March 1, 2022"),
            )
        ],
    )
    run = run_import(corpus, django_capture_on_commit_callbacks)
    assert (run.threads_total, run.threads_done, run.threads_failed) == (2, 2, 0)
    assert (run.documents_imported, run.documents_skipped) == (6, 0)
    assert run.status == LibraryImport.DONE
    assert run.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_import_run_again_imports_nothing_new_and_says_so(corpus, capsys):
    # As from a shell: no transaction around the command, so its eager tasks run at once.
    call_command("import_correspondence", str(corpus))
    assert "Imported 5 documents (3 staff comments)" in capsys.readouterr().out
    call_command("import_correspondence", str(corpus))
    said = capsys.readouterr().out
    assert "Nothing new: the library already holds all 5 documents" in said
    assert LibraryDocument.objects.count() == 5
    assert LibraryComment.objects.count() == 3
    assert LibraryImport.objects.first().documents_skipped == 5


def test_a_thread_that_gains_documents_is_paired_again(
    tmp_path, django_capture_on_commit_callbacks
):
    write_thread(tmp_path, "HLC", HARBOR_THREAD, HARBOR_REVIEW[:2])
    run_import(tmp_path, django_capture_on_commit_callbacks)
    assert comment("0000000000-21-000101", 2).outcome == LibraryComment.UNKNOWN
    write_thread(tmp_path, "HLC", HARBOR_THREAD, HARBOR_REVIEW[2:])
    run = run_import(tmp_path, django_capture_on_commit_callbacks)
    assert (run.documents_imported, run.documents_skipped) == (3, 2)
    segments = comment("0000000000-21-000101", 2)
    assert segments.outcome == LibraryComment.FOLLOWED_UP
    assert LibraryThread.objects.get(key=HARBOR_THREAD).closed_on == dt.date(2021, 4, 30)


def test_a_bad_file_gives_a_message_and_the_other_files_and_threads_are_imported(
    corpus, django_capture_on_commit_callbacks
):
    broken = [("0000000000-23-000505", "upload.pdf", b"%PDF-1.4\n1 0 obj << /Length 9 >> garbage")]
    write_thread(corpus, "BRK", "BRK_0000000000-23-000505", broken)
    run = run_import(corpus, django_capture_on_commit_callbacks)
    # The broken thread imported nothing: it is counted failed, the good one done.
    assert (run.threads_done, run.threads_failed) == (1, 1)
    assert run.documents_imported == 5
    assert len(run.messages) == 1
    assert run.messages[0].startswith(
        "BRK_0000000000-23-000505: 0000000000-23-000505_upload.pdf was not imported:"
    )
    assert not LibraryDocument.objects.filter(accession="0000000000-23-000505").exists()


def test_the_pdf_of_a_staff_letter_is_preferred_to_its_text(
    tmp_path, django_capture_on_commit_callbacks
):
    from tracker.domain.library.folders import thread_files

    folder = write_thread(tmp_path, "HLC", HARBOR_THREAD, HARBOR_REVIEW[:1])
    (folder / "0000000000-21-000101_upload.pdf").write_bytes(b"%PDF-1.4")
    assert [f.name for f in thread_files(folder)] == ["0000000000-21-000101_upload.pdf"]


def test_import_changes_no_company_membership_or_permission(
    corpus, django_capture_on_commit_callbacks
):
    MembershipFactory(user=UserFactory(username="alice"))
    before = (
        Company.objects.count(),
        Membership.objects.count(),
        list(Membership.objects.values()),
    )
    run_import(corpus, django_capture_on_commit_callbacks)
    assert (
        Company.objects.count(),
        Membership.objects.count(),
        list(Membership.objects.values()),
    ) == before


def test_import_of_a_missing_folder_is_refused_with_a_message(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such folder"):
        call_command("import_correspondence", str(tmp_path / "nowhere"))


def test_staff_follow_an_import_on_a_page_that_refreshes_while_it_runs(client):
    staff = UserFactory(username="root", is_staff=True)
    client.force_login(staff)
    run = library.start_run("corpus", 3)
    page = client.get(f"/library/imports/{run.pk}/")
    assert page.status_code == 200
    assert b'hx-trigger="every 2s"' in page.content
    assert b"0 of 3 review threads" in page.content
    assert b"Library imports" in client.get("/").content


def test_others_do_not_see_the_library_imports(client, member):
    run = library.start_run("corpus", 3)
    client.force_login(member)
    assert client.get(f"/library/imports/{run.pk}/").status_code == 404
    assert client.get("/library/imports/").status_code == 404
    assert b"Library imports" not in client.get("/").content
