from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .companies import Company


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove the record of what happened."""


class ActivityQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Activity rows are never edited.")

    def delete(self):
        raise AppendOnlyError("Activity rows are never deleted.")


class Activity(models.Model):
    """Append-only log: who did what to which object, and when."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text="Empty when the system acted (an import, a scheduled reminder)",
    )
    verb = models.CharField(max_length=60, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    summary = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return self.summary

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Activity rows are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Activity rows are never deleted.")
