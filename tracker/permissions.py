"""Who may see and do what. One predicate per action, used by views and domain alike.

Outsiders get a 404 for another company's objects (never a 403 that confirms they exist);
members whose role does not allow an action get a 403.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from tracker.enums import Role
from tracker.models import Company, Membership

User = AbstractBaseUser | AnonymousUser


def visible_companies(user: User) -> QuerySet[Company]:
    """The companies whose matters this user may see at all."""
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    return Company.objects.filter(memberships__user=user)


def role_in(user: User, company: Company) -> str | None:
    """The user's role in the company, or None for an outsider."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, company=company).only("role").first()
    return membership.role if membership else None


def can_draft(role: str | None) -> bool:
    return role == Role.PREPARER


def can_review(role: str | None) -> bool:
    return role in {Role.REVIEWER, Role.APPROVER}


def can_approve(role: str | None) -> bool:
    return role == Role.APPROVER


def can_import_letters(role: str | None) -> bool:
    """Preparers bring the staff's letters in; approvers may too (they often receive them)."""
    return role in {Role.PREPARER, Role.APPROVER}


def importing_companies(user: User) -> QuerySet[Company]:
    """Companies into which this user may import a staff letter."""
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    roles = [Role.PREPARER, Role.APPROVER]
    return Company.objects.filter(memberships__user=user, memberships__role__in=roles)
