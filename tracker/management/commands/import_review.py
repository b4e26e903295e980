from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.domain.record import RecordError, import_review


class Command(BaseCommand):
    help = "Restore a review record written by export_review into this (empty) database."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The zip file written by export_review")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            review = import_review(path.read_bytes())
        except RecordError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {review} (review #{review.pk})")
