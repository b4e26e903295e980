"""Reads of a company's team: its members, the open work of those who left, its history.

Each function is one query, whatever the size of the team.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tracker.enums import AssignmentRole, ResponseStatus, ReviewStatus, Role
from tracker.models import Activity, Assignment, Company, Membership
from tracker.permissions import ASSIGNABLE_ROLES

from .rows import person_name

# An assignment still to be worked: its response is not approved and its review is open. The
# reminders count the same work (domain.reminders.open_assignments).
OPEN_WORK = Q(comment__letter__review__status=ReviewStatus.OPEN) & ~Q(
    comment__response__status=ResponseStatus.APPROVED
)
TEAM_VERB_PREFIX = "team."
HISTORY_SHOWN = 30


@dataclass(frozen=True)
class TeamMember:
    """One member as the Team page shows him. `invited`: he has not set a password yet."""

    user_id: int
    name: str
    email: str
    role: str
    role_label: str
    title: str
    sign_off_as: str
    joined_at: datetime
    invited: bool
    open_work: int


def team_members(company: Company) -> list[TeamMember]:
    """The company's members by name, each with his count of open assignments here."""
    work = (
        company_open_work(company)
        .filter(user=OuterRef("user"))
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = (
        Membership.objects.filter(company=company)
        .select_related("user")
        .annotate(open_work=Coalesce(Subquery(work), 0))
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    return [member_row(row) for row in rows]


def member_row(membership: Membership) -> TeamMember:
    user = membership.user
    return TeamMember(
        user_id=user.pk,
        name=person_name(user.first_name, user.last_name, user.username),
        email=user.email,
        role=membership.role,
        role_label=membership.get_role_display(),
        title=membership.title,
        sign_off_as=membership.sign_off_as,
        joined_at=membership.joined_at,
        invited=not user.has_usable_password(),
        open_work=membership.open_work,
    )


def company_open_work(company: Company) -> QuerySet[Assignment]:
    return Assignment.objects.filter(OPEN_WORK, comment__letter__review__company=company)


def still_a_member(company: Company) -> Exists:
    return Exists(Membership.objects.filter(user=OuterRef("user"), company=company))


def former_members_with_work(company: Company) -> list[tuple[int, str, int]]:
    """(user id, name, open assignments) of people no longer in the team who still hold
    open work here, by name."""
    rows = (
        company_open_work(company)
        .exclude(still_a_member(company))
        .values("user_id", "user__first_name", "user__last_name", "user__username")
        .annotate(count=Count("id"))
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    return [
        (
            row["user_id"],
            person_name(row["user__first_name"], row["user__last_name"], row["user__username"]),
            row["count"],
        )
        for row in rows
    ]


def open_work_of(company: Company, user: AbstractBaseUser) -> list[Assignment]:
    """The person's open assignments in this company, letter by letter, comment by comment."""
    return list(
        company_open_work(company)
        .filter(user=user)
        .select_related("comment__letter", "comment__response")
        .order_by("comment__letter__letter_date", "comment__letter_id", "comment__number", "role")
    )


def team_history(company: Company) -> list[Activity]:
    """The latest changes to the team: who did what, when."""
    rows = Activity.objects.filter(company=company, verb__startswith=TEAM_VERB_PREFIX)
    return list(rows.select_related("actor").order_by("-created_at", "-id")[:HISTORY_SHOWN])


def members_who_may_hold(company: Company, role: str) -> QuerySet[AbstractBaseUser]:
    """The members who may hold an assignment as `role` (permissions.ASSIGNABLE_ROLES)."""
    allowed = list(ASSIGNABLE_ROLES[AssignmentRole(role)]) if role in AssignmentRole.values else []
    holders = Membership.objects.filter(company=company, role__in=allowed, user=OuterRef("pk"))
    members = get_user_model().objects.filter(Exists(holders))
    return members.order_by("first_name", "last_name", "username")


def administrators(company: Company) -> QuerySet[Membership]:
    return Membership.objects.filter(company=company, role=Role.ADMINISTRATOR)


def teams_seen_by(user: AbstractBaseUser, roles: frozenset[str]) -> QuerySet[Company]:
    """The companies in which the user holds one of `roles`, by name."""
    if not user.is_authenticated:
        return Company.objects.none()
    return Company.objects.filter(
        memberships__user=user, memberships__role__in=list(roles)
    ).order_by("name")
