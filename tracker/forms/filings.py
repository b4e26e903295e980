"""Importing a filing document."""

from django import forms
from django.db.models import QuerySet

from tracker.enums import FormType
from tracker.models import Company, Filing
from tracker.parsing.filing_document import MAX_FILING_BYTES

from .base import StyledForm


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
