"""Working on the responses: assigning comments, drafting, deciding, notes, preferences."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator

from tracker.domain.responses import MAX_NOTE_CHARS, MAX_RESPONSE_CHARS
from tracker.enums import AssignmentRole, Decision
from tracker.models import Comment, CommentLetter
from tracker.queries.lists import member_names

from .base import PrintableForm, QuickSelect, StyledForm


class MemberChoices(ModelChoiceIterator):
    """The members as (pk, name) read as plain values: a company may have hundreds, and a
    user row apiece would cost more than the rest of the page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from member_names(self.queryset)


class MemberChoiceField(forms.ModelChoiceField):
    """People by the names colleagues know them by."""

    iterator = MemberChoices
    widget = QuickSelect


class AssignForm(StyledForm):
    """Several comments of one letter to one member, in one role."""

    comments = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.none(),
        error_messages={
            "required": "Select at least one comment.",
            "invalid_choice": "Select comments of this letter only.",
            "invalid_pk_value": "Select comments of this letter only.",
        },
    )
    user = MemberChoiceField(
        queryset=get_user_model().objects.none(), label="Assign to", empty_label="Choose a member"
    )
    role = forms.ChoiceField(label="As", choices=AssignmentRole.choices, widget=QuickSelect)
    due_on = forms.DateField(
        label="Due on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, letter: CommentLetter, members: QuerySet, **kwargs):
        kwargs.setdefault("initial", {"due_on": letter.response_due_on})
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = letter.comments.select_related("letter__review__company")
        self.fields["user"].queryset = members

    def offer(self, members: list) -> None:
        """Write the member options from (pk, name) rows read already; the queryset given
        still checks what is posted."""
        choices = [(member.pk, member.name) for member in members]
        self.fields["user"].widget.choices = [("", self.fields["user"].empty_label), *choices]


class ResponseForm(PrintableForm):
    """The response editor; `based_on` is the revision the text started from (empty at first)."""

    text = forms.CharField(
        label="Response",
        max_length=MAX_RESPONSE_CHARS,
        widget=forms.Textarea(
            attrs={"rows": 12, "spellcheck": "true", "aria-describedby": "markup-help"}
        ),
        error_messages={"required": "A response cannot be empty."},
    )
    based_on = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The revision of another assigned drafter the user confirmed saving over.
    replacing = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class DecisionForm(StyledForm):
    """A reviewer's or approver's decision on the revision he read."""

    decision = forms.ChoiceField(choices=Decision.choices)
    revision_number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note for the drafter",
        required=False,
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to request changes; say what needs to change.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_decision_%s")
        super().__init__(*args, **kwargs)


class NoteForm(StyledForm):
    """A note to the team about a comment; notes stay inside corresp and are never exported."""

    text = forms.CharField(
        label="Add a note",
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "A note cannot be empty."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)


class NotificationPreferencesForm(StyledForm):
    """What a person wants by e-mail; the notification centre lists everything regardless."""

    daily_digest = forms.BooleanField(
        label="E-mail me a digest of my open work each business morning",
        required=False,
    )
    immediate_notices = forms.BooleanField(
        label=(
            "E-mail me about assignments, review requests, decisions and response dates as they "
            "come (what comes on one letter within a few minutes, in one e-mail)"
        ),
        required=False,
    )
