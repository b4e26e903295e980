"""The database itself refuses what must never happen."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import (
    CommentFactory,
    MembershipFactory,
    RevisionFactory,
    UserFactory,
)
from tracker.domain.activity import record_activity
from tracker.models import Activity, AppendOnlyError, Comment, Response, Revision

pytestmark = pytest.mark.django_db


def test_comment_number_twice_in_one_letter_is_refused(letter):
    CommentFactory(letter=letter, number=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(letter=letter, number=4, text="Duplicate")
    assert letter.comments.filter(number=4).count() == 1


def test_same_number_in_another_letter_is_allowed(letter):
    CommentFactory(letter=letter, number=1)
    other = CommentFactory(number=1)
    assert other.letter != letter


def test_second_response_to_one_comment_is_refused():
    comment = CommentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(comment=comment)
    assert Response.objects.filter(comment=comment).count() == 1


def test_revision_number_twice_is_refused():
    first = RevisionFactory(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(response=first.response, number=1, text="x", author=first.author)
    assert first.response.revisions.count() == 1


def test_second_membership_in_one_company_is_refused(company):
    user = UserFactory()
    MembershipFactory(user=user, company=company)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=user, company=company, role="approver")


def test_activity_row_cannot_be_edited_or_deleted(company, member):
    row = record_activity(company, member, "letter.imported", company, "Imported a letter")
    row.summary = "Rewritten history"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        Activity.objects.filter(pk=row.pk).update(summary="Rewritten")
    with pytest.raises(AppendOnlyError):
        Activity.objects.filter(pk=row.pk).delete()
    assert Activity.objects.get(pk=row.pk).summary == "Imported a letter"


def test_activity_admin_refuses_add_change_and_delete(admin_client, company, member):
    row = record_activity(company, member, "letter.imported", company, "Imported a letter")
    assert admin_client.get("/admin/tracker/activity/").status_code == 200
    assert admin_client.get("/admin/tracker/activity/add/").status_code == 403
    deleted = admin_client.post(f"/admin/tracker/activity/{row.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert Activity.objects.filter(pk=row.pk).exists()
