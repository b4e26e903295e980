from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.domain.record import RecordError, import_review


class Command(BaseCommand):
    help = (
        "Restore a review record written by export_review, as new rows beside what the database "
        "holds. The record must be signed with this installation's RECORD_SIGNING_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The zip file written by export_review")
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="Also restore a record written before records were signed (it is still checked)",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            review = import_review(path.read_bytes(), allow_unsigned=options["allow_unsigned"])
        except RecordError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {review} (review #{review.pk})")
