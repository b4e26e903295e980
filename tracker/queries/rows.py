"""The rows of the comment tables (All comments, a letter's page) as plain values.

A page of fifty comments read as model rows costs some 750 instances (comment, response,
letter, review, company, each assignment and its user); read as values it costs none. The
row tags of `list_tags` write a `CommentRow` as the templates wrote the model rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet, Window

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
    time_zone: str  # the company's, in which its days are counted
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
        time_zone=F("letter__review__company__time_zone"),
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


LAST_PAGE_READ_AT_ONCE = 1_000_000


def comment_page(comments: QuerySet[Comment], number: str | None, per_page: int) -> Page:
    """The page `number` of the comments (annotated with `due_on`, ordered) as CommentRows, as
    `Paginator.get_page` picks it: the first page when `number` is no whole number, the last
    when it is past the end or below one.

    The count of all the comments is read in the same query as the page's rows (a window over
    them all), so the page costs one query and its assignees' one; only a page asked for past
    the end is counted apart, then read again as the last."""
    paginator = Paginator(comments, per_page)
    try:
        asked = int(number) if number is not None else 1
    except ValueError:
        asked = 1
    # A page number from a forged link can be any size; an offset the database cannot hold
    # is past the end of any list, so the paginator gives the last page.
    if 1 <= asked <= LAST_PAGE_READ_AT_ONCE:
        start = (asked - 1) * per_page
        counted = comment_values(comments).annotate(matching=Window(Count("pk")))
        values = list(counted[start : start + per_page])
        if values or asked == 1:
            paginator.count = values[0]["matching"] if values else 0
            page = paginator.page(asked)
            page.object_list = comment_rows(
                {k: v for k, v in value.items() if k != "matching"} for value in values
            )
            return page
    page = paginator.get_page(number)
    page.object_list = comment_rows(comment_values(page.object_list))
    return page
