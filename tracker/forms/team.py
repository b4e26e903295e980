"""The Team page: inviting, a member's role, who may assign, reassigning work; and the new
company created from the import preview."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import QuerySet

from tracker.enums import AssignmentRole, Role, SignOff

from .base import PrintableForm, StyledForm
from .work import MemberChoiceField

ROLE_CHOICES = [(role.value, role.label) for role in Role]
SIGN_OFF_CHOICES = [("", "No particular sign-off"), *SignOff.choices]


class InviteForm(PrintableForm):
    email = forms.EmailField(label="E-mail address", max_length=254)
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES, initial=Role.PREPARER)
    title = forms.CharField(
        label="Title", max_length=120, required=False, help_text="e.g. Outside counsel, CFO"
    )


class MemberForm(PrintableForm):
    """One member's role, title and sign-off; the fields are prefixed with his user id."""

    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)
    title = forms.CharField(label="Title", max_length=120, required=False)
    sign_off_as = forms.ChoiceField(label="Signs off as", choices=SIGN_OFF_CHOICES, required=False)


class TeamSettingsForm(StyledForm):
    preparers_may_assign = forms.BooleanField(
        label="Preparers may assign work too",
        required=False,
        help_text="Reviewers, approvers and administrators always may.",
    )


class ReassignForm(StyledForm):
    """All of one person's open work in one role, to one member who may hold it."""

    role = forms.ChoiceField(choices=AssignmentRole.choices, widget=forms.HiddenInput)
    to = MemberChoiceField(queryset=None, label="Give it to", empty_label="Choose a member")

    def __init__(self, *args, members: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = members


class NewCompanyForm(PrintableForm):
    name = forms.CharField(label="Company name", max_length=200)
    cik = forms.RegexField(
        label="CIK",
        regex=r"^\s*\d{0,10}\s*$",
        required=False,
        error_messages={"invalid": "A CIK is up to ten digits."},
    )


class InvitationPasswordForm(SetPasswordForm):
    """Django's form (its password validators), dressed as the others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
