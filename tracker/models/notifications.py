from django.conf import settings
from django.db import models

from tracker.enums import DeliveryStatus, NotificationKind


class Notification(models.Model):
    """One message to one person, claimed before it is sent so that it is sent exactly once.

    The unique key (recipient, kind, subject_key, day) is the claim: a sweep run twice, two
    workers or a retried task all try to insert the same row, and only one succeeds.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    subject_key = models.CharField(
        max_length=100, help_text='What it is about, e.g. "response:42" or "letter:7"'
    )
    day = models.DateField(help_text="The business day it belongs to (America/New_York)")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.CLAIMED
    )
    by_email = models.BooleanField(default=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_key", "day"], name="one_notification_per_day"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient}"


class NotificationPreference(models.Model):
    """What a person wants to receive. No row means the defaults: everything on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    daily_digest = models.BooleanField(default=True)
    immediate_notices = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Notification preferences of {self.user}"
