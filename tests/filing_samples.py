"""The Calix S-1 as a small generated EDGAR filing, laid out from the staff letter's headings."""

from datetime import date
from pathlib import Path

from tracker.domain.letters import import_letter
from tracker.models import CommentLetter
from tracker.parsing import parse_letter
from tracker.parsing.samples import edgar_filing_html, outline_filing_pages

DATA = Path(__file__).parent / "data"
SEED_LETTER = DATA / "sec-staff-letter_calix_s-1_2009-12-17.txt"
NOTE = DATA / "calix_10-k_2015_note_stockholders-equity.txt"
FILE_NUMBER = "333-163252"

LEADING_PROVIDER = (
    "We are a leading provider of communications access systems and software that enable "
    "communications service providers, or CSPs, to connect to their residential and business "
    "subscribers."
)
PASSAGES = {
    "Our Company": f"Calix was founded in 1999. {LEADING_PROVIDER} We sell to more than 600 CSPs.",
    "Use of Proceeds": (
        "We intend to use the net proceeds from this offering for working capital and other "
        "general corporate purposes. We have no current agreements for any acquisitions."
    ),
}


def demo_letter() -> CommentLetter:
    """The staff's December 17, 2009 letter on Calix's S-1, saved with placeholder sections."""
    text = SEED_LETTER.read_text(encoding="utf-8")
    return import_letter(parse_letter(text), received_on=date(2009, 12, 17))


def heading_paths(letter: CommentLetter) -> list[tuple[str, ...]]:
    paths: dict[tuple[str, ...], None] = {}
    for comment in letter.comments.order_by("number"):
        for depth in range(1, len(comment.headings) + 1):
            paths.setdefault(tuple(comment.headings[:depth]))
    return list(paths)


def calix_s1_html(letter: CommentLetter, passages: dict[str, str] | None = None) -> bytes:
    toc, pages = outline_filing_pages(heading_paths(letter), passages or PASSAGES)
    return edgar_filing_html("Calix Networks, Inc.", "S-1", toc, pages).encode()
