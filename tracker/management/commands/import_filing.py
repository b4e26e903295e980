import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker import queries
from tracker.domain.filing_imports import run_import, start_import
from tracker.enums import FormType, ImportStatus
from tracker.models import Company, Filing
from tracker.parsing import ParseError
from tracker.parsing import filing_document as documents


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--filed must be a date as YYYY-MM-DD, not {value!r}") from error


def form_type(value: str) -> str:
    if value not in FormType.values:
        raise CommandError(f"--form must be one of {', '.join(FormType.values)}, not {value!r}")
    return value


class Command(BaseCommand):
    help = "Import a filing (EDGAR HTML, PDF, DOCX, text or section records) into its sections."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The filing document")
        parser.add_argument("--company", required=True, help="Company name, as in corresp")
        parser.add_argument("--form", required=True, type=form_type, help="Form type, e.g. S-1")
        parser.add_argument("--file-number", default="", help="SEC file number, e.g. 333-163252")
        parser.add_argument("--filed", type=iso_date, help="Filing date (YYYY-MM-DD)")
        parser.add_argument("--amends", type=int, help="Id of the filing this one amends")
        parser.add_argument("--json", action="store_true", help="Print the section tree as JSON")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        company = find_company(options["company"])
        amends = find_amended(company, options["amends"])
        if path.stat().st_size > documents.MAX_FILING_BYTES:
            raise CommandError(f"{path.name}: {documents.FilingTooLarge().message}")
        try:
            record = start_import(
                company=company,
                user=None,
                data=path.read_bytes(),
                filename=path.name,
                form_type=options["form"],
                file_number=options["file_number"],
                filed_on=options["filed"],
                amends=amends,
                queue=False,
            )
        except ParseError as error:
            raise CommandError(f"{path.name}: {error.message}") from error
        record = run_import(record.pk)
        if record.status != ImportStatus.DONE:
            raise CommandError(f"{path.name}: {record.message}")
        self.report(record.filing, record.message, as_json=options["json"])

    def report(self, filing: Filing, message: str, *, as_json: bool) -> None:
        rows = queries.filing_outline(filing)
        if as_json:
            tree = {"filing": filing.pk, "title": str(filing), "message": message}
            tree["sections"] = section_tree(rows)
            self.stdout.write(json.dumps(tree, indent=2, ensure_ascii=False))
            return
        links = sum(len(row.links) for row in rows)
        self.stdout.write(
            f"Saved filing #{filing.pk} ({filing}): {len(rows)} sections, {links} links"
        )
        if message:
            self.stdout.write(message)


def section_tree(rows: list[queries.SectionRow]) -> list[dict]:
    """The outline rows as nested dicts: title, pages and subsections."""
    roots: list[dict] = []
    stack: list[tuple[int, dict]] = []
    for row in rows:
        node = {
            "title": row.section.title,
            "first_page": row.section.first_page,
            "last_page": row.section.last_page,
            "comments": [link.comment.number for link in row.links],
            "sections": [],
        }
        while stack and stack[-1][0] >= row.depth:
            stack.pop()
        (stack[-1][1]["sections"] if stack else roots).append(node)
        stack.append((row.depth, node))
    return roots


def find_company(name: str) -> Company:
    company = Company.objects.filter(name__iexact=name).first()
    if company is None:
        raise CommandError(f"No company named {name!r}; import one of its staff letters first")
    return company


def find_amended(company: Company, pk: int | None) -> Filing | None:
    if pk is None:
        return None
    filing = Filing.objects.filter(company=company, pk=pk).first()
    if filing is None:
        raise CommandError(f"No filing #{pk} of {company}")
    return filing
