from django.conf import settings
from django.db import models

from tracker.enums import UploadStatus

from .companies import Company
from .letters import CommentLetter


class LetterUpload(models.Model):
    """A staff letter uploaded and parsed, kept until the user has checked the preview.

    The file is stored under a random name; the user's own file name is kept in `source_name`.
    The editable preview lives in `parsed`, so an upload survives a lost session.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="letter_uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="letter_uploads"
    )
    source_file = models.FileField(upload_to="uploads/%Y/", blank=True)
    source_name = models.CharField(
        max_length=255, blank=True, help_text="The file name as uploaded; empty for pasted text"
    )
    source_sha256 = models.CharField(max_length=64, db_index=True)
    extracted_text = models.TextField(blank=True)
    parsed = models.JSONField(default=dict, blank=True, help_text="The preview as last edited")
    received_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=UploadStatus.choices, default=UploadStatus.PENDING, db_index=True
    )
    letter = models.ForeignKey(
        CommentLetter, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    by_hand = models.BooleanField(
        default=False, help_text="Read the text only; the comments are entered by hand"
    )
    message = models.TextField(blank=True, help_text="Why the file could not be read")
    offer_by_hand = models.BooleanField(
        default=False, help_text="It could not be read, but its comments may be entered by hand"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.source_name or f"Pasted letter #{self.pk}"

    @property
    def comment_count(self) -> int:
        return len(self.parsed.get("comments", []))
