"""Export timings for `make bench`: the keyed response letter of a generated 100-comment letter,
every response approved, in each format; and the peak memory of the four exports."""

import time
import tracemalloc

TARGETS_MS = {"docx": 1000, "html": 200, "txt": 200, "pdf": 5000}


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


def render(letter, format: str) -> bytes:
    from tracker import queries
    from tracker.enums import ExportVersion
    from tracker.exporters import exporter_for

    context = queries.response_letter_context(letter, version=ExportVersion.STANDARD)
    return exporter_for(format, ExportVersion.STANDARD).render(context).data


def export_figures(comments: int = 100) -> dict:
    letter = approved_letter(comments)
    render(letter, "pdf")  # the first PDF loads WeasyPrint and its fonts
    figures = {}
    for format, target in TARGETS_MS.items():
        start = time.perf_counter()
        size = len(render(letter, format))
        figures[f"export_{comments}_comments_{format}_ms"] = round(
            (time.perf_counter() - start) * 1000, 1
        )
        figures[f"export_{comments}_comments_{format}_target_ms"] = target
        figures[f"export_{comments}_comments_{format}_bytes"] = size
    tracemalloc.start()
    for format in TARGETS_MS:
        render(letter, format)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures[f"export_{comments}_comments_peak_memory_mb"] = round(peak / 2**20, 1)
    figures[f"export_{comments}_comments_peak_memory_target_mb"] = 300
    return figures
