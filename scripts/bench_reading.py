"""Reading and redline figures for `make bench`: how time grows with the input, as ratios.

Each pair times an input and one ten times larger; a ratio near 10 is linear, near 100 is the
square. The refusals time how long a compression bomb takes to be turned away.
"""

import io
import zipfile

from scripts.bench import median_ms


def html_page(paragraphs: int) -> bytes:
    body = "".join(f"<p>Paragraph {n}.</p>" for n in range(paragraphs))
    return f"<html><body>{body}</body></html>".encode()


def lightly_edited(sentences: int) -> tuple[str, str]:
    """A response of distinct sentences, and the same with one word changed per 100 sentences."""
    lines = [f"In fiscal {2000 + n % 20} the Company sold {n} systems." for n in range(sentences)]
    old = "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, sentences, 5))
    new = old
    for n in range(0, sentences, 100):
        new = new.replace(f"sold {n} systems", f"sold {n} units")
    return old, new


def pdf_bomb(unpacked: int) -> bytes:
    """A one-page PDF whose content stream unpacks to `unpacked` bytes of spaces."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    stream = DecodedStreamObject()
    stream.set_data(b"BT ET" + b" " * unpacked)
    stream = stream.flate_encode(level=9)
    page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def refused_ms(read, data: bytes) -> float:
    from tracker.parsing import ParseError

    def attempt():
        try:
            read(data)
        except ParseError:
            return
        raise AssertionError("the bomb was read")

    return median_ms(attempt, 3)


def reading_figures() -> dict:
    from tracker.parsing import extract_text
    from tracker.parsing.filing_document import parse_filing_file
    from tracker.parsing.limits import LETTER
    from tracker.parsing.redline import redline

    small, large = html_page(8_000), html_page(80_000)
    letter_small = median_ms(lambda: extract_text(small), 5)
    letter_large = median_ms(lambda: extract_text(large), 3)
    filing_small = median_ms(lambda: parse_filing_file(small), 5)
    filing_large = median_ms(lambda: parse_filing_file(large), 3)
    short, long = lightly_edited(90), lightly_edited(900)
    redline_short = median_ms(lambda: redline(*short), 10)
    redline_long = median_ms(lambda: redline(*long), 5)
    bomb = pdf_bomb(4 * LETTER.max_expanded_bytes)
    return {
        "letter_html_8000_paragraphs_ms": letter_small,
        "letter_html_80000_paragraphs_ms": letter_large,
        "letter_html_10x_time_ratio": round(letter_large / letter_small, 1),
        "filing_html_8000_paragraphs_ms": filing_small,
        "filing_html_80000_paragraphs_ms": filing_large,
        "filing_html_10x_time_ratio": round(filing_large / filing_small, 1),
        "html_10x_time_ratio_target": 15,
        f"redline_{len(short[0])}_chars_lightly_edited_ms": redline_short,
        f"redline_{len(long[0])}_chars_lightly_edited_ms": redline_long,
        "redline_10x_time_ratio": round(redline_long / redline_short, 1),
        "redline_10x_time_ratio_target": 15,
        f"pdf_bomb_{len(bomb) // 1024}_kb_refused_ms": refused_ms(extract_text, bomb),
        "zip_bomb_refused_ms": refused_ms(extract_text, zip_bomb(4 * LETTER.max_expanded_bytes)),
    }


def zip_bomb(unpacked: int) -> bytes:
    """A Word-looking zip whose document part unpacks to `unpacked` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * unpacked)
    return out.getvalue()
