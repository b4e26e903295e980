from django.core.management.base import BaseCommand

from tracker.domain.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo
from tracker.enums import Role

# The administrator's role is new to people who know the others: say what it adds.
ADMINISTRATOR_WORDS = "administrator: approves, and invites the team from its Team page"


class Command(BaseCommand):
    help = (
        "Load the demo: the SEC staff's letter of December 17, 2009 on Calix Networks' S-1, and "
        "a review of its 10-K for 2015."
    )

    def handle(self, *args, **options):
        letter = seed_demo()
        count = letter.comments.count()
        self.stdout.write(f"Demo ready: {letter.review.company}, {letter} with {count} comments,")
        self.stdout.write(
            "the staff letter of April 12, 2016 on its 10-K for 2015, and a public library"
        )
        self.stdout.write("of six reviews (Search, and Similar comments on every comment page).")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<11} {user.title} ({role_words(user.role)})")
        self.stdout.write("  admin       Site administrator (the admin pages at /admin/)")


def role_words(role: str) -> str:
    return ADMINISTRATOR_WORDS if role == Role.ADMINISTRATOR else Role(role).label.lower()
