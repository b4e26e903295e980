import hashlib

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A person's private calendar address (an iCalendar feed of his response dates).

    Only a SHA-256 digest of the address's secret is kept: the address is shown once, when it
    is made, and a copy of the database does not open anyone's calendar."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


def feed_digest(secret: str) -> str:
    """The SHA-256 (hex) under which a calendar address's secret is kept."""
    return hashlib.sha256(secret.encode()).hexdigest()
