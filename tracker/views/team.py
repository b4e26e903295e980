"""The Team page of a company: members and roles, invitations, deactivating and reassigning;
and the page where an invited person sets his password.

Another company's team is a 404, a read-only member gets a 403; every member who works on the
letters sees the page, and only administrators change anything (permissions.can_manage_team).
All changes are plain posts answered with a redirect, so they work without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from tracker import permissions
from tracker.domain import team
from tracker.domain.invitations import invitation_tokens
from tracker.domain.responses import ActionRefused
from tracker.enums import AssignmentRole
from tracker.forms.team import (
    InvitationPasswordForm,
    InviteForm,
    MemberForm,
    ReassignForm,
    TeamSettingsForm,
)
from tracker.models import Company
from tracker.queries import team as team_queries

from .assignments import first_error


def team_company(request: HttpRequest, pk: int, *, manage: bool = False) -> Company:
    """The company whose team the user may see (404 for an outsider, 403 for the read-only),
    and, with `manage`, change (403 for all but its administrators)."""
    company = get_object_or_404(permissions.visible_companies(request.user), pk=pk)
    role = permissions.role_in(request.user, company)
    if not permissions.can_see_team(role):
        raise PermissionDenied("Only members who work on the company's letters see its team.")
    if manage and not permissions.can_manage_team(role):
        raise PermissionDenied("Only an administrator of the company changes its team.")
    company.viewer_role = role
    return company


def team_index(request: HttpRequest) -> HttpResponse:
    """The menu's Team link: the one company's team, or the list of them."""
    companies = list(team_queries.teams_seen_by(request.user, permissions.WORKING))
    if len(companies) == 1:
        return redirect("team", companies[0].pk)
    if not companies:
        raise PermissionDenied("Only members who work on a company's letters see its team.")
    return render(request, "tracker/team/index.html", {"companies": companies})


def team_page(request: HttpRequest, pk: int) -> HttpResponse:
    company = team_company(request, pk)
    return render(request, "tracker/team/page.html", team_context(company))


def team_context(company: Company, invite_form: InviteForm | None = None) -> dict:
    manages = permissions.can_manage_team(company.viewer_role)
    members = team_queries.team_members(company)
    context = {
        "company": company,
        "manages": manages,
        "members": members,
        "former": team_queries.former_members_with_work(company),
        "history": team_queries.team_history(company),
    }
    if manages:
        context |= {
            "invite_form": invite_form or InviteForm(),
            "settings_form": TeamSettingsForm(
                initial={"preparers_may_assign": company.preparers_may_assign}
            ),
            "member_forms": [(member, member_form(member)) for member in members],
        }
    return context


def member_form(member: team_queries.TeamMember) -> MemberForm:
    initial = {"role": member.role, "title": member.title, "sign_off_as": member.sign_off_as}
    form = MemberForm(initial=initial, auto_id=f"member-{member.user_id}-%s")
    for field in form.fields.values():  # the row's cells post with the form in its last cell
        field.widget.attrs["form"] = f"member-{member.user_id}"
    return form


@require_POST
def team_invite(request: HttpRequest, pk: int) -> HttpResponse:
    company = team_company(request, pk, manage=True)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return render(request, "tracker/team/page.html", team_context(company, form), status=400)
    try:
        invited = team.invite(company, actor=request.user, **form.cleaned_data)
    except ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return render(request, "tracker/team/page.html", team_context(company, form), status=400)
    tell_inviter(request, invited)
    return redirect("team", company.pk)


def tell_inviter(request: HttpRequest, invited: team.Invited) -> None:
    user = invited.membership.user
    who = f"{user.get_full_name() or user.email} ({user.email})"
    if not invited.mailed:
        messages.warning(
            request,
            f"{who} is in the team, but the e-mail could not be sent. "
            "Use “Send the invitation again” once mail works.",
        )
    elif invited.needs_password:
        messages.success(request, f"Invited {who}: the e-mail holds a link to set a password.")
    else:
        messages.success(
            request, f"{who} already had an account: added to the team and told by e-mail."
        )


@require_POST
def team_settings(request: HttpRequest, pk: int) -> HttpResponse:
    company = team_company(request, pk, manage=True)
    form = TeamSettingsForm(request.POST)
    form.is_valid()  # a checkbox: anything but "on" is unticked
    allowed = bool(form.cleaned_data.get("preparers_may_assign"))
    team.set_preparers_may_assign(company, allowed, actor=request.user)
    rule = "Preparers may assign work too." if allowed else "Preparers no longer assign work."
    messages.success(request, f"Saved. {rule}")
    return redirect("team", company.pk)


def person_in(company: Company, user_id: int):
    """A member, or someone who left but still holds open work here; 404 for anyone else."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    member = company.memberships.filter(user=person).first()
    if member is None and not team_queries.company_open_work(company).filter(user=person).exists():
        raise Http404("No such member.")
    person.membership = member
    return person


def team_person(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    """A member's (or former member's) open work, to reassign, and his deactivation."""
    company = team_company(request, pk, manage=True)
    person = person_in(company, user_id)
    work = team_queries.open_work_of(company, person)
    roles = [role for role in AssignmentRole if any(a.role == role for a in work)]
    forms = [
        (role, [a for a in work if a.role == role], reassign_form(company, person, role))
        for role in roles
    ]
    context = {"company": company, "person": person, "work": work, "reassign_forms": forms}
    return render(request, "tracker/team/person.html", context)


def reassign_form(company: Company, person, role: str, data=None) -> ReassignForm:
    members = team_queries.members_who_may_hold(company, role).exclude(pk=person.pk)
    return ReassignForm(data, initial={"role": role}, members=members, auto_id=f"{role}-%s")


@require_POST
def team_member_role(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    company = team_company(request, pk, manage=True)
    person = person_in(company, user_id)
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("team", company.pk)
    try:
        team.change_member(company, person, actor=request.user, **form.cleaned_data)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Saved {person.get_full_name() or person}'s role.")
    return redirect("team", company.pk)


@require_POST
def team_deactivate(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    company = team_company(request, pk, manage=True)
    person = person_in(company, user_id)
    name = person.get_full_name() or person.get_username()
    try:
        locked_out = team.deactivate(company, person, actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("team_person", company.pk, person.pk)
    account = " His account is deactivated: he can no longer log in." if locked_out else ""
    messages.success(request, f"{name} is no longer in the team.{account}")
    return back_to_person(company, person)


@require_POST
def team_reassign(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    company = team_company(request, pk, manage=True)
    person = person_in(company, user_id)
    form = reassign_form(company, person, request.POST.get("role", ""), request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("team_person", company.pk, person.pk)
    data = form.cleaned_data
    try:
        moved = team.reassign(company, person, data["role"], data["to"], actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        to = data["to"].get_full_name() or data["to"].get_username()
        role = AssignmentRole(data["role"]).label.lower()
        messages.success(request, f"{to} is now {role} of {moved} comment{'s' * (moved != 1)}.")
    return back_to_person(company, person)


def back_to_person(company: Company, person) -> HttpResponse:
    """The person's page while he is in the team or holds work here; else the Team page."""
    stays = company.memberships.filter(user=person).exists()
    if stays or team_queries.company_open_work(company).filter(user=person).exists():
        return redirect("team_person", company.pk, person.pk)
    return redirect("team", company.pk)


@require_POST
def team_resend(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    company = team_company(request, pk, manage=True)
    person = person_in(company, user_id)
    try:
        mailed = team.resend_invitation(company, person, actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if mailed:
            messages.success(request, f"Sent {person.email} a new invitation.")
        else:
            messages.warning(request, "The e-mail could not be sent; try again later.")
    return redirect("team", company.pk)


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation's link: choose a password, once, before the link expires. Django's own
    view: the token leaves the address bar before the form shows (no Referer leaks it)."""

    template_name = "registration/invitation.html"
    token_generator = invitation_tokens
    form_class = InvitationPasswordForm
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            f"Your password is set. Log in with your username, {self.user.get_username()}.",
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["already_used"] = bool(self.user and self.user.has_usable_password())
        context["login_url"] = reverse("login")
        return context
