"""manage.py backfill_vectors: embed the staff comments (ours and the library's) stored without a
vector, for the precedent ranking."""

from django.core.management.base import BaseCommand

from tracker.domain.vectors import backfill_vectors


class Command(BaseCommand):
    help = "Compute the sentence embedding of every staff comment that has none yet."

    def handle(self, *args, **options) -> None:
        ours, library = backfill_vectors()
        self.stdout.write(f"Embedded {ours} of our comments and {library} library comments.")
