"""Export timings for `make bench`: the keyed response letter of a generated 100-comment letter,
every response approved, in each format; and the peak memory of the four exports.

The PDF and the Word file are each measured against an anchor doing the least their library
can: WeasyPrint laying out the letter's paragraphs as plain HTML (no letter styling), and
python-docx writing the same paragraphs plainly. Export and anchor are run alternately on the
same context and compared by their medians (`..._vs_plain`, target 1.5).

`python -m scripts.bench_exports` prints these figures alone.
"""

import gc
import statistics
import time
import tracemalloc
from html import escape

TARGETS_MS = {"docx": 1000, "html": 200, "txt": 200, "pdf": 5000}
ANCHORED = ("pdf", "docx")
ROUNDS = 7


def approved_letter(comments: int):
    from django.contrib.auth import get_user_model

    from tracker.domain.letters import import_letter
    from tracker.enums import ResponseStatus
    from tracker.models import Company, Response, Revision
    from tracker.parsing import parse_letter, synthetic_letter

    company = Company.objects.create(name="Export Bench Registrant, Inc.")
    letter = import_letter(parse_letter(synthetic_letter(comments)), company=company)
    author = get_user_model().objects.create(username="export-bench")
    text = (
        "The Company has revised the disclosure on page 29 of **Amendment No. 1** as the Staff "
        "asked.\n\nThe Company advises the Staff that:\n- it has no *specific* plans;\n- it will "
        "update the disclosure in each later amendment."
    )
    responses = Response.objects.filter(comment__letter=letter)
    Revision.objects.bulk_create(
        Revision(response=response, number=1, text=text, author=author) for response in responses
    )
    responses.update(status=ResponseStatus.APPROVED)
    return letter


def letter_context(letter):
    from tracker import queries
    from tracker.enums import ExportVersion

    return queries.response_letter_context(letter, version=ExportVersion.STANDARD)


def render(letter, format: str) -> bytes:
    from tracker.enums import ExportVersion
    from tracker.exporters import exporter_for

    return exporter_for(format, ExportVersion.STANDARD).render(letter_context(letter)).data


def plain_paragraphs(context) -> list[str]:
    """Every paragraph the letter prints, as plain text (lines of one paragraph joined by a
    line break): what the anchors lay out."""
    text = "".join
    paragraphs = [context.dated_text, context.delivery_line.upper(), "\n".join(context.addressee)]
    paragraphs += ["Attention:\t" + "\n".join(context.attention)] if context.attention else []
    paragraphs += ["Re:\t" + "\n".join(context.re_lines), context.salutation, context.opening]
    for section in context.sections:
        paragraphs += [heading for _, heading in section.new_headings]
        items = [item for block in section.staff for item in block.items]
        paragraphs += [f"{section.number}.\t" + text(run.text for run in items[0])]
        paragraphs += [text(run.text for run in item) for item in items[1:]]
        paragraphs += [text(r.text for r in i) for b in section.response for i in b.items]
    paragraphs += [*context.closing, context.style.sign_off_words]
    return [*paragraphs, "\n".join(["", "", "_" * 30, context.signer_name, context.signer_title])]


def plain_pdf(context) -> bytes:
    """WeasyPrint's floor: the paragraphs as plain HTML, no stylesheet."""
    from weasyprint import HTML

    body = "".join(
        f"<p>{escape(paragraph).replace(chr(10), '<br>')}</p>"
        for paragraph in plain_paragraphs(context)
    )
    return HTML(string=f"<!doctype html><html><body>{body}</body></html>").write_pdf()


def plain_docx(context) -> bytes:
    """python-docx's floor: the paragraphs written plainly into its default document."""
    import io

    import docx

    document = docx.Document()
    for paragraph in plain_paragraphs(context):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ANCHORS = {"pdf": plain_pdf, "docx": plain_docx}


def anchored_figures(context, format: str, rounds: int = ROUNDS) -> dict:
    """The export and its anchor run alternately on one context; their medians and ratio."""
    from tracker.enums import ExportVersion
    from tracker.exporters import exporter_for

    exporter, anchor = exporter_for(format, ExportVersion.STANDARD), ANCHORS[format]
    exported, plain = [], []
    for _ in range(rounds):
        for action, timings in (
            (lambda: exporter.render(context), exported),
            (lambda: anchor(context), plain),
        ):
            # Each run starts with nothing left for the collector: the PDF export pauses it,
            # and the anchor run after it must not pay for its garbage.
            gc.collect()
            start = time.perf_counter()
            action()
            timings.append((time.perf_counter() - start) * 1000)
    export_ms, plain_ms = statistics.median(exported), statistics.median(plain)
    name = f"export_100_comments_{format}"
    return {
        f"{name}_render_median_ms": round(export_ms, 1),
        f"{name}_plain_library_median_ms": round(plain_ms, 1),
        f"{name}_vs_plain": round(export_ms / plain_ms, 2),
        f"{name}_vs_plain_target": 1.5,
    }


def export_figures(comments: int = 100) -> dict:
    letter = approved_letter(comments)
    render(letter, "pdf")  # the first PDF loads WeasyPrint and its fonts
    plain_pdf(letter_context(letter))
    figures = {}
    for format, target in TARGETS_MS.items():
        start = time.perf_counter()
        size = len(render(letter, format))
        figures[f"export_{comments}_comments_{format}_ms"] = round(
            (time.perf_counter() - start) * 1000, 1
        )
        figures[f"export_{comments}_comments_{format}_target_ms"] = target
        figures[f"export_{comments}_comments_{format}_bytes"] = size
    context = letter_context(letter)
    for format in ANCHORED:
        figures |= anchored_figures(context, format)
    tracemalloc.start()
    for format in TARGETS_MS:
        render(letter, format)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures[f"export_{comments}_comments_peak_memory_mb"] = round(peak / 2**20, 1)
    figures[f"export_{comments}_comments_peak_memory_target_mb"] = 300
    return figures


def main() -> None:
    import json
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(json.dumps(export_figures(), indent=2))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
