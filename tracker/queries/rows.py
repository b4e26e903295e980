"""The rows of the comment tables (All comments, a letter's page) as plain values.

A page of fifty comments read as model rows costs some 750 instances (comment, response,
letter, review, company, each assignment and its user); read as values it costs none. The
row tags of `list_tags` write a `CommentRow` as the templates wrote the model rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, QuerySet

from tracker.enums import AssignmentRole
from tracker.models import Comment

from .letters import assignments_in_role_order

ROLE_WORDS = {role.value: role.label.lower() for role in AssignmentRole}


def person_name(first_name: str, last_name: str, username: str) -> str:
    """A member as colleagues know him: his full name, else his username (as
    `User.get_full_name() or username`)."""
    return f"{first_name} {last_name}".strip() or username


@dataclass(slots=True)
class CommentRow:
    """One comment as the tables show it; `assignees` are (name, role in lower case) in the
    order the work flows."""

    pk: int
    letter_id: int
    number: int
    headings: list[str]
    text: str
    request_types: list[str]
    due_on: date | None
    status: str
    updated_at: datetime
    letter_date: date
    company: str
    assignees: list[tuple[str, str]] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The innermost heading (as `Comment.heading`)."""
        return self.headings[-1] if self.headings else ""


def comment_values(comments: QuerySet[Comment]) -> QuerySet:
    """The comments (annotated with `due_on`, ordered, perhaps sliced) as dicts of
    CommentRow's fields but its assignees."""
    return comments.values(
        "pk",
        "letter_id",
        "number",
        "headings",
        "text",
        "request_types",
        "due_on",
        status=F("response__status"),
        updated_at=F("response__updated_at"),
        letter_date=F("letter__letter_date"),
        company=F("letter__review__company__name"),
    )


def comment_rows(values: Iterable[dict]) -> list[CommentRow]:
    """CommentRows of `comment_values` dicts, with their assignees: one query."""
    rows = [CommentRow(**value) for value in values]
    by_comment = {row.pk: row.assignees for row in rows}
    for comment_id, role, first, last, username in assignees_of(list(by_comment)):
        by_comment[comment_id].append(
            (person_name(first, last, username), ROLE_WORDS.get(role, role))
        )
    return rows


def assignees_of(comment_ids: list[int]) -> list[tuple[int, str, str, str, str]]:
    """(comment id, role, first name, last name, username) of the comments' assignments."""
    if not comment_ids:
        return []
    return list(
        assignments_in_role_order()
        .filter(comment_id__in=comment_ids)
        .values_list("comment_id", "role", "user__first_name", "user__last_name", "user__username")
    )
