"""Who works on which comment, and the team's internal notes."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker import permissions
from tracker.enums import AssignmentRole
from tracker.models import Assignment, Comment, Company, Note

from . import notices
from .activity import record_activity
from .responses import MAX_NOTE_CHARS, ActionRefused, require


def company_of(comments: list[Comment]) -> Company:
    companies = {comment.letter.review.company_id for comment in comments}
    require(len(companies) == 1, "Assign comments of one company at a time.")
    return comments[0].letter.review.company


@transaction.atomic
def assign(
    comments: list[Comment],
    user: AbstractBaseUser,
    role: str,
    *,
    actor: AbstractBaseUser,
    due_on: date | None = None,
) -> list[Assignment]:
    """Give `user` the `role` on each comment; assignments he already holds are kept as they are."""
    require(bool(comments), "Select at least one comment.")
    require(role in AssignmentRole.values, "Choose drafter, reviewer or approver.")
    company = company_of(comments)
    require(
        permissions.can_assign(permissions.role_in(actor, company), company),
        permissions.assign_refusal(company),
    )
    assignee_role = permissions.role_in(user, company)
    allowed = permissions.ASSIGNABLE_ROLES[AssignmentRole(role)]
    require(
        assignee_role in allowed,
        f"{user.get_full_name() or user} cannot be the {AssignmentRole(role).label.lower()} here.",
    )
    held = set(
        Assignment.objects.filter(comment__in=comments, user=user, role=role).values_list(
            "comment_id", flat=True
        )
    )
    new = [c for c in comments if c.pk not in held]
    created = Assignment.objects.bulk_create(
        Assignment(comment=c, user=user, role=role, due_on=due_on, assigned_by=actor) for c in new
    )
    for assignment in created:
        summary = (
            f"Comment {assignment.comment.number}: {user.get_full_name() or user} "
            f"assigned as {AssignmentRole(role).label.lower()}"
        )
        record_activity(company, actor, "assignment.added", assignment.comment, summary, role=role)
    if created:
        notices.assigned(created, actor=actor)
    return created


@transaction.atomic
def unassign(assignment: Assignment, *, actor: AbstractBaseUser) -> None:
    comment = assignment.comment
    company = comment.letter.review.company
    require(
        permissions.can_assign(permissions.role_in(actor, company), company),
        permissions.assign_refusal(company),
    )
    summary = (
        f"Comment {comment.number}: {assignment.user.get_full_name() or assignment.user} "
        f"no longer {assignment.get_role_display().lower()}"
    )
    record_activity(company, actor, "assignment.removed", comment, summary, role=assignment.role)
    assignment.delete()


@transaction.atomic
def add_note(comment: Comment, text: str, *, author: AbstractBaseUser) -> Note:
    company = comment.letter.review.company
    require(
        permissions.can_write_notes(permissions.role_in(author, company)),
        "Read-only members cannot write notes.",
    )
    text = text.strip()
    require(bool(text), "A note cannot be empty.")
    require(len(text) <= MAX_NOTE_CHARS, f"A note is limited to {MAX_NOTE_CHARS:,} characters.")
    note = Note.objects.create(comment=comment, author=author, text=text)
    record_activity(company, author, "note.added", comment, f"Comment {comment.number}: note added")
    return note


__all__ = ["ActionRefused", "add_note", "assign", "unassign"]
