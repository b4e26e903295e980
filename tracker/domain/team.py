"""A company's team, run from corresp by its administrators: invitations, roles, deactivation,
reassigning a departing member's work, who may assign; and a new company created by whoever
imports its first letter.

Every change is checked against permissions.can_manage_team and written to the company's
activity log (who, when, what), with the company as its target. A company always keeps one
administrator: the last one can neither be demoted nor deactivated.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker import permissions
from tracker.enums import AssignmentRole, Role, SignOff
from tracker.models import Assignment, Company, Membership
from tracker.queries.team import administrators, company_open_work

from . import sessions
from .activity import record_activity
from .assignments import assign
from .invitations import tell
from .responses import ActionRefused, require

LAST_ADMINISTRATOR = (
    "{name} is the company's last administrator: make someone else administrator first."
)


def name_of(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def managed(company: Company, actor: AbstractBaseUser) -> Company:
    """The company, locked for the change, once the actor is found to be its administrator."""
    require(
        permissions.can_manage_team(permissions.role_in(actor, company)),
        f"Only an administrator of {company} can change its team.",
    )
    return Company.objects.select_for_update().get(pk=company.pk)


def membership_of(company: Company, user: AbstractBaseUser) -> Membership:
    membership = Membership.objects.filter(company=company, user=user).first()
    require(membership is not None, f"{name_of(user)} is not in {company}'s team.")
    return membership


def record(company: Company, actor: AbstractBaseUser | None, verb: str, summary: str, **detail):
    record_activity(company, actor, f"team.{verb}", company, summary, **detail)


@dataclass(frozen=True)
class Invited:
    """The outcome of an invitation: the membership, whether the person must still set a
    password (he was sent the link) and whether the e-mail went out."""

    membership: Membership
    needs_password: bool
    mailed: bool


def invite(
    company: Company,
    *,
    email: str,
    role: str,
    actor: AbstractBaseUser,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
) -> Invited:
    """Add the person with this e-mail address to the team, creating his account (without a
    password) if corresp has none, then e-mail him: the link to set a password, or a notice.
    Raises ActionRefused for a member already in the team or an address several accounts share."""
    membership = add_member(company, email, role, actor, first_name, last_name, title)
    needs_password = not membership.user.has_usable_password()
    mailed = tell(membership, inviter=actor, with_link=needs_password)
    return Invited(membership, needs_password, mailed)


@transaction.atomic
def add_member(company, email, role, actor, first_name, last_name, title) -> Membership:
    company = managed(company, actor)
    require(role in Role.values, "Choose a role.")
    user = account_for(email.strip(), first_name.strip(), last_name.strip())
    already = Membership.objects.filter(company=company, user=user).exists()
    require(not already, f"{name_of(user)} ({user.email}) is already in the team.")
    membership = Membership.objects.create(company=company, user=user, role=role, title=title)
    label = Role(role).label.lower()
    record(
        company,
        actor,
        "invited",
        f"{name_of(actor)} invited {user.email} as {label}",
        user=user.pk,
        role=role,
    )
    sessions.forget_second_factor([user.pk])
    return membership


def account_for(email: str, first_name: str, last_name: str) -> AbstractBaseUser:
    """The one account with this address, or a new one without a password. A deactivated
    account comes back only if it belongs to no company any more (a member who left one)."""
    users = get_user_model().objects.filter(email__iexact=email)
    found = list(users[:2])
    require(
        len(found) < 2,
        f"Several accounts have the address {email}: ask the installation's administrator.",
    )
    if not found:
        return get_user_model().objects.create_user(
            free_username(email), email, first_name=first_name, last_name=last_name
        )
    user = found[0]
    if not user.is_active:
        require(
            not (user.is_staff or user.is_superuser or user.memberships.exists()),
            f"The account of {email} was deactivated: ask the installation's administrator.",
        )
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def free_username(email: str) -> str:
    """The address itself as username (people remember it), numbered if someone took it."""
    base = re.sub(r"[^\w.@+-]", "", email.lower())[:140] or "member"
    similar = get_user_model().objects.filter(username__startswith=base)
    taken = set(similar.values_list("username", flat=True))
    candidates = [base] + [f"{base}-{n}" for n in range(2, len(taken) + 3)]
    return next(name for name in candidates if name not in taken)


def resend_invitation(company: Company, user: AbstractBaseUser, *, actor: AbstractBaseUser) -> bool:
    """A new link for a member who has not set his password yet (the old one still works until
    it expires). Returns whether the e-mail went out."""
    with transaction.atomic():
        company = managed(company, actor)
        membership = membership_of(company, user)
        require(not user.has_usable_password(), f"{name_of(user)} has already set a password.")
        record(
            company,
            actor,
            "reinvited",
            f"{name_of(actor)} sent {user.email} a new invitation",
            user=user.pk,
        )
    return tell(membership, inviter=actor, with_link=True)


@transaction.atomic
def change_member(
    company: Company,
    user: AbstractBaseUser,
    *,
    role: str,
    actor: AbstractBaseUser,
    title: str = "",
    sign_off_as: str = "",
) -> Membership:
    """Set the member's role, title and sign-off. The last administrator keeps his role."""
    company = managed(company, actor)
    membership = membership_of(company, user)
    require(role in Role.values, "Choose a role.")
    require(sign_off_as in {"", *SignOff.values}, "Choose legal, finance or no sign-off.")
    if membership.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR:
        require_another_administrator(company, user)
    before = membership.role
    membership.role, membership.title, membership.sign_off_as = role, title.strip(), sign_off_as
    membership.save(update_fields=["role", "title", "sign_off_as"])
    summary = f"{name_of(actor)} made {name_of(user)} {Role(role).label.lower()}"
    if before == role:
        summary = f"{name_of(actor)} changed the title or sign-off of {name_of(user)}"
    record(company, actor, "role_changed", summary, user=user.pk, before=before, after=role)
    sessions.forget_second_factor([user.pk])
    return membership


def require_another_administrator(company: Company, user: AbstractBaseUser) -> None:
    others = administrators(company).exclude(user=user).exists()
    require(others, LAST_ADMINISTRATOR.format(name=name_of(user)))


@transaction.atomic
def deactivate(company: Company, user: AbstractBaseUser, *, actor: AbstractBaseUser) -> bool:
    """Take the member out of the team: he no longer sees the company, is no longer notified
    of its work, and his assignments wait for reassignment (queries.team). If he belongs to no
    other company, his account is deactivated and he can no longer log in. Returns whether it
    was."""
    company = managed(company, actor)
    membership = membership_of(company, user)
    if membership.role == Role.ADMINISTRATOR:
        require_another_administrator(company, user)
    membership.delete()
    locked_out = not (user.memberships.exists() or user.is_staff or user.is_superuser)
    if locked_out:
        user.is_active = False
        user.save(update_fields=["is_active"])
    record(
        company,
        actor,
        "deactivated",
        f"{name_of(actor)} deactivated {name_of(user)}",
        user=user.pk,
        role=membership.role,
        account_deactivated=locked_out,
    )
    sessions.forget_second_factor([user.pk])
    return locked_out


@transaction.atomic
def reassign(
    company: Company,
    person: AbstractBaseUser,
    role: str,
    to: AbstractBaseUser,
    *,
    actor: AbstractBaseUser,
) -> int:
    """Give `to` every open assignment `person` holds as `role` in this company, and take them
    from `person`; each move is in the comment's history. Returns how many moved."""
    managed(company, actor)
    require(role in AssignmentRole.values, "Choose drafter, reviewer or approver.")
    held = list(company_open_work(company).filter(user=person, role=role).select_related("comment"))
    require(bool(held), f"{name_of(person)} holds no open work as {role} here.")
    require(to.pk != person.pk, "Choose someone else to take the work.")
    assign([a.comment for a in held], to, role, actor=actor)
    for assignment in held:
        record_activity(
            company,
            actor,
            "assignment.removed",
            assignment.comment,
            f"Comment {assignment.comment.number}: {name_of(person)} no longer "
            f"{assignment.get_role_display().lower()}, reassigned to {name_of(to)}",
            role=role,
        )
    Assignment.objects.filter(pk__in=[a.pk for a in held]).delete()
    return len(held)


@transaction.atomic
def set_preparers_may_assign(company: Company, allowed: bool, *, actor: AbstractBaseUser) -> None:
    """The company's rule of who may assign work (see permissions.can_assign)."""
    company = managed(company, actor)
    if company.preparers_may_assign == allowed:
        return
    company.preparers_may_assign = allowed
    company.save(update_fields=["preparers_may_assign"])
    rule = "may" if allowed else "may no longer"
    record(
        company,
        actor,
        "setting_changed",
        f"{name_of(actor)}: preparers {rule} assign work",
        preparers_may_assign=allowed,
    )


CIK = re.compile(r"\d{1,10}")


@transaction.atomic
def create_company(name: str, cik: str, *, creator: AbstractBaseUser) -> Company:
    """A company corresp does not have yet, created by someone who imports its letter; he
    becomes its administrator. Raises ActionRefused for an empty or taken name or a CIK that
    is not up to ten digits."""
    require(permissions.can_add_companies(creator), "Only those who import letters add companies.")
    name, cik = " ".join(name.split()), cik.strip()
    require(bool(name), "Give the company's name.")
    require(len(name) <= Company._meta.get_field("name").max_length, "That name is too long.")
    require(not cik or bool(CIK.fullmatch(cik)), "A CIK is up to ten digits.")
    require(
        not Company.objects.filter(name__iexact=name).exists(),
        f"corresp already has a company named {name}: ask its administrator to invite you.",
    )
    company = Company.objects.create(name=name, cik=cik.zfill(10) if cik else "")
    Membership.objects.create(company=company, user=creator, role=Role.ADMINISTRATOR)
    record(
        company,
        creator,
        "created",
        f"{name_of(creator)} created {name} as its administrator",
        user=creator.pk,
    )
    sessions.forget_second_factor([creator.pk])
    return company


__all__ = [
    "ActionRefused",
    "Invited",
    "change_member",
    "create_company",
    "deactivate",
    "invite",
    "reassign",
    "resend_invitation",
    "set_preparers_may_assign",
]
