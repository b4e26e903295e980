"""The Word and PDF letters look as they did: each house style and Rule 83 version of a letter
we write, compared with its look saved in tests/export_looks/ (see tests/export_look.py).

A deliberate change of look is saved anew with `EXPORT_LOOKS=save` and reviewed in the diff.
"""

import dataclasses
import io
import json
import os
from datetime import date
from pathlib import Path

import docx
import pytest

from tests.export_look import docx_look, pdf_look
from tests.exports_helpers import approve
from tests.factories import CompanyFactory, MembershipFactory
from tracker import queries
from tracker.domain.letters import import_letter
from tracker.domain.styles import save_letter_style
from tracker.enums import ExportFormat, ExportVersion, Role
from tracker.exporters import exporter_for
from tracker.parsing import parse_letter, synthetic_letter

LOOKS = Path(__file__).parent / "export_looks"
# Every response prints emphasis, a list and, in comment 2, a confidential passage.
RESPONSE = (
    "The Company has revised the disclosure on page {page} of **Amendment No. 1** as the Staff "
    "asked.\n\nThe Company advises the Staff that:\n- it has no *specific* plans;\n- it will "
    "update the disclosure in each later amendment."
)
CONFIDENTIAL = "The Company paid [[**$4.2 million** to a supplier in *Ohio*]] in the quarter."
# name: (letter style, version, comments left unapproved)
CASES = {
    "standard": ({}, ExportVersion.STANDARD, []),
    "bold-upper-no-sign-off": (
        {"recital": "bold", "response_label": "upper", "sign_off": "none"},
        ExportVersion.STANDARD,
        [],
    ),
    "italic-no-label": (
        {"recital": "italic", "response_label": "none", "sign_off": "Very truly yours,"},
        ExportVersion.STANDARD,
        [],
    ),
    "plain-company-label": (
        {"recital": "plain", "response_label": "company", "cc": "Jane Doe, Example Corp."},
        ExportVersion.STANDARD,
        [],
    ),
    "confidential": ({}, ExportVersion.CONFIDENTIAL, []),
    "public": ({}, ExportVersion.PUBLIC, []),
    "draft": ({}, ExportVersion.STANDARD, [3, 5]),
}


def firm_letterhead() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "WHITFIELD & CRANE LLP"
    document.sections[0].footer.paragraphs[0].text = "1 Harbour Square, Boston"
    document.styles["Normal"].font.name = "Garamond"
    document.add_paragraph("Body text of the template, to be replaced.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def written_letter(values: dict, version: str, unapproved: list[int], letterhead: bytes = b""):
    """The context of a 7-comment letter in a house style, dated 2 March 2026."""
    company = CompanyFactory(name="Goldfinch Holdings, Inc.", cik="0000123456")
    actor = MembershipFactory(company=company, role=Role.APPROVER).user
    if values or letterhead:
        save_letter_style(
            company,
            values,
            actor=actor,
            letterhead=("firm.docx", letterhead) if letterhead else None,
        )
    letter = import_letter(parse_letter(synthetic_letter(7)), company=company)
    for comment in letter.comments.select_related("response"):
        if comment.number not in unapproved:
            text = CONFIDENTIAL if comment.number == 2 else RESPONSE.format(page=comment.number)
            approve(comment, text)
    context = queries.response_letter_context(letter, version=version)
    return dataclasses.replace(context, dated=date(2026, 3, 2))


def same_as_saved(name: str, look, points: int = 0) -> None:
    """`points`: how far a position may lie from the saved one (a PDF line's end moves by a
    point between releases of the same font, Liberation 1.x and 2.x, with the same text)."""
    path = LOOKS / f"{name}.json"
    if os.environ.get("EXPORT_LOOKS") == "save":
        path.write_text(json.dumps(look, indent=1, ensure_ascii=False) + "\n")
    if not path.exists():
        pytest.skip(f"No look saved for {path.name}: save it with EXPORT_LOOKS=save")
    saved = json.loads(path.read_text())
    assert look == saved or (points and within(json.loads(json.dumps(look)), saved, points))


def within(look, saved, points: int) -> bool:
    """The same look, each number within `points` of the saved one."""
    if isinstance(look, list) and isinstance(saved, list):
        return len(look) == len(saved) and all(
            within(a, b, points) for a, b in zip(look, saved, strict=True)
        )
    if isinstance(look, dict) and isinstance(saved, dict):
        return look.keys() == saved.keys() and all(
            within(look[key], saved[key], points) for key in look
        )
    if isinstance(look, int | float) and isinstance(saved, int | float):
        return abs(look - saved) <= points
    return look == saved


def serif_font(look: list[dict]) -> str:
    """The font the PDF's first line is set in ("Liberation-Serif", or "DejaVu-Serif" where
    Liberation is not installed): a PDF's look is saved per font, as the lines fall
    differently in each."""
    return look[0]["lines"][0][3][0][0].split()[0].removesuffix("-Bold")


@pytest.mark.parametrize("case", CASES)
def test_docx_looks_as_saved(case, db):
    context = written_letter(*CASES[case])
    data = exporter_for(ExportFormat.DOCX, context.version).render(context).data
    same_as_saved(f"{case}.docx", docx_look(data))


@pytest.mark.parametrize("case", CASES)
def test_pdf_looks_as_saved(case, db):
    context = written_letter(*CASES[case])
    data = exporter_for(ExportFormat.PDF, context.version).render(context).data
    look = pdf_look(data)
    same_as_saved(f"{case}.pdf.{serif_font(look)}", look, points=1)


@pytest.mark.parametrize("version", [ExportVersion.STANDARD, ExportVersion.CONFIDENTIAL])
def test_docx_on_a_letterhead_looks_as_saved(version, db):
    context = written_letter({"recital": "bold"}, version, [], letterhead=firm_letterhead())
    data = exporter_for(ExportFormat.DOCX, version).render(context).data
    same_as_saved(f"letterhead-{version}.docx", docx_look(data))
