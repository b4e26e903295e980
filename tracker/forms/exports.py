"""The export page's forms: what to export, and what the response letter says around the
responses."""

from django import forms

from tracker import permissions
from tracker.enums import ExportFormat, ExportVersion
from tracker.models import ResponseLetter

from .base import PrintableForm, StyledForm

SETTINGS_FIELDS = [
    "letterhead",
    "dated",
    "delivery_line",
    "office",
    "attention",
    "on_behalf_of",
    "amendment_name",
    "page_reference_document",
    "opening",
    "closing",
    "signer_name",
    "signer_title",
    "signer_firm",
    "cc",
    "page_code_prefix",
]


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
    amendment_name = forms.CharField(max_length=200, required=False)
    page_reference_document = forms.CharField(max_length=200, required=False)
    opening = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Placeholders: {company}, {letter_date}, {filing}, {amendment}, {document}",
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

    @classmethod
    def for_settings(cls, settings: ResponseLetter, data=None) -> "ResponseLetterForm":
        initial = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
        initial["attention"] = "\n".join(settings.attention or [])
        return cls(data, initial=initial)

    def clean_attention(self) -> list[str]:
        lines = self.cleaned_data["attention"].splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean_page_code_prefix(self) -> str:
        return self.cleaned_data["page_code_prefix"].upper()
