from django.conf import settings
from django.db import models
from django.db.models import Q

from tracker.enums import DeliveryStatus, NotificationKind


class Notification(models.Model):
    """One message to one person, claimed before it is sent so that it is sent exactly once.

    The unique key (recipient, kind, subject_key, day) is the claim: a sweep run twice, two
    workers or a retried task all try to insert the same row, and only one succeeds.

    A notice of an event (an assignment, a submission, a decision) is written with the change
    that causes it and gathers, while its window lasts (`due_at`), the person's later events of
    the same kind on the same letter: one row, one e-mail, `count` events. Only one row per
    person, kind and letter gathers at a time (a partial unique constraint), so two changes
    committed at the same instant join one notice instead of starting two.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    subject_key = models.CharField(
        max_length=100, help_text='What it is about, e.g. "response:42" or "letter:7"'
    )
    day = models.DateField(help_text="The business day it belongs to (America/New_York)")
    letter = models.ForeignKey(
        "tracker.CommentLetter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The letter it is about, if one: the notification centre groups by it",
    )
    count = models.PositiveIntegerField(default=1, help_text="How many events it tells of")
    about = models.JSONField(
        default=list, blank=True, help_text="Ids of the events' objects, to write it again"
    )
    due_at = models.DateTimeField(
        null=True, blank=True, help_text="While gathering: when its window ends and it is sent"
    )
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
            models.UniqueConstraint(
                fields=["recipient", "kind", "letter"],
                condition=Q(status=DeliveryStatus.GATHERING),
                name="one_gathering_notice",
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
