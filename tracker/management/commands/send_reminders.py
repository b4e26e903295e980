"""Run the deadline sweep and the morning digest by hand, or from cron where there is no beat.

    python manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]

Safe to run as often as you like: every message is claimed once, so a second run sends nothing.
"""

from collections import Counter
from datetime import date

from django.core.management.base import BaseCommand, CommandParser

from tracker.domain import notifications, reminders
from tracker.domain.notifications import Message


class Command(BaseCommand):
    help = "Claim and send the deadline warnings and the daily digest (each message once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD); the digest then goes out even "
            "on a weekend or holiday.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; claim nothing."
        )

    def handle(self, *args, date: date | None, dry_run: bool, **options) -> None:
        messages = reminders.deadline_sweep(date, dry_run=dry_run)
        messages += reminders.daily_digests(date, dry_run=dry_run)
        usernames = self.usernames(messages)
        delivery = {} if dry_run else notifications.delivery_of(messages)
        for message in messages:
            state = "would send" if dry_run else self.state(message, delivery)
            name = usernames.get(message.recipient_id, message.recipient_id)
            self.stdout.write(f"{state}\t{name}\t{message.kind}\t{message.subject}")
        self.stdout.write(self.summary(messages, delivery, dry_run))

    def usernames(self, messages: list[Message]) -> dict[int, str]:
        from django.contrib.auth import get_user_model

        ids = {message.recipient_id for message in messages}
        return dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))

    def state(self, message: Message, delivery: dict) -> str:
        if not message.by_email:
            return "in app only"
        return {"sent": "sent", "failed": "failed"}.get(delivery.get(message.key, ""), "queued")

    def summary(self, messages: list[Message], delivery: dict, dry_run: bool) -> str:
        if dry_run:
            return f"Dry run: {len(messages)} notification(s) would be sent; nothing was claimed."
        counts = Counter(self.state(message, delivery) for message in messages)
        details = ", ".join(f"{count} {state}" for state, count in sorted(counts.items()))
        return f"{len(messages)} notification(s) claimed" + (f": {details}." if details else ".")
