"""Importing a staff letter: the upload, and the preview a person corrects before saving."""

import dataclasses
import re
from collections import Counter

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tracker.clock import sec_today
from tracker.domain.letters import DEFAULT_WINDOW
from tracker.domain.uploads import normalized_text
from tracker.enums import RequestType
from tracker.models import Company, LetterUpload
from tracker.parsing import ParsedComment, ParsedLetter, letter_from_json, page_refs

from .base import PrintableForm, ReceivedDateField, StyledForm

MAX_COMMENT_CHARS = 20_000
MAX_HEADING_CHARS = 500
# What one comment of the preview posts at most: number, headings, pages, text, prior comments
# and their letter's date, the parser's doubts, "merge with the next", and one value per
# request type ticked.
FIELDS_PER_COMMENT = 8 + len(RequestType)
# The letter's own fields, the formset's management form, the button and the CSRF token.
PREVIEW_OTHER_FIELDS = 20
# The most comments a preview can post within Django's limit on the fields of one request
# (DATA_UPLOAD_MAX_NUMBER_FIELDS): 1,816 at 20,000 fields, where the longest staff letters run
# to a few hundred comments.
MAX_COMMENTS = (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - PREVIEW_OTHER_FIELDS) // FIELDS_PER_COMMENT
TOO_MANY_COMMENTS = (
    f"The preview can save a letter of at most {MAX_COMMENTS:,} comments; this one is longer. "
    "Discard this upload and import the letter in parts."
)
# A line holding only "---" inside a comment's text splits the comment there.
SPLIT_RE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


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
    received_on = ReceivedDateField(
        label="Received on",
        initial=sec_today,
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


class LetterFieldsForm(PrintableForm):
    letter_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    received_on = ReceivedDateField()
    response_window_business_days = forms.IntegerField(
        label="Response window (business days)", min_value=1, max_value=90
    )
    registrant = forms.CharField(max_length=200, required=False)
    prior_letter_date = forms.DateField(
        label="Follows up the staff's letter dated",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="For a follow-up letter: it joins the open review whose latest letter this is.",
    )
    re_block = forms.CharField(
        label="Re: block", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    asks_acknowledgment = forms.BooleanField(
        label="The staff ask for the written acknowledgment statement",
        required=False,
        help_text="That the company is responsible for the adequacy and accuracy of the "
        "disclosure, and the rest (letters up to 2016): the response letter then includes it.",
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
            "prior_letter_date": data.get("prior_letter_date"),
            "re_block": data.get("re_block", ""),
            "asks_acknowledgment": data.get("asks_acknowledgment", False),
        }


class CommentForm(PrintableForm):
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
    prior_letter_date = forms.DateField(
        label="Of the letter dated",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Empty: the review's previous letter.",
    )
    # The parser's doubts ride along unseen, so corrections kept do not lose them.
    doubts = forms.CharField(required=False, max_length=5000, widget=forms.HiddenInput)
    merge_next = forms.BooleanField(label="Merge with the next comment", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The whole text shows, never a box that hides most of it: a row per line it fills.
        self.fields["text"].widget.attrs["rows"] = rows_for(self["text"].value() or "")

    def doubt_list(self) -> list[str]:
        """What the parser was unsure of in this comment, as the form now holds it."""
        return [line.strip() for line in (self["doubts"].value() or "").splitlines() if line]

    @staticmethod
    def initial_for(comment: dict) -> dict:
        return {
            "number": comment["number"],
            "headings": "\n".join(comment.get("headings", [])),
            "pages": ", ".join(comment.get("pages", [])),
            "text": comment.get("text", ""),
            "request_types": comment.get("request_types", []),
            "prior_comments": ", ".join(str(n) for n in comment.get("prior_comments", [])),
            "prior_letter_date": comment.get("prior_letter_date"),
            "doubts": "\n".join(comment.get("doubts", [])),
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

    def clean_doubts(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["doubts"].splitlines() if line.strip()]

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
            prior_letter_date=data["prior_letter_date"],
            doubts=data["doubts"],
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


def rows_for(text: str, width: int = 80) -> int:
    """Rows a textarea `width` characters wide needs to show `text` whole (at least 4)."""
    lines = text.splitlines() or [""]
    return max(4, sum(len(line) // width + 1 for line in lines) + 1)


def merged(first: ParsedComment, second: ParsedComment) -> ParsedComment:
    """One comment from two: the first's number and headings, both texts, pages and requests."""
    return dataclasses.replace(
        first,
        text=f"{first.text}\n\n{second.text}",
        pages=unique(first.pages + second.pages),
        request_types=unique(first.request_types + second.request_types),
        prior_comments=unique(first.prior_comments + second.prior_comments),
        prior_letter_date=first.prior_letter_date or second.prior_letter_date,
        doubts=unique(first.doubts + second.doubts),
    )


def unique(items: list) -> list:
    return list(dict.fromkeys(items))


class BaseCommentFormSet(forms.BaseFormSet):
    default_error_messages = {"too_many_forms": TOO_MANY_COMMENTS}

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


def removed_characters(fields: LetterFieldsForm, comments: BaseCommentFormSet) -> int:
    """How many unprintable characters the preview's forms removed from what the user typed."""
    return fields.removed_characters + sum(form.removed_characters for form in comments.forms)


def over_the_limit(upload: LetterUpload) -> list[str]:
    """The limit on comments, said before the user corrects a letter he could not save."""
    return [TOO_MANY_COMMENTS] if len(upload.parsed.get("comments", [])) > MAX_COMMENTS else []


def edited_letter(
    upload: LetterUpload, fields: LetterFieldsForm, comments: BaseCommentFormSet
) -> ParsedLetter:
    """The stored letter with the user's corrections: call only once both forms are valid."""
    letter = letter_from_json(upload.parsed, upload.extracted_text)
    data = fields.cleaned_data
    letter.date = data["letter_date"]
    letter.response_window_business_days = data["response_window_business_days"]
    letter.registrant, letter.re_block = data["registrant"], normalized_text(data["re_block"])
    letter.prior_letter_date = data["prior_letter_date"]
    letter.asks_acknowledgment = data["asks_acknowledgment"]
    letter.comments = comments.edited_comments()
    return letter


class ExtensionForm(PrintableForm):
    """More time the staff granted: the new response date, when and by whom."""

    new_due_on = forms.DateField(
        label="New response date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    granted_on = forms.DateField(
        label="Granted on",
        initial=sec_today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    granted_by = forms.CharField(
        label="Granted by",
        max_length=200,
        help_text="Who on the staff, as named in the e-mail or call.",
    )
    asked_on = forms.DateField(
        label="Asked on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label="Note", required=False, max_length=2_000, widget=forms.Textarea(attrs={"rows": 2})
    )
