"""Making and revoking a person's private calendar address."""

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from tracker.models import CalendarFeed
from tracker.models.calendars import feed_digest

SECRET_BYTES = 32  # 256 bits: the address is the only key to the feed


@transaction.atomic
def new_calendar_feed(user: AbstractBaseUser) -> str:
    """A new secret for the user's calendar address (returned once, never stored: only its
    digest is). Any address he had stops working."""
    secret = secrets.token_urlsafe(SECRET_BYTES)
    CalendarFeed.objects.filter(user=user).delete()
    CalendarFeed.objects.create(user=user, secret_sha256=feed_digest(secret))
    return secret


def revoke_calendar_feed(user: AbstractBaseUser) -> bool:
    """Stop the user's calendar address working; whether he had one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return deleted > 0
