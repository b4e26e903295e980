"""People who sign in through the firm's identity provider: finding (or creating) their account
by e-mail address, and keeping their memberships in step with the provider's groups.

The groups map to companies and roles (settings.OIDC_GROUP_ROLES, read by tracker.oidc):
`{"group": ("company name or id", "role")}`. Only the companies the mapping names follow the
groups; a membership in any other company is the administrators' and is left as it is. Where
several of a person's groups name one company, the first of them in the mapping decides his
role there, so an installation lists its stronger groups first.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q

from tracker.enums import Role
from tracker.models import Company, Membership

from .activity import record_activity
from .sessions import forget_second_factor

log = logging.getLogger(__name__)

GroupRoles = dict[str, tuple[str, str]]


class SignInRefused(Exception):
    """A sign-in through the provider that opens no session; `message` is for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ProviderIdentity:
    """What the provider vouches for: a verified e-mail address, the name to create an
    account under, and the person's groups (empty when the provider names none)."""

    email: str
    username: str = ""
    first_name: str = ""
    last_name: str = ""
    groups: frozenset[str] = frozenset()


def display(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def sign_in_member(
    identity: ProviderIdentity, *, provider: str, create: bool, group_roles: GroupRoles
) -> AbstractBaseUser:
    """The active account with the identity's e-mail address (created if none and `create`),
    its memberships updated from the groups when `group_roles` maps any.

    Raises SignInRefused when no account may sign in: two accounts share the address, the
    account is deactivated, or there is none and accounts are not created."""
    user = matched_user(identity, create)
    if group_roles:
        follow_groups(user, identity.groups, group_roles, provider=provider)
    return user


def matched_user(identity: ProviderIdentity, create: bool) -> AbstractBaseUser:
    User = get_user_model()
    found = list(User.objects.filter(email__iexact=identity.email).order_by("pk")[:2])
    if len(found) > 1:
        raise SignInRefused(
            f"Two corresp accounts have the e-mail address {identity.email}. Ask an "
            "administrator to give one of them another address, then sign in again."
        )
    if found and not found[0].is_active:
        raise SignInRefused("Your corresp account is deactivated. Ask an administrator.")
    if found:
        return found[0]
    if not create:
        raise SignInRefused(
            f"No corresp account has the e-mail address {identity.email}. Ask an administrator "
            "to add you."
        )
    return User.objects.create_user(
        free_username(identity.username or identity.email),
        email=identity.email,
        first_name=identity.first_name[:150],
        last_name=identity.last_name[:150],
    )


def free_username(wanted: str) -> str:
    """`wanted` (cut to the 150 characters a username holds), or with -2, -3... if taken."""
    User = get_user_model()
    base = wanted.strip()[:140] or "user"
    names = User.objects.filter(username__istartswith=base).values_list("username", flat=True)
    taken = {name.lower() for name in names}
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def mapped_companies(group_roles: GroupRoles) -> dict[str, Company]:
    """Each company reference of the mapping ("42" or a name) -> its company; references to no
    company are left out (and logged), so a company added later starts to follow."""
    references = {reference for reference, _ in group_roles.values()}
    ids = [int(ref) for ref in references if ref.isdigit()]
    names = [ref for ref in references if not ref.isdigit()]
    companies = Company.objects.filter(Q(pk__in=ids) | Q(name__in=names))
    found = {}
    for company in companies:
        found[str(company.pk)] = company
        found[company.name] = company
    for missing in sorted(references - set(found)):
        log.warning("OIDC_GROUP_ROLES names %r, which is no company: ignored", missing)
    return {ref: found[ref] for ref in references if ref in found}


def wanted_roles(
    groups: frozenset[str], group_roles: GroupRoles, companies: dict[str, Company]
) -> dict[int, tuple[str, str]]:
    """Company id -> (role, group) the person's groups give him, the first group winning."""
    wanted: dict[int, tuple[str, str]] = {}
    for group, (reference, role) in group_roles.items():
        company = companies.get(reference)
        if group in groups and company is not None and role in Role.values:
            wanted.setdefault(company.pk, (role, group))
    return wanted


def follow_groups(
    user: AbstractBaseUser, groups: frozenset[str], group_roles: GroupRoles, *, provider: str
) -> int:
    """Add, change or remove the user's memberships in the mapped companies so that they match
    his groups, each change recorded in that company's history; returns how many changed."""
    companies = mapped_companies(group_roles)
    wanted = wanted_roles(groups, group_roles, companies)
    held = {
        m.company_id: m
        for m in Membership.objects.select_for_update().filter(
            user=user, company__in=set(companies.values())
        )
    }
    changes = 0
    for company in {company.pk: company for company in companies.values()}.values():
        changes += apply_role(user, company, held.get(company.pk), wanted.get(company.pk), provider)
    if changes:
        forget_second_factor([user.pk])
    return changes


def apply_role(
    user: AbstractBaseUser,
    company: Company,
    membership: Membership | None,
    wanted: tuple[str, str] | None,
    provider: str,
) -> int:
    """One company: make the membership match `wanted` ((role, group), or None for none).
    Recorded as the team's other changes are (verbs team.*, the company as target), with no
    actor: the provider's groups made the change."""
    name = display(user)
    if wanted is None and membership is not None:
        membership.delete()
        summary = f"{name} left the team: in no group of {provider} that gives a role here"
        record(company, "left", summary, user=user.pk, role=membership.role)
        return 1
    if wanted is None:
        return 0
    role, group = wanted
    label = Role(role).label.lower()
    if membership is None:
        Membership.objects.create(user=user, company=company, role=role)
        summary = f"{name} joined as {label}: group {group} at {provider}"
        record(company, "joined", summary, user=user.pk, role=role, group=group)
        return 1
    if membership.role == role:
        return 0
    before, membership.role = membership.role, role
    membership.save(update_fields=["role"])
    was = Role(before).label.lower()
    summary = f"{name} is now {label} (was {was}): group {group} at {provider}"
    record(company, "role_changed", summary, user=user.pk, before=before, after=role, group=group)
    return 1


def record(company: Company, verb: str, summary: str, **detail) -> None:
    record_activity(company, None, f"team.{verb}", company, summary, **detail)
