"""Forms: uploading a staff letter, correcting its preview, assigning comments."""

import dataclasses
import re
from collections import Counter
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from tracker.domain.letters import DEFAULT_WINDOW
from tracker.domain.responses import MAX_NOTE_CHARS, MAX_RESPONSE_CHARS
from tracker.domain.uploads import letter_from_preview, normalized_text
from tracker.enums import AssignmentRole, Decision, FormType, RequestType
from tracker.models import Comment, CommentLetter, Company, Filing, LetterUpload
from tracker.parsing import ParsedComment, ParsedLetter, page_refs
from tracker.parsing.filing_document import MAX_FILING_BYTES

MAX_COMMENT_CHARS = 20_000
MAX_HEADING_CHARS = 500
MAX_COMMENTS = 500
# A line holding only "---" inside a comment's text splits the comment there.
SPLIT_RE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


def today_in_new_york():
    """The SEC counts days in Washington, whatever the server's clock says."""
    return timezone.localdate(timezone=ZoneInfo("America/New_York"))


class StyledForm(forms.Form):
    """Bootstrap classes on every control, and `is-invalid` on those with an error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = css

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class UploadForm(StyledForm):
    company = forms.ModelChoiceField(queryset=Company.objects.none(), empty_label=None)
    source_file = forms.FileField(
        label="Letter file",
        required=False,
        help_text="PDF from EDGAR, Word (.docx), EDGAR HTML page or plain text; up to 20 MB.",
        error_messages={"empty": "The file is empty. Choose the letter's file again."},
    )
    text = forms.CharField(
        label="Or paste the letter's text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="From the e-mail the staff sent: everything from the date to the signature.",
    )
    received_on = forms.DateField(
        label="Received on",
        initial=today_in_new_york,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The response is due ten business days later unless the letter says otherwise.",
    )

    def __init__(self, *args, companies: QuerySet[Company], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies

    def clean(self):
        data = super().clean()
        has_file, has_text = bool(data.get("source_file")), bool(data.get("text", "").strip())
        if has_file and has_text:
            raise ValidationError("Choose a file or paste the text, not both.")
        if not has_file and not has_text and "source_file" not in self.errors:
            raise ValidationError("Choose the letter's file, or paste its text.")
        return data


class LetterFieldsForm(StyledForm):
    letter_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    received_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    response_window_business_days = forms.IntegerField(
        label="Response window (business days)", min_value=1, max_value=90
    )
    registrant = forms.CharField(max_length=200, required=False)
    re_block = forms.CharField(
        label="Re: block", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_for(cls, upload: LetterUpload) -> dict:
        data = upload.parsed
        return {
            "letter_date": data.get("date"),
            "received_on": upload.received_on,
            "response_window_business_days": data.get("response_window_business_days")
            or DEFAULT_WINDOW,
            "registrant": data.get("registrant", ""),
            "re_block": data.get("re_block", ""),
        }


class CommentForm(StyledForm):
    number = forms.IntegerField(label="No.", min_value=1, max_value=32767)
    headings = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line, outermost first.",
    )
    pages = forms.CharField(
        required=False, max_length=500, help_text="Separated by commas, e.g. 29, F-37."
    )
    text = forms.CharField(
        max_length=MAX_COMMENT_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="To split this comment in two, put a line holding only --- where it breaks.",
    )
    request_types = forms.MultipleChoiceField(
        label="The staff ask to",
        required=False,
        choices=RequestType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    prior_comments = forms.CharField(
        label="Follows up prior comments",
        required=False,
        max_length=200,
        help_text="Numbers of the previous letter's comments, e.g. 3, 7.",
    )
    merge_next = forms.BooleanField(label="Merge with the next comment", required=False)

    @staticmethod
    def initial_for(comment: dict) -> dict:
        return {
            "number": comment["number"],
            "headings": "\n".join(comment.get("headings", [])),
            "pages": ", ".join(comment.get("pages", [])),
            "text": comment.get("text", ""),
            "request_types": comment.get("request_types", []),
            "prior_comments": ", ".join(str(n) for n in comment.get("prior_comments", [])),
        }

    def clean_headings(self) -> list[str]:
        lines = normalized_text(self.cleaned_data["headings"]).split("\n")
        headings = [line.strip() for line in lines if line.strip()]
        for position, heading in enumerate(headings, start=1):
            if len(heading) > MAX_HEADING_CHARS:
                raise ValidationError(
                    f"Heading {position} has {len(heading)} characters; "
                    f"a heading may have at most {MAX_HEADING_CHARS}."
                )
        return headings

    def clean_pages(self) -> list[str]:
        pages = [page.strip() for page in self.cleaned_data["pages"].split(",") if page.strip()]
        if any(len(page) > 20 for page in pages):
            raise ValidationError("Separate the pages with commas, e.g. 29, F-37.")
        return pages

    def clean_text(self) -> str:
        text = normalized_text(self.cleaned_data["text"]).strip()
        if not SPLIT_RE.sub("", text).strip():
            raise ValidationError("The comment's text is empty.")
        return text

    def clean_prior_comments(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["prior_comments"].split(",")]
        if not all(part.isdigit() for part in parts if part):
            raise ValidationError("Give the prior comments' numbers separated by commas: 3, 7.")
        return [int(part) for part in parts if part]

    def pieces(self) -> list[ParsedComment]:
        """The comment, split at each `---` line; the new parts take the next numbers."""
        data = self.cleaned_data
        texts = [part.strip() for part in SPLIT_RE.split(data["text"]) if part.strip()]
        first = ParsedComment(
            number=data["number"],
            headings=data["headings"],
            pages=data["pages"],
            text=texts[0],
            request_types=list(data["request_types"]),
            prior_comments=data["prior_comments"],
        )
        rest = [
            ParsedComment(
                number=data["number"] + offset,
                headings=list(data["headings"]),
                pages=page_refs(" \n".join([*data["headings"], text])),
                text=text,
                request_types=list(data["request_types"]),
            )
            for offset, text in enumerate(texts[1:], start=1)
        ]
        return [first, *rest]


def merged(first: ParsedComment, second: ParsedComment) -> ParsedComment:
    """One comment from two: the first's number and headings, both texts, pages and requests."""
    return dataclasses.replace(
        first,
        text=f"{first.text}\n\n{second.text}",
        pages=unique(first.pages + second.pages),
        request_types=unique(first.request_types + second.request_types),
        prior_comments=unique(first.prior_comments + second.prior_comments),
    )


def unique(items: list) -> list:
    return list(dict.fromkeys(items))


class BaseCommentFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if self.forms and self.forms[-1].cleaned_data["merge_next"]:
            self.forms[-1].add_error("merge_next", "The last comment has no next comment.")
            raise ValidationError("The last comment cannot be merged with a next one.")
        numbers = Counter(comment.number for comment in self.edited_comments())
        duplicated = sorted(number for number, count in numbers.items() if count > 1)
        if not duplicated:
            return
        for form in self.forms:
            number = form.cleaned_data["number"]
            if number in duplicated:
                form.add_error("number", f"Number {number} is used by more than one comment.")
        listed = ", ".join(str(number) for number in duplicated)
        raise ValidationError(
            f"Each comment needs its own number; used more than once: {listed}. "
            "Renumber the comments, then save."
        )

    def edited_comments(self) -> list[ParsedComment]:
        """The comments as the user left them: splits made, merges done, in the form's order."""
        comments: list[ParsedComment] = []
        merge_into_previous = False
        for form in self.forms:
            pieces = form.pieces()
            if merge_into_previous:
                comments[-1] = merged(comments[-1], pieces.pop(0))
            comments.extend(pieces)
            merge_into_previous = form.cleaned_data["merge_next"]
        return comments


CommentFormSet = forms.formset_factory(
    CommentForm,
    formset=BaseCommentFormSet,
    extra=0,
    max_num=MAX_COMMENTS,
    absolute_max=MAX_COMMENTS,
    validate_max=True,
)


def preview_forms(
    upload: LetterUpload, data: dict | None = None
) -> tuple[LetterFieldsForm, BaseCommentFormSet]:
    """The letter's fields and its comments, filled from the upload or from the user's POST."""
    fields = LetterFieldsForm(data, initial=LetterFieldsForm.initial_for(upload), prefix="letter")
    initial = [CommentForm.initial_for(comment) for comment in upload.parsed.get("comments", [])]
    return fields, CommentFormSet(data, initial=initial, prefix="comments")


def edited_letter(
    upload: LetterUpload, fields: LetterFieldsForm, comments: BaseCommentFormSet
) -> ParsedLetter:
    """The stored letter with the user's corrections: call only once both forms are valid."""
    letter = letter_from_preview(upload.parsed, upload.extracted_text)
    data = fields.cleaned_data
    letter.date = data["letter_date"]
    letter.response_window_business_days = data["response_window_business_days"]
    letter.registrant, letter.re_block = data["registrant"], normalized_text(data["re_block"])
    letter.comments = comments.edited_comments()
    return letter


class MemberChoiceField(forms.ModelChoiceField):
    """People by the names colleagues know them by."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


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
    role = forms.ChoiceField(label="As", choices=AssignmentRole.choices)
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


class ResponseForm(StyledForm):
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
        label="E-mail me at once about assignments, review requests, decisions and response dates",
        required=False,
    )


class FilingUploadForm(StyledForm):
    """A filing document (S-1, 10-K, an amendment) to cut into sections."""

    company = forms.ModelChoiceField(queryset=Company.objects.none(), empty_label=None)
    form_type = forms.ChoiceField(label="Form", choices=FormType.choices, initial=FormType.S1)
    file_number = forms.CharField(
        label="File No.", max_length=30, required=False, help_text="e.g. 333-163252"
    )
    filed_on = forms.DateField(
        label="Filed on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    amends = forms.ModelChoiceField(
        label="Amends",
        queryset=Filing.objects.none(),
        required=False,
        help_text="For an amendment: the filing it amends, to see what changed.",
    )
    source_file = forms.FileField(
        label="Filing document",
        help_text=(f"EDGAR HTML, PDF, Word (.docx) or text; up to {MAX_FILING_BYTES // 2**20} MB."),
        error_messages={"empty": "The file is empty. Choose the filing's file again."},
    )

    def __init__(self, *args, companies: QuerySet[Company], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        filings = Filing.objects.filter(company__in=companies).select_related("company")
        self.fields["amends"].queryset = filings

    def clean(self):
        data = super().clean()
        amends, company = data.get("amends"), data.get("company")
        if amends and company and amends.company_id != company.pk:
            self.add_error("amends", "Choose a filing of the same company.")
        upload = data.get("source_file")
        if upload and upload.size > MAX_FILING_BYTES:
            self.add_error(
                "source_file",
                f"The file is larger than {MAX_FILING_BYTES // 2**20} MB, too large for a filing.",
            )
        return data
