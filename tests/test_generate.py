"""generate_comments: bulk synthetic data that keeps the app's own rules."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from tracker.domain.generate import generate_comments
from tracker.enums import AssignmentRole, ResponseStatus
from tracker.models import Assignment, Comment, Company, Membership, Response
from tracker.permissions import ASSIGNABLE_ROLES

pytestmark = pytest.mark.django_db


def test_generate_writes_the_comments_asked_for_with_responses():
    made = generate_comments(300, users=12, companies=2, today=date(2009, 12, 31))
    assert made.counts["comments"] == 300
    assert Comment.objects.count() == 300
    assert Response.objects.count() == 300
    assert Company.objects.count() == 2


def test_generate_assigns_only_members_who_may_hold_the_role():
    generate_comments(300, users=12, companies=2, today=date(2009, 12, 31))
    roles = {(m.user_id, m.company_id): m.role for m in Membership.objects.all()}
    for assignment in Assignment.objects.select_related("comment__letter__review"):
        role = roles[(assignment.user_id, assignment.comment.letter.review.company_id)]
        assert role in ASSIGNABLE_ROLES[AssignmentRole(assignment.role)]


def test_generate_leaves_work_in_every_state():
    generate_comments(2_000, users=20, companies=2, today=date(2009, 12, 31))
    statuses = set(Response.objects.values_list("status", flat=True))
    assert statuses == set(ResponseStatus.values)


def test_generate_command_refuses_nonsense_counts():
    with pytest.raises(CommandError):
        call_command("generate_comments", "--comments", "0")
