import uuid
from datetime import date

from django.db import models

from tracker.enums import FormType, ReviewStatus
from tracker.parsing.forms import DRAFT_REGISTRATION, filing_kind

from .companies import Company


class Filing(models.Model):
    """A document the company filed (or confidentially submitted) with the SEC."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="filings")
    form_type = models.CharField(max_length=20, choices=FormType.choices)
    file_number = models.CharField(max_length=30, blank=True, db_index=True)
    filed_on = models.DateField("filed or submitted on", null=True, blank=True)
    amendment_number = models.PositiveSmallIntegerField(
        default=0, help_text="0 for the original filing, 1 for Amendment No. 1, ..."
    )
    amends = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="As the staff name it, e.g. Registration Statement"
    )

    class Meta:
        ordering = ["company__name", "-filed_on", "form_type"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amends__isnull=True) | models.Q(amendment_number__gt=0),
                name="an_amendment_has_a_number",
            ),
        ]

    def __str__(self) -> str:
        return filing_label(self.form_type, self.amendment_number, self.filed_on, self.description)

    @property
    def kind(self) -> str:
        """Registration, draft registration, periodic, proxy or other (`parsing.forms`)."""
        return filing_kind(self.form_type, self.description)

    @property
    def filed_word(self) -> str:
        """A draft registration statement is submitted (confidentially), not filed."""
        return filed_word(self.form_type, self.description)


def filed_word(form_type: str, description: str = "") -> str:
    """A draft registration statement is submitted (confidentially), not filed."""
    return "submitted" if filing_kind(form_type, description) == DRAFT_REGISTRATION else "filed"


def filing_label(
    form_type: str, amendment_number: int, filed_on: date | None, description: str = ""
) -> str:
    """A filing as people name it, "S-1 Amendment No. 2 filed March 3, 2010": the same as
    `str(filing)`, from its fields alone (lists of hundreds need no Filing apiece)."""
    label = f"{form_type}"
    if amendment_number:
        label += f" Amendment No. {amendment_number}"
    if filed_on:
        label += f" {filed_word(form_type, description)} {filed_on:%B %-d, %Y}"
    return label


class Section(models.Model):
    """One part of a filing's outline, with the pages it spans."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(help_text="Position in the filing, top to bottom")
    title = models.CharField(max_length=500)
    first_page = models.CharField(max_length=20, blank=True)
    last_page = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    is_placeholder = models.BooleanField(
        default=False, help_text="Built from the staff's headings until the filing is imported"
    )
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
        help_text="The same section in the filing this one amends",
    )

    class Meta:
        ordering = ["filing", "order"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "order"], name="one_section_per_position"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def pages(self) -> str:
        if self.first_page and self.last_page and self.first_page != self.last_page:
            return f"pages {self.first_page}-{self.last_page}"
        return f"page {self.first_page}" if self.first_page else ""


class FilingReview(models.Model):
    """One SEC review thread of one or more filings, open until the staff's completion letter."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="reviews")
    filings = models.ManyToManyField(Filing, related_name="reviews")
    title = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN, db_index=True
    )
    opened_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    uid = models.UUIDField(
        "record identity",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Travels with the review's record, so a review is restored only once anywhere",
    )

    class Meta:
        ordering = ["company__name", "-opened_on"]

    def __str__(self) -> str:
        return self.title or f"Review of {self.company}"
