from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.domain.record import export_review
from tracker.models import FilingReview


class Command(BaseCommand):
    help = "Write the complete record of one review (JSON and files) to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("review_id", type=int)
        parser.add_argument("-o", "--output", required=True, help="The zip file to write")

    def handle(self, *args, **options):
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"No such folder: {output.parent}")
        review = FilingReview.objects.filter(pk=options["review_id"]).first()
        if review is None:
            raise CommandError(f"No review with id {options['review_id']}")
        output.write_bytes(export_review(review))
        self.stdout.write(f"Wrote the record of {review} to {output}")
