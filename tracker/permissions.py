"""Who may see and do what. One predicate per action, used by views and domain alike.

Outsiders get a 404 for another company's objects (never a 403 that confirms they exist);
members whose role does not allow an action get a 403.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value

from tracker.enums import (
    REVIEWER_SIGN_OFF,
    TRANSITIONS,
    AssignmentRole,
    ExportFormat,
    ExportVersion,
    ResponseStatus,
    Role,
    SignOff,
)
from tracker.models import Company, Membership

User = AbstractBaseUser | AnonymousUser


def visible_companies(user: User) -> QuerySet[Company]:
    """The companies whose matters this user may see at all."""
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    return Company.objects.filter(memberships__user=user)


def membership_in(user: User, company: Company) -> Membership | None:
    if not user.is_authenticated:
        return None
    # At most one membership per company: no order (the default one joins company and user).
    return Membership.objects.filter(user=user, company=company).order_by().first()


def role_in(user: User, company: Company) -> str | None:
    """The user's role in the company, or None for an outsider."""
    membership = membership_in(user, company)
    return membership.role if membership else None


def role_expression(user: User, to_company: str) -> Subquery | Value:
    """role_in as an annotation: the user's role in the company `to_company` leads to from the
    rows queried (e.g. "letter__review__company"), None for an outsider, in the rows' query."""
    if not user.is_authenticated:
        return Value(None, output_field=CharField())
    memberships = Membership.objects.filter(user=user.pk, company=OuterRef(to_company))
    return Subquery(memberships.order_by().values("role")[:1])


# Who holds which powers. An administrator does all an approver does (reviews, approves, signs
# off, imports, exports the final letter, assigns) and beyond it runs the company's team: invites
# people, sets their roles, deactivates them, reassigns their work, and sets who may assign.
APPROVING = frozenset({Role.APPROVER, Role.ADMINISTRATOR})
REVIEWING = frozenset({Role.REVIEWER}) | APPROVING
WORKING = frozenset({Role.PREPARER}) | REVIEWING  # everyone but the read-only
FINISHING = frozenset({Role.PREPARER}) | APPROVING  # who brings letters in and sends them out


def can_draft(role: str | None) -> bool:
    return role == Role.PREPARER


def can_review(role: str | None) -> bool:
    return role in REVIEWING


def can_approve(role: str | None) -> bool:
    return role in APPROVING


def can_assign(role: str | None, company: Company) -> bool:
    """Who may assign work is the company's setting (`Company.preparers_may_assign`): reviewers,
    approvers and administrators always; preparers only where the company says so."""
    if role == Role.PREPARER:
        return company.preparers_may_assign
    return role in REVIEWING


def assign_refusal(company: Company) -> str:
    """Why a member who may not assign is refused, in the company's own terms."""
    if company.preparers_may_assign:
        return "Only preparers, reviewers, approvers and administrators can assign comments."
    return "Only reviewers, approvers and administrators can assign comments."


def can_see_team(role: str | None) -> bool:
    """The Team page (who is who, with roles) is for everyone who works on the company's letters."""
    return role in WORKING


def sees_a_team(user: User) -> bool:
    """Whether the user may see the Team page of any of his companies (the menu's link)."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=list(WORKING)).exists()


def can_manage_team(role: str | None) -> bool:
    """Inviting, roles, deactivating, reassigning and the company's settings: administrators."""
    return role == Role.ADMINISTRATOR


def can_write_notes(role: str | None) -> bool:
    return role in WORKING


# Which members may hold which assignment.
ASSIGNABLE_ROLES = {
    AssignmentRole.DRAFTER: {Role.PREPARER},
    AssignmentRole.REVIEWER: set(REVIEWING),
    AssignmentRole.APPROVER: set(APPROVING),
}

# Who may move a response into each state (the allowed moves themselves are in enums.py).
MOVES = {
    ResponseStatus.DRAFTING: (can_draft, "Only a preparer can work on a draft."),
    ResponseStatus.IN_REVIEW: (can_draft, "Only a preparer can submit a response for review."),
    ResponseStatus.CHANGES_REQUESTED: (
        can_review,
        "Only a reviewer or an approver can ask for changes.",
    ),
    ResponseStatus.APPROVED: (can_approve, "Only an approver can approve a response."),
}


def may_move_to(role: str | None, status: str) -> bool:
    predicate, _ = MOVES.get(status, (lambda role: False, ""))
    return predicate(role)


def refusal_for_move(status: str) -> str:
    return MOVES.get(status, (None, "That move is not allowed."))[1]


def can_record_extension(role: str | None) -> bool:
    """Who may record that the staff granted more time: everyone who works on the response."""
    return role in WORKING


def can_act_on_comments(role: str | None) -> bool:
    """Everyone but read-only members may post on a comment's page (what, the rules decide)."""
    return role in WORKING


@dataclass(frozen=True)
class ResponseActions:
    """The buttons a member sees on a response; the domain still checks every post."""

    save: bool = False
    save_and_submit: bool = False
    submit: bool = False
    request_changes: bool = False
    mark_reviewed: bool = False
    approve: bool = False
    note: bool = False


def response_actions(
    role: str | None,
    status: str,
    *,
    has_revision: bool,
    wrote_latest: bool,
    approved_latest: bool,
    reviewed_latest: bool = False,
) -> ResponseActions:
    """What `role` may do on a response in `status`, given who wrote, approved and marked
    reviewed its latest revision. A save moves a draft to drafting (or an approved one back to
    review), so only a response that a save leaves in drafting can be saved and submitted in
    one go. Nobody approves or marks reviewed a revision he wrote (separation of duties)."""
    drafts = can_draft(role)
    drafting_after_save = (
        status == ResponseStatus.DRAFTING or ResponseStatus.DRAFTING in TRANSITIONS[status]
    )
    in_review = status == ResponseStatus.IN_REVIEW
    return ResponseActions(
        save=drafts,
        save_and_submit=drafts and drafting_after_save,
        submit=drafts and has_revision and status == ResponseStatus.DRAFTING,
        request_changes=can_review(role) and in_review,
        mark_reviewed=can_review(role) and in_review and not wrote_latest and not reviewed_latest,
        approve=can_approve(role) and in_review and not wrote_latest and not approved_latest,
        note=can_write_notes(role),
    )


def sign_off_label(code: str) -> str:
    """How a required sign-off is named to users: "Legal approver", "Reviewer"."""
    if code == REVIEWER_SIGN_OFF:
        return "Reviewer"
    try:
        return f"{SignOff(code).label} approver"
    except ValueError:
        return code


def can_import_letters(role: str | None) -> bool:
    """Preparers bring the staff's letters in; approvers may too (they often receive them)."""
    return role in FINISHING


def importing_companies(user: User) -> QuerySet[Company]:
    """Companies into which this user may import a staff letter."""
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    roles = list(FINISHING)
    return Company.objects.filter(memberships__user=user, memberships__role__in=roles)


def can_add_companies(user: User) -> bool:
    """Whoever may import a staff letter may create the company it is addressed to, when corresp
    does not have it yet, from the import preview: he becomes its administrator (and invites
    its team from its Team page). One query."""
    return importing_companies(user).exists()


def can_link_sections(role: str | None) -> bool:
    """Who may confirm, remove or add the links between comments and the filing's sections."""
    return role in WORKING


def can_export_draft(role: str | None) -> bool:
    """Any member who works on the letter may export a draft of it; read-only members may not."""
    return role in WORKING


def can_export_final(role: str | None) -> bool:
    """The final letter, and the settings of what it says, are for preparers and approvers."""
    return role in FINISHING


def can_edit_letter_style(role: str | None) -> bool:
    """The company's letter style (and its Word letterhead) is set by those who finish the
    letter, as its per-letter settings are; the installation's default only in the admin."""
    return can_export_final(role)


# Rule 83: once a response holds a confidential passage, no copy may print it unmarked. The staff
# get the confidential version (its pages marked), EDGAR the public one ([***] for each passage),
# the Office of FOIA Services the request, on paper. EDGAR's formats carry the public version only.
EDGAR_FORMATS = [ExportFormat.HTML, ExportFormat.TXT]
PAPER_FORMATS = [ExportFormat.DOCX, ExportFormat.PDF, ExportFormat.TXT]
WHY_NOT_THESE_FORMATS = {
    ExportVersion.CONFIDENTIAL: "The confidential version goes to the staff, never to EDGAR",
    ExportVersion.FOIA_REQUEST: "The Rule 83 request is sent on paper",
}
PLAIN_LETTER_REFUSED = (
    "Some responses have confidential passages (marked [[ ]]), which the plain letter would print "
    "unmarked: export the confidential version for the staff, the public version for EDGAR, "
    "or the Rule 83 request."
)
RULE_83_REFUSED = (
    "No response of this letter has confidential passages (marked [[ ]]): export the letter."
)


def allowed_exports(confidential: bool) -> dict[str, list[str]]:
    """What may be exported of a letter with (or without) confidential passages:
    {version: [format, ...]}, versions and formats in the order offered."""
    if not confidential:
        return {ExportVersion.STANDARD: list(ExportFormat)}
    return {
        ExportVersion.CONFIDENTIAL: [f for f in ExportFormat if f not in EDGAR_FORMATS],
        ExportVersion.PUBLIC: list(ExportFormat),
        ExportVersion.FOIA_REQUEST: PAPER_FORMATS,
    }


def export_refusal(version: str, format: str, *, confidential: bool) -> str:
    """Why this version of the letter may not be exported in this format, or "" if it may."""
    allowed = allowed_exports(confidential)
    if version not in allowed:
        return PLAIN_LETTER_REFUSED if confidential else RULE_83_REFUSED
    if format not in allowed[version]:
        return f"{WHY_NOT_THESE_FORMATS[version]}: choose {format_names(allowed[version])}."
    return ""


def format_names(formats: list[str]) -> str:
    """ "Word (.docx), PDF or Text" """
    names = [ExportFormat(name).label for name in formats]
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]


def must_verify_second_factor(user: User, *, confirmed_by_provider: bool = False) -> bool:
    """Whether this user must confirm his login with a code: a member of any company that
    requires two-factor login does, for all his companies (one login opens them all); unless
    he signed in through the firm's identity provider and it says it asked for a second factor
    itself (tracker.oidc): the firm's own multi-factor login stands for corresp's code."""
    if not user.is_authenticated or confirmed_by_provider:
        return False
    return Membership.objects.filter(user=user, company__require_two_factor=True).exists()


def can_follow_library_imports(user: User) -> bool:
    """The library's imports are run by the installation's administrators (Django staff users);
    everyone reads the library, no one else sees how it was filled."""
    return user.is_authenticated and user.is_active and user.is_staff
