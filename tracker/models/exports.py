from django.conf import settings
from django.db import models

from tracker.enums import (
    SIGN_OFF_CHOICES,
    ExportFormat,
    ExportVersion,
    RecitalEmphasis,
    ResponseLabel,
)

from .letters import CommentLetter


class ResponseLetter(models.Model):
    """What our keyed response letter says around the responses; one per staff letter."""

    letter = models.OneToOneField(
        CommentLetter, on_delete=models.CASCADE, related_name="response_letter"
    )
    letterhead = models.TextField(blank=True, help_text="Firm or company name and address lines")
    dated = models.DateField(null=True, blank=True, help_text="Empty: the day it is exported")
    delivery_line = models.CharField(max_length=200, default="Via EDGAR")
    office = models.CharField(
        max_length=200, blank=True, help_text="e.g. Office of Technology (from the staff letter)"
    )
    attention = models.JSONField(
        default=list, blank=True, help_text="Staff named in the letter, e.g. ['Jay Knight']"
    )
    on_behalf_of = models.CharField(max_length=200, blank=True)
    amendment_filed = models.BooleanField(
        "amendment filed with this response",
        null=True,
        blank=True,
        help_text="Empty: as the review suggests (yes for a registration statement or proxy "
        "statement, no for a periodic report)",
    )
    amendment_name = models.CharField(
        max_length=200, blank=True, help_text='Filed with this letter, e.g. "Amendment No. 1"'
    )
    page_reference_document = models.CharField(
        max_length=200, blank=True, help_text="The document page references point to"
    )
    opening = models.TextField(blank=True, help_text="Editable opening paragraph template")
    closing = models.TextField(blank=True)
    include_acknowledgment = models.BooleanField(
        "include the acknowledgment statement",
        null=True,
        blank=True,
        help_text="Empty: when the staff's letter asks for it",
    )
    acknowledgment = models.TextField(
        blank=True, help_text="The company's acknowledgment paragraphs, before the closing"
    )
    signer_name = models.CharField(max_length=200, blank=True)
    signer_title = models.CharField(max_length=200, blank=True)
    signer_firm = models.CharField(max_length=200, blank=True)
    cc = models.TextField(blank=True, help_text="One recipient per line")
    page_code_prefix = models.CharField(
        max_length=12, blank=True, help_text='Rule 83 page codes, e.g. "CALX" gives CALX-001'
    )
    # Blank: as the company's letter style says (models.LetterStyle).
    salutation = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Dear Mr. Spirgel:"; blank: as the style says'
    )
    recital = models.CharField(
        "recited comments in", max_length=20, choices=RecitalEmphasis.choices, blank=True
    )
    response_label = models.CharField(max_length=20, choices=ResponseLabel.choices, blank=True)
    sign_off = models.CharField(max_length=40, choices=SIGN_OFF_CHOICES, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Response letter to {self.letter}"


class Export(models.Model):
    """One exported file, kept for download: who made it, when, and the hash of its bytes."""

    letter = models.ForeignKey(CommentLetter, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    version = models.CharField(
        max_length=20, choices=ExportVersion.choices, default=ExportVersion.STANDARD
    )
    is_final = models.BooleanField(default=False)
    file = models.FileField(upload_to="exports/%Y/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename
