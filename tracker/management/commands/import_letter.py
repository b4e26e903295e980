import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.domain.letters import DuplicateLetter, import_letter
from tracker.models import Company
from tracker.parsing import (
    MAX_LETTER_BYTES,
    ParseError,
    TooLarge,
    letter_to_json,
    parse_letter_file,
)


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--received must be a date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Import an SEC staff letter (PDF, DOCX, EDGAR HTML or text): the same code as the web page."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The staff letter file")
        parser.add_argument("--received", type=iso_date, help="Date received (YYYY-MM-DD)")
        parser.add_argument("--company", help="Company name (default: the registrant named)")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; save nothing")
        parser.add_argument("--json", action="store_true", help="Print the parsed letter as JSON")

    def handle(self, *args, **options):
        path = Path(options["path"])
        parsed = parse_file(path)
        if options["json"]:
            self.stdout.write(json.dumps(letter_to_json(parsed), indent=2, ensure_ascii=False))
        if options["dry_run"]:
            if not options["json"]:
                self.stdout.write(f"{path.name}: {len(parsed.comments)} comments (not saved)")
            return
        company = find_company(options["company"])
        try:
            letter = import_letter(
                parsed,
                received_on=options["received"],
                company=company,
                source=path.read_bytes(),
            )
        except DuplicateLetter as duplicate:
            raise CommandError(str(duplicate)) from duplicate
        count = letter.comments.count()
        due = f"{letter.response_due_on:%Y-%m-%d}"
        self.stdout.write(f"Saved letter #{letter.pk}: {count} comments, response due {due}")


def parse_file(path: Path):
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    if path.stat().st_size > MAX_LETTER_BYTES:
        raise CommandError(TooLarge().message)
    try:
        return parse_letter_file(path.read_bytes())
    except ParseError as error:
        raise CommandError(f"{path.name}: {error.message}") from error


def find_company(name: str | None) -> Company | None:
    if not name:
        return None
    company = Company.objects.filter(name__iexact=name).first()
    if company is None:
        raise CommandError(f"No company named {name!r}; leave out --company to use the registrant")
    return company
