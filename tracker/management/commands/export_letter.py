from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.domain.exports import export_letter
from tracker.domain.responses import ActionRefused
from tracker.enums import ExportFormat, ExportVersion
from tracker.models import CommentLetter


class Command(BaseCommand):
    help = (
        "Export the keyed response letter to a staff letter (Word, PDF, EDGAR HTML or text): "
        "the same code as the Export button; the export is recorded like one made there."
    )

    def add_arguments(self, parser):
        parser.add_argument("letter_id", type=int, help="The staff letter's id")
        parser.add_argument("--format", choices=ExportFormat.values, required=True)
        versions = parser.add_mutually_exclusive_group()
        versions.add_argument(
            "--public", action="store_true", help="Rule 83 public version ([***] for passages)"
        )
        versions.add_argument(
            "--confidential", action="store_true", help="Rule 83 confidential version"
        )
        parser.add_argument("--final", action="store_true", help="The final letter, not a draft")
        parser.add_argument("-o", "--output", required=True, help="The file to write")

    def handle(self, *args, **options):
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"No folder {output.parent} to write {output.name} into.")
        letter = CommentLetter.objects.select_related("review__company").filter(
            pk=options["letter_id"]
        )
        if not letter:
            raise CommandError(f"There is no staff letter with id {options['letter_id']}.")
        version = ExportVersion.STANDARD
        if options["public"] or options["confidential"]:
            version = ExportVersion.PUBLIC if options["public"] else ExportVersion.CONFIDENTIAL
        try:
            export = export_letter(
                letter[0], options["format"], version=version, actor=None, final=options["final"]
            )
        except ActionRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        with export.file.open("rb") as source:
            output.write_bytes(source.read())
        kind = "final" if export.is_final else "draft"
        self.stdout.write(f"Wrote the {kind} letter to {output} ({export.size:,} bytes).")
