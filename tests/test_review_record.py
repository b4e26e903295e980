"""A review's complete record leaves as a signed zip and comes back whole into an empty database."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.record_helpers import objects_of, rows_without_ids
from tracker.domain.demo import seed_demo
from tracker.domain.record import RecordError, export_review, import_review
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.models import FilingReview


def demo_with_an_approval():
    letter = seed_demo()
    response = letter.comments.get(number=7).response
    users = {m.user.username: m.user for m in letter.review.company.memberships.all()}
    save_revision(response, "Revised draft.", author=users["counsel"], based_on=1)
    submit_for_review(response, actor=users["counsel"])
    record_decision(response, "approved", actor=users["approver"], revision_number=2)
    return letter


@pytest.mark.django_db(transaction=True)
def test_record_round_trips_into_an_empty_database(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    letter = demo_with_an_approval()
    letter.source_file.save("staff-letter.txt", ContentFile(b"The staff's letter as received."))
    first = export_review(letter.review)
    call_command("flush", "--no-input")
    assert FilingReview.objects.count() == 0
    review = import_review(first)
    second = export_review(review)
    assert rows_without_ids(second) == rows_without_ids(first)
    restored = review.letters.get()
    assert restored.comments.count() == 26
    assert restored.source_file.read() == b"The staff's letter as received."
    revisions = restored.comments.get(number=7).response.revisions.order_by("number")
    assert [r.approvals.count() for r in revisions] == [0, 1]


@pytest.mark.django_db
def test_record_holds_every_kind_of_object(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    letter = demo_with_an_approval()
    models = {row["model"] for row in objects_of(export_review(letter.review))}
    expected = {"company", "membership", "filing", "section", "filingreview", "commentletter"}
    expected |= {"comment", "sectionlink", "response", "revision", "approval", "assignment"}
    expected |= {"activity", "responseletter"}
    assert {name.split(".")[1] for name in models} == expected


@pytest.mark.django_db
def test_record_is_refused_where_the_review_exists(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    letter = seed_demo()
    with pytest.raises(RecordError, match="holds this review already: .* \\(review #"):
        import_review(export_review(letter.review))


@pytest.mark.django_db
def test_import_review_refuses_a_file_that_is_not_a_record(tmp_path):
    path = tmp_path / "record.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a corresp review record"):
        call_command("import_review", str(path))


@pytest.mark.django_db
def test_export_review_command_reports_a_missing_review_and_folder(tmp_path):
    with pytest.raises(CommandError, match="No review with id 999"):
        call_command("export_review", "999", "-o", str(tmp_path / "r.zip"))
    with pytest.raises(CommandError, match="No such folder"):
        call_command("export_review", "1", "-o", str(tmp_path / "missing" / "r.zip"))
