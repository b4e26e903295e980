from django.conf import settings
from django.db import models

from tracker.enums import FormType, ImportStatus

from .companies import Company
from .filings import Filing


class FilingImport(models.Model):
    """A filing document (S-1, 10-K, ...) being split into sections in the background."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="filing_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_file = models.FileField(upload_to="filings/%Y/")
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, db_index=True)
    form_type = models.CharField(max_length=20, choices=FormType.choices)
    file_number = models.CharField(max_length=30, blank=True)
    filed_on = models.DateField(null=True, blank=True)
    amends = models.ForeignKey(
        Filing, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filing = models.ForeignKey(
        Filing, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED, db_index=True
    )
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker took it up; its lease runs from here"
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Workers that took it up")
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True, help_text="What went wrong, or what to check")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.source_name or self.form_type}"

    @property
    def percent(self) -> int:
        return round(100 * self.progress / self.total) if self.total else 0
