from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.domain.generate import generate_comments


class Command(BaseCommand):
    help = (
        "Write synthetic companies, people, reviews, letters, comments, responses and "
        "assignments in bulk, to measure the lists at scale."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--comments", type=int, default=200_000)
        parser.add_argument("--users", type=int, default=500)
        parser.add_argument(
            "--companies", type=int, default=None, help="Default: one per 2,000 comments"
        )
        parser.add_argument("--seed", type=int, default=2009)

    def handle(self, *args, **options):
        if options["comments"] < 1 or options["users"] < 1 or (options["companies"] or 1) < 1:
            raise CommandError("--comments, --users and --companies must be at least 1.")
        made = generate_comments(
            options["comments"],
            users=options["users"],
            companies=options["companies"],
            seed=options["seed"],
        )
        counts = ", ".join(f"{count:,} {name}" for name, count in sorted(made.counts.items()))
        self.stdout.write(
            f"Generated {made.companies:,} companies, {made.users:,} people: {counts}."
        )
