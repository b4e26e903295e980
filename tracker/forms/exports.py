"""The export page's forms: what to export, and what the response letter says around the
responses."""

from django import forms

from tracker import permissions
from tracker.enums import (
    SIGN_OFF_CHOICES,
    AttentionRule,
    ClosingContact,
    ExportFormat,
    ExportVersion,
    RecitalEmphasis,
    ResponseLabel,
    SalutationRule,
)
from tracker.exporters.context import FOLLOWS_THE_REVIEW
from tracker.exporters.docx import letterhead_refusal
from tracker.models import LetterStyle, ResponseLetter
from tracker.parsing.limits import LETTERHEAD, MB

from .base import PrintableForm, StyledForm

SETTINGS_FIELDS = [
    "letterhead",
    "dated",
    "delivery_line",
    "office",
    "attention",
    "on_behalf_of",
    "amendment_filed",
    "amendment_name",
    "page_reference_document",
    "opening",
    "include_acknowledgment",
    "acknowledgment",
    "closing",
    "signer_name",
    "signer_title",
    "signer_firm",
    "cc",
    "page_code_prefix",
    "salutation",
    "recital",
    "response_label",
    "sign_off",
]
AS_THE_STYLE = "As the letter style says"
AS_THE_DEFAULT = "As the installation's default style says"


def inherited(choices, blank_label: str) -> list[tuple[str, str]]:
    """The choices after a blank one that takes the style beneath."""
    return [("", blank_label), *choices]


def sign_off_choices() -> list[tuple[str, str]]:
    return SIGN_OFF_CHOICES


def choice_of_three(unset: str, yes: str, no: str) -> forms.NullBooleanSelect:
    """A yes / no / as-suggested select, in words that say what each does."""
    widget = forms.NullBooleanSelect()
    widget.choices = [("unknown", unset), ("true", yes), ("false", no)]
    return widget


class ExportForm(StyledForm):
    """What to export: the versions listed are those Rule 83 allows this letter
    (`permissions.allowed_exports`); a pair it does not allow is refused with the reason."""

    format = forms.ChoiceField(choices=ExportFormat.choices)
    version = forms.ChoiceField(choices=ExportVersion.choices)
    final = forms.BooleanField(
        required=False,
        label="Final letter",
        help_text="Only when every response is approved; otherwise the export says DRAFT.",
    )

    def __init__(self, *args, confidential: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.confidential = confidential
        allowed = permissions.allowed_exports(confidential)
        # Listed: the allowed versions only. Accepted by the field: any version, so that one
        # not allowed is refused in clean() with the reason rather than as an unknown choice.
        self.fields["version"].widget.choices = [
            (version, ExportVersion(version).label) for version in allowed
        ]
        if confidential:
            self.fields["version"].help_text = " ".join(
                f"{ExportVersion(version).label}: {permissions.format_names(formats)}."
                for version, formats in allowed.items()
            )

    def clean(self):
        data = super().clean()
        version, format = data.get("version"), data.get("format")
        if version and format:
            refusal = permissions.export_refusal(version, format, confidential=self.confidential)
            if refusal:
                self.add_error(None, refusal)
        return data


class ResponseLetterForm(PrintableForm):
    """What the letter says around the responses; blank fields take the defaults."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dated"].widget = forms.DateInput(
            attrs={"type": "date", "class": "form-control"}
        )

    letterhead = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    dated = forms.DateField(required=False, help_text="Empty: the day of each export")
    delivery_line = forms.CharField(max_length=200, required=False)
    office = forms.CharField(max_length=200, required=False, help_text="e.g. Office of Technology")
    attention = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One name a line"
    )
    on_behalf_of = forms.CharField(max_length=200, required=False)
    amendment_filed = forms.NullBooleanField(
        label="Amendment filed with this response",
        required=False,
        widget=choice_of_three(
            "As the review suggests (no for a periodic report, else yes)",
            "Yes",
            "No: the responses speak of future filings",
        ),
        help_text="Decides the opening's wording while the opening is not edited.",
    )
    amendment_name = forms.CharField(max_length=200, required=False)
    page_reference_document = forms.CharField(max_length=200, required=False)
    opening = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Placeholders: {company}, {letter_date}, {filing}, {amendment}, {document}, "
            '{recital} (how the comments are set: " in bold italics", or nothing for plain type)'
        ),
    )
    include_acknowledgment = forms.NullBooleanField(
        label="Acknowledgment statement",
        required=False,
        widget=choice_of_three(
            "Included when the staff's letter asks for it", "Included", "Left out"
        ),
    )
    acknowledgment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Printed before the closing; the same placeholders as the opening.",
    )
    closing = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    signer_name = forms.CharField(max_length=200, required=False)
    signer_title = forms.CharField(max_length=200, required=False)
    signer_firm = forms.CharField(max_length=200, required=False)
    cc = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One recipient a line"
    )
    page_code_prefix = forms.RegexField(
        regex=r"^[A-Za-z0-9]{0,12}$",
        required=False,
        help_text='Rule 83 page codes: "CALX" gives CALX-001',
        error_messages={"invalid": "Letters and digits only, at most 12."},
    )
    salutation = forms.CharField(
        max_length=200,
        required=False,
        help_text='e.g. "Dear Mr. Spirgel:"; blank: as the letter style says',
    )
    recital = forms.ChoiceField(
        label="Recited comments in",
        choices=inherited(RecitalEmphasis.choices, AS_THE_STYLE),
        required=False,
    )
    response_label = forms.ChoiceField(
        choices=inherited(ResponseLabel.choices, AS_THE_STYLE), required=False
    )
    sign_off = forms.ChoiceField(
        choices=inherited(sign_off_choices(), AS_THE_STYLE), required=False
    )

    @classmethod
    def for_settings(
        cls, settings: ResponseLetter, defaults: dict, asks_acknowledgment: bool, data=None
    ) -> "ResponseLetterForm":
        """The form for the saved settings; the wordings that follow the review show their
        default when blank (`defaults`, from `queries.response_letter_defaults`)."""
        initial = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
        initial["attention"] = "\n".join(settings.attention or [])
        for name in FOLLOWS_THE_REVIEW:
            initial[name] = initial[name] or defaults[name]
        form = cls(data, initial=initial)
        asked = "this one does" if asks_acknowledgment else "this one does not"
        form.fields[
            "include_acknowledgment"
        ].help_text = f"The staff asked for it in letters up to 2016 ({asked})."
        return form

    def clean_attention(self) -> list[str]:
        """One "Name, Title" a line; a Mr. or Ms. typed here is used by "Dear ..." too."""
        lines = self.cleaned_data["attention"].splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean_page_code_prefix(self) -> str:
        return self.cleaned_data["page_code_prefix"].upper()


class LetterStyleForm(StyledForm):
    """A company's letter style; a blank choice takes the installation's default."""

    salutation = forms.ChoiceField(
        choices=inherited(SalutationRule.choices, AS_THE_DEFAULT), required=False
    )
    recital = forms.ChoiceField(
        label="Recited comments in",
        choices=inherited(RecitalEmphasis.choices, AS_THE_DEFAULT),
        required=False,
    )
    response_label = forms.ChoiceField(
        choices=inherited(ResponseLabel.choices, AS_THE_DEFAULT), required=False
    )
    sign_off = forms.ChoiceField(
        choices=inherited(sign_off_choices(), AS_THE_DEFAULT), required=False
    )
    attention = forms.ChoiceField(
        label="Attention block",
        choices=inherited(AttentionRule.choices, AS_THE_DEFAULT),
        required=False,
    )
    cc = forms.CharField(
        label="Default cc",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Officers, counsel and auditors copied on every letter, one a line",
    )
    closing_contact = forms.ChoiceField(
        label="In the closing, the signer's",
        choices=inherited(ClosingContact.choices, AS_THE_DEFAULT),
        required=False,
    )
    contact_phone = forms.CharField(label="Telephone", max_length=40, required=False)
    contact_email = forms.EmailField(label="E-mail", required=False)
    letterhead_docx = forms.FileField(
        label="Word letterhead",
        required=False,
        help_text=f"A .docx (at most {LETTERHEAD.max_bytes // MB} MB) with the firm's header, "
        "footer, fonts and styles; the Word export is built on it.",
    )
    remove_letterhead = forms.BooleanField(label="Remove the Word letterhead", required=False)

    @classmethod
    def for_style(cls, style: LetterStyle, data=None, files=None) -> "LetterStyleForm":
        names = [name for name in cls.base_fields if name not in {"letterhead_docx"}]
        initial = {name: getattr(style, name, "") for name in names}
        return cls(data, files, initial=initial)

    def clean_letterhead_docx(self) -> tuple[str, bytes] | None:
        """(file name, bytes) of a letterhead the Word export can be built on, or None. The
        size is checked before the file is read, the parts before python-docx opens it."""
        upload = self.cleaned_data.get("letterhead_docx")
        return (upload.name, checked_letterhead(upload)) if upload else None


def checked_letterhead(upload) -> bytes:
    """The bytes of an uploaded Word letterhead the export can be built on; ValidationError
    saying why not. The size is checked before the file is read, its parts before python-docx
    opens it (`exporters.docx.letterhead_refusal`)."""
    if upload.size > LETTERHEAD.max_bytes:
        raise forms.ValidationError(LETTERHEAD.too_large())
    data = upload.read(LETTERHEAD.max_bytes + 1)
    refusal = letterhead_refusal(data)
    if refusal:
        raise forms.ValidationError(refusal)
    return data
