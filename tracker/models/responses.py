from django.conf import settings
from django.db import models

from tracker.enums import AssignmentRole, Decision, ResponseStatus, SignOff

from .letters import Comment


class Response(models.Model):
    """Our answer to one staff comment; its words live in its revisions."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="response")
    status = models.CharField(
        max_length=20,
        choices=ResponseStatus.choices,
        default=ResponseStatus.NOT_STARTED,
        db_index=True,
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Response to {self.comment}"


class Revision(models.Model):
    """One saved version of a response's text. Revisions are never changed once saved."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions"
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        max_length=500,
        blank=True,
        help_text="Where the text came from when it was not typed: a precedent, a Word file",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response", "number"]
        constraints = [
            models.UniqueConstraint(fields=["response", "number"], name="one_revision_per_number"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.response}"


class Approval(models.Model):
    """A reviewer's or approver's decision on one revision (never on a response as a whole)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="approvals"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    sign_off_as = models.CharField(max_length=20, choices=SignOff.choices, blank=True)
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["revision", "decided_at"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.approver} on {self.revision}"


class Assignment(models.Model):
    """Who drafts, reviews or approves the response to one comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(max_length=20, choices=AssignmentRole.choices)
    due_on = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["comment", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user", "role"], name="one_assignment_per_role"
            ),
        ]
        # A comment's due date is its assignments' earliest (queries.due_on_expression):
        # one probe of this index per comment, on every list page.
        indexes = [models.Index(fields=["comment", "due_on"], name="assignment_due_by_comment")]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display().lower()} of {self.comment}"


class Note(models.Model):
    """Internal discussion of a comment among the team; never exported."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["comment", "created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.comment}"
