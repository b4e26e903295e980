from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from tracker.enums import Role, SignOff


def validate_time_zone(name: str) -> None:
    """An IANA time zone name ("America/New_York", "Asia/Tokyo"), as the tz database has it."""
    if name not in available_timezones():
        raise ValidationError(
            f"{name!r} is not a time zone name; use one like America/New_York or Asia/Tokyo."
        )


def zone_named(name: str) -> ZoneInfo:
    """The company's time zone; New York's for a name the tz database no longer knows (a zone
    saved before names were checked), so one company cannot stop every company's reminders."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("America/New_York")


class Company(models.Model):
    """A registrant: the company whose filings the SEC staff review."""

    name = models.CharField(max_length=200, unique=True)
    cik = models.CharField("CIK", max_length=10, blank=True, db_index=True)
    time_zone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    letterhead = models.TextField(
        blank=True, help_text="Name and address printed at the top of response letters"
    )
    require_two_factor = models.BooleanField(
        "require two-factor login",
        default=False,
        help_text="Members must confirm each login with a code from an authenticator app",
    )
    preparers_may_assign = models.BooleanField(
        "preparers may assign work",
        default=False,
        help_text="Reviewers, approvers and administrators always may; preparers only if ticked",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role within one company; a user sees only the companies he belongs to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.READ_ONLY)
    title = models.CharField(
        max_length=120, blank=True, help_text="e.g. Outside counsel, Controller, CFO"
    )
    sign_off_as = models.CharField(
        max_length=20,
        choices=SignOff.choices,
        blank=True,
        help_text="For approvers: the sign-off they give where a letter requires several",
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["company__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="one_membership_per_company"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.company} ({self.get_role_display()})"
