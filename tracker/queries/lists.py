"""My work, All comments and the letter page's rows: due dates, filters' choices, members."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from tracker.clock import Days
from tracker.enums import AssignmentRole, ResponseStatus, Role
from tracker.models import (
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Filing,
    Membership,
    Response,
)
from tracker.models.letters import innermost_heading
from tracker.permissions import visible_companies

from .rows import person_name


def due_on_expression(to_comment: str = "") -> Coalesce:
    """A comment's due date: the earliest among its assignments, else the letter's due date.
    `to_comment` leads from the model queried to the comment, e.g. "comment__"."""
    earliest = (
        Assignment.objects.filter(comment=OuterRef(f"{to_comment}pk"), due_on__isnull=False)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    return Coalesce(Subquery(earliest), F(f"{to_comment}letter__response_due_on"))


def letter_comment_rows(letter: CommentLetter) -> QuerySet[Comment]:
    """The letter's comments with their due date, in letter order (`rows.comment_values`
    reads them for the page)."""
    return letter.comments.annotate(due_on=due_on_expression()).order_by("number")


def comments_with_due() -> QuerySet[Comment]:
    """Comments with their due date, company, letter and response, as the lists show them."""
    return Comment.objects.annotate(due_on=due_on_expression()).select_related(
        "letter__review__company", "response"
    )


def comments_of_letters(letter_ids: list[int]) -> QuerySet[Comment]:
    """The comments of these letters. Given as a list of ids, not a subquery: PostgreSQL then
    knows how few comments they are, reads them by index and computes only their due dates;
    scoped by a join instead, it may compute the due date of every comment in the database."""
    return comments_with_due().filter(letter_id__in=letter_ids)


def visible_comments(user: AbstractBaseUser) -> QuerySet[Comment]:
    """Every comment the user may see (one query now, for his letters' ids)."""
    return comments_of_letters(list(visible_letters(user).values_list("pk", flat=True)))


def visible_letter_rows(user: AbstractBaseUser) -> list[tuple[int, str, date]]:
    """(pk, company name, letter date) of every letter the user may see, company by company."""
    return list(visible_letters(user).values_list("pk", "review__company__name", "letter_date"))


def members_of(companies: QuerySet[Company]) -> QuerySet[AbstractBaseUser]:
    """The people who belong to any of these companies, by name."""
    members = get_user_model().objects.filter(
        Exists(Membership.objects.filter(user=OuterRef("pk"), company__in=companies))
    )
    return members.order_by("first_name", "last_name", "username")


def member_names(members: QuerySet[AbstractBaseUser]) -> list[tuple[int, str]]:
    """(pk, name colleagues know him by) of these people, in their order: one query of plain
    values, no user rows (a company may have hundreds)."""
    rows = members.values_list("pk", "first_name", "last_name", "username")
    return [(pk, person_name(first, last, username)) for pk, first, last, username in rows]


MAY_BE_ASSIGNED = ~Q(role=Role.READ_ONLY)  # of a membership: everyone but the read-only


def assignable_members(company: Company) -> QuerySet[AbstractBaseUser]:
    """Members who may hold some assignment."""
    members = get_user_model().objects.filter(
        Exists(Membership.objects.filter(MAY_BE_ASSIGNED, user=OuterRef("pk"), company=company))
    )
    return members.order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class Member:
    """A member as the selects offer him: his user's pk, the name colleagues know him by."""

    pk: int
    name: str
    may_be_assigned: bool


def company_members(company: Company) -> list[Member]:
    """The company's members by name (as `members_of`), each with whether he may hold an
    assignment (as `assignable_members`): one query for both selects of the letter page."""
    rows = (
        Membership.objects.filter(company=company)
        .annotate(assignable=ExpressionWrapper(MAY_BE_ASSIGNED, output_field=BooleanField()))
        .order_by("user__first_name", "user__last_name", "user__username")
        .values_list(
            "user_id", "user__first_name", "user__last_name", "user__username", "assignable"
        )
    )
    return [
        Member(pk, person_name(first, last, username), assignable)
        for pk, first, last, username, assignable in rows
    ]


def visible_filings(user: AbstractBaseUser) -> QuerySet[Filing]:
    return (
        Filing.objects.filter(company__in=visible_companies(user))
        .select_related("company")
        .order_by("company__name", "-filed_on", "pk")
    )


def visible_letters(user: AbstractBaseUser) -> QuerySet[CommentLetter]:
    return (
        CommentLetter.objects.filter(review__company__in=visible_companies(user))
        .select_related("review__company")
        .order_by("review__company__name", "-letter_date", "pk")
    )


MY_WORK_ROWS = 20
REVIEWING = {AssignmentRole.REVIEWER, AssignmentRole.APPROVER}
TASK_NAMES = {
    AssignmentRole.DRAFTER: "Draft",
    AssignmentRole.REVIEWER: "Review",
    AssignmentRole.APPROVER: "Approve",
}


@dataclass(frozen=True)
class WorkRow:
    """One comment as My work lists it: what its row shows and links to, nothing more."""

    pk: int
    letter_id: int
    number: int
    status: str
    due_on: date | None
    company: str
    letter_date: date
    heading: str
    tasks: str  # what the user is assigned to do: "Draft", "Review, Approve"
    time_zone: str  # the company's, in which its days are counted


@dataclass(frozen=True)
class MyWork:
    """The home page's one list, each comment once: at most MY_WORK_ROWS rows, and how many
    comments it holds in all."""

    rows: list[WorkRow]
    total: int


def open_assignments_of(user: AbstractBaseUser) -> QuerySet[Assignment]:
    """The user's assignments on comments not approved yet, in his companies."""
    return Assignment.objects.filter(
        user=user, comment__letter__review__company__in=visible_companies(user)
    ).exclude(comment__response__status=ResponseStatus.APPROVED)


def open_assignments(user: AbstractBaseUser) -> list:
    """The user's open assignments (`open_assignments_of`) as small rows."""
    return list(
        open_assignments_of(user)
        .annotate(
            due=due_on_expression("comment__"),
            status=F("comment__response__status"),
            letter_id=F("comment__letter_id"),
            number=F("comment__number"),
            time_zone=F("comment__letter__review__company__time_zone"),
        )
        .values_list(
            "comment_id", "role", "status", "due", "letter_id", "number", "time_zone", named=True
        )
        .order_by()  # sorted in Python; the default order would join up to the company
    )


def my_work(user: AbstractBaseUser, *, days: Days) -> MyWork:
    """What waits for the user across all his companies, each comment once, soonest due first
    (so late ones lead; the rows' due cells flag them): what he drafts, what waits for his
    review or approval, and whatever of his is late or due soon, as each company's own days
    (`days`) count them.

    The user's open assignments are chosen and sorted here, then what the first rows show
    besides (company, letter date, heading) is read in one query: two queries, whatever the
    number of assignments."""
    rows = open_assignments(user)
    waiting = {
        r.comment_id
        for r in rows
        # Dates first: every row's company then has its day in `days` for the page to name.
        if days.is_late(r.due, r.status, r.time_zone)
        or days.is_due_soon(r.due, r.status, r.time_zone)
        or r.role == AssignmentRole.DRAFTER
        or (r.role in REVIEWING and r.status == ResponseStatus.IN_REVIEW)
    }
    by_comment = {r.comment_id: r for r in rows}
    tasks = assigned_tasks(rows)
    order = work_order(by_comment)
    first = sorted(waiting, key=order.__getitem__)[:MY_WORK_ROWS]
    shown = work_rows(by_comment, tasks, set(first))
    return MyWork(rows=[shown[pk] for pk in first], total=len(waiting))


def work_order(by_comment: dict[int, tuple]) -> dict[int, tuple]:
    """My work's order: {comment pk: sort key}, by due date (none last), letter and number,
    from `open_assignments` rows by comment pk. The comment page walks in the same order."""
    return {pk: (r.due or date.max, r.letter_id, r.number) for pk, r in by_comment.items()}


def assigned_tasks(rows: list) -> dict[int, str]:
    """Per comment, the user's roles on it as the list names them: "Draft", "Review, Approve"."""
    roles: dict[int, set[str]] = {}
    for r in rows:
        roles.setdefault(r.comment_id, set()).add(r.role)
    return {
        pk: ", ".join(TASK_NAMES[role] for role in TASK_NAMES if role in found)
        for pk, found in roles.items()
    }


def work_rows(
    assignments: dict[int, tuple], tasks: dict[int, str], pks: set[int]
) -> dict[int, WorkRow]:
    """The rows of these comments by pk, from their assignment rows and one query for the
    columns shown (no model instances, no due dates computed twice)."""
    shown = Comment.objects.filter(pk__in=pks).order_by()
    columns = shown.values_list(
        "pk", "letter__review__company__name", "letter__letter_date", "headings"
    )
    return {
        pk: WorkRow(
            pk=pk,
            letter_id=assignments[pk].letter_id,
            number=assignments[pk].number,
            status=assignments[pk].status,
            due_on=assignments[pk].due,
            company=company,
            letter_date=letter_date,
            heading=innermost_heading(headings),
            tasks=tasks[pk],
            time_zone=assignments[pk].time_zone,
        )
        for pk, company, letter_date, headings in columns
    }


def with_status(comments: QuerySet[Comment], status: str) -> QuerySet[Comment]:
    """The comments whose response is in `status`.

    The status is read per comment (a correlated subquery PostgreSQL does not flatten into a
    join), so the comments already narrowed to the user's letters drive the lookup; joined,
    the planner reads every response in that status in the database and hashes them."""
    status_of = Response.objects.filter(comment=OuterRef("pk")).values("status")[:1]
    return comments.alias(response_status=Subquery(status_of)).filter(response_status=status)


def with_request_type(comments: QuerySet, code: str) -> QuerySet:
    """Comments (ours or the library's) whose staff ask for `code` among their request types.

    PostgreSQL matches the JSON list itself (and can use an index); SQLite has no JSON
    containment, so there the quoted code is looked for in the list's text.
    """
    if connection.vendor == "postgresql":
        return comments.filter(request_types__contains=[code])
    return comments.filter(request_types__icontains=f'"{code}"')
