from django.db import models
from django.db.models.functions import Coalesce

from tracker.enums import (
    SIGN_OFF_CHOICES,
    AttentionRule,
    ClosingContact,
    RecitalEmphasis,
    ResponseLabel,
    SalutationRule,
)

from .companies import Company


class LetterStyle(models.Model):
    """How a company's response letters are dressed; the one without a company is the
    installation's default. A blank field takes the value of the style beneath it (company ->
    installation -> built in, see exporters/style.py); a letter's own settings override both."""

    company = models.OneToOneField(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="letter_style"
    )
    salutation = models.CharField(max_length=20, choices=SalutationRule.choices, blank=True)
    recital = models.CharField(
        "recited comments in",
        max_length=20,
        choices=RecitalEmphasis.choices,
        blank=True,
    )
    response_label = models.CharField(max_length=20, choices=ResponseLabel.choices, blank=True)
    sign_off = models.CharField(max_length=40, choices=SIGN_OFF_CHOICES, blank=True)
    attention = models.CharField(
        "Attention block", max_length=20, choices=AttentionRule.choices, blank=True
    )
    cc = models.TextField(
        "default cc",
        blank=True,
        help_text="Officers, counsel and auditors copied on every letter, one a line",
    )
    closing_contact = models.CharField(
        "in the closing", max_length=20, choices=ClosingContact.choices, blank=True
    )
    contact_phone = models.CharField("telephone", max_length=40, blank=True)
    contact_email = models.EmailField("e-mail", blank=True)
    letterhead_docx = models.FileField(
        "Word letterhead",
        upload_to="letterheads/%Y/",
        blank=True,
        help_text="A .docx whose header, footer, fonts and styles the Word export is built on",
    )
    letterhead_name = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # One installation default: a NULL company counts as company 0 here.
            models.UniqueConstraint(
                Coalesce("company", models.Value(0)), name="one_letter_style_per_company"
            ),
        ]

    def __str__(self) -> str:
        return f"Letter style of {self.company}" if self.company_id else "Default letter style"
