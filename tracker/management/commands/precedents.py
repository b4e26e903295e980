"""manage.py precedents "TEXT": the staff comments most like a text, with their answers."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tracker.queries.precedents import LIBRARY, Precedent, similar_to_text

ANSWER_CHARS = 600


class Command(BaseCommand):
    help = (
        "Print the staff comments most like TEXT: the public library's and, with --user, those "
        "of the companies that user may see; each with its source, score and the answer to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", help="A staff comment, or words about its topic")
        parser.add_argument("--limit", type=int, default=5, help="How many (default 5)")
        parser.add_argument("--user", help="Also our comments this user may see (a username)")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text")

    def handle(self, *args, **options):
        if not options["text"].strip():
            raise CommandError("Give the text of a staff comment to compare with.")
        if not 1 <= options["limit"] <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        user = self._user(options["user"]) if options["user"] else None
        found = similar_to_text(options["text"], user, limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps([_as_json(p) for p in found], indent=2))
            return
        if not found:
            self.stdout.write("No precedent found (is the library imported?).")
        for rank, precedent in enumerate(found, start=1):
            self.stdout.write(_as_text(rank, precedent))

    def _user(self, username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        return user


def source_label(precedent: Precedent) -> str:
    if precedent.source == LIBRARY:
        return f"library {precedent.accession}, comment {precedent.number}"
    return f"ours, comment {precedent.number} (id {precedent.pk})"


def _as_text(rank: int, precedent: Precedent) -> str:
    answer = precedent.answer or "(no answer known)"
    if len(answer) > ANSWER_CHARS:
        answer = answer[:ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
    dated = f", {precedent.letter_date:%B %-d, %Y}" if precedent.letter_date else ""
    return (
        f"{rank}. {precedent.company}{dated} ({source_label(precedent)}), score {precedent.score}\n"
        f"   Heading: {precedent.heading or '-'}\n"
        f"   Comment: {precedent.text}\n"
        f"   Answer:  {answer}\n"
        f"   Outcome: {precedent.outcome_label}\n"
    )


def _as_json(precedent: Precedent) -> dict:
    return {
        "source": precedent.source,
        "id": precedent.pk,
        "accession": precedent.accession,
        "number": precedent.number,
        "company": precedent.company,
        "letter_date": precedent.letter_date.isoformat() if precedent.letter_date else None,
        "form_type": precedent.form_type,
        "heading": precedent.heading,
        "score": precedent.score,
        "text": precedent.text,
        "answer": precedent.answer,
        "outcome": precedent.outcome,
    }
