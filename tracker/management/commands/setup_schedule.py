"""Create (or bring back) the periodic tasks beat runs: idempotent, safe at every start.

The daily digest goes out at 07:00 Eastern, Monday to Friday (the task itself skips federal
holidays); the deadline sweep runs every hour; notices whose send was lost (the broker down
when a change committed, a worker killed) are queued again every five minutes. Times can be
changed in the admin afterwards: this command only creates what is missing and never
overwrites a schedule someone edited.
"""

from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

DIGEST = "Daily digest (07:00 Eastern, business days)"
SWEEP = "Deadline sweep (hourly)"
UNSENT = "Unsent notices (every 5 minutes)"


class Command(BaseCommand):
    help = "Create the Celery beat schedule of the digest and the sweeps, if missing."

    def handle(self, *args, **options) -> None:
        morning, _ = CrontabSchedule.objects.get_or_create(
            minute="0",
            hour="7",
            day_of_week="1-5",
            day_of_month="*",
            month_of_year="*",
            timezone="America/New_York",
        )
        hourly, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.HOURS)
        often, _ = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.MINUTES)
        digest, made_digest = PeriodicTask.objects.get_or_create(
            name=DIGEST,
            defaults={"task": "tracker.tasks.send_daily_digests", "crontab": morning},
        )
        sweep, made_sweep = PeriodicTask.objects.get_or_create(
            name=SWEEP,
            defaults={"task": "tracker.tasks.run_deadline_sweep", "interval": hourly},
        )
        unsent, made_unsent = PeriodicTask.objects.get_or_create(
            name=UNSENT,
            defaults={"task": "tracker.tasks.send_unsent_notices", "interval": often},
        )
        for task, made in [(digest, made_digest), (sweep, made_sweep), (unsent, made_unsent)]:
            self.stdout.write(f"{'Created' if made else 'Kept'}: {task.name} ({task.task})")
