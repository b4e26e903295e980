"""Synthetic staff letters and filings of any length, for benchmarks and tests."""

import re
from dataclasses import dataclass
from html import escape

_SECTIONS = [
    "Risk Factors",
    "Use of Proceeds",
    "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "Business",
    "Executive Compensation",
    "Notes to Consolidated Financial Statements",
]
_REQUESTS = [
    "Please revise your disclosure to quantify the effect of these changes on page {page}.",
    "Please tell us how you considered ASC 606-10-50-5 in reaching this conclusion.",
    "Please supplementally provide us with copies of the studies you cite on page {page}.",
    "Please confirm that you will file the agreement as an exhibit.",
    "We note your disclosure on page {page} regarding your liquidity.",
]


def synthetic_letter(n: int) -> str:
    """The text of a realistic staff letter on a Form S-1 with ``n`` numbered comments."""
    parts = [
        "March 3, 2021",
        "Jane Doe\nChief Executive Officer\nExample Corp.\n100 Main Street\nSpringfield, IL 62701",
        "Re: Example Corp.\nRegistration Statement on Form S-1\nFiled February 1, 2021\n"
        "File No. 333-250001",
        "Dear Ms. Doe:",
        "We have reviewed your registration statement and have the following comments. "
        "Please respond to this letter within ten business days by amending your registration "
        "statement and providing the requested information.",
    ]
    for number in range(1, n + 1):
        page = 10 + number
        if number % 3 == 1:
            parts.append(f"{_SECTIONS[(number // 3) % len(_SECTIONS)]}, page {page}")
        request = _REQUESTS[number % len(_REQUESTS)].format(page=page)
        parts.append(f"{number}. We note the discussion of segment results. {request}")
    parts += [
        "We remind you that the company and its management are responsible for the accuracy "
        "and adequacy of their disclosures, notwithstanding any review, comments, action or "
        "absence of action by the staff.",
        "Please contact John Roe, Staff Attorney, at (202) 551-3000 with any questions.",
        "Sincerely,",
        "Division of Corporation Finance\nOffice of Manufacturing",
    ]
    return "\n\n".join(parts) + "\n"


# --- Filings ----------------------------------------------------------------------------------

_FILING_SECTIONS = [
    "Prospectus Summary",
    "Risk Factors",
    "Special Note Regarding Forward-Looking Statements",
    "Use of Proceeds",
    "Dividend Policy",
    "Capitalization",
    "Dilution",
    "Selected Consolidated Financial Data",
    "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "Business",
    "Management",
    "Executive Compensation",
    "Certain Relationships and Related Party Transactions",
    "Principal Stockholders",
    "Description of Capital Stock",
    "Underwriting",
]
_FINANCIAL_SECTIONS = [
    "Index to Consolidated Financial Statements",
    "Notes to Consolidated Financial Statements",
]
_SUBJECTS = ["Our revenue", "Gross margin", "The backlog", "Operating expense", "Deferred revenue"]
_SUBJECTS += ["Our customer base", "Inventory", "The broadband market", "Headcount", "Cash flow"]
_TOPICS = ["Overview", "Key Metrics", "Customers", "Competition", "Backlog", "Seasonality"]
_TOPICS += ["Research and Development", "Manufacturing", "Employees", "Legal Proceedings"]
_VERBS = ["increased", "decreased", "remained stable", "fluctuated", "grew substantially"]
_CAUSES = ["new carrier deployments", "the stimulus program", "pricing pressure", "warranty costs"]
_CAUSES += ["the acquisition", "foreign currency", "component shortages", "stock compensation"]


@dataclass(frozen=True)
class SamplePage:
    """One printed page of a sample filing: its footer label and its ("h1"/"h2"/"h3"/"p"/"table",
    text) items, top to bottom. A table's text is rows split by newlines, cells by "|"."""

    label: str
    items: list[tuple[str, str]]


def sample_sentence(seed: int) -> str:
    subject = _SUBJECTS[seed % len(_SUBJECTS)]
    verb = _VERBS[(seed // 3) % len(_VERBS)]
    cause = _CAUSES[(seed // 7) % len(_CAUSES)]
    return f"{subject} {verb} in fiscal {2005 + seed % 5} because of {cause} (note {seed})."


def sample_paragraph(seed: int, sentences: int = 5) -> str:
    return " ".join(sample_sentence(seed * 11 + i) for i in range(sentences))


def edgar_filing_html(company: str, form: str, toc: list[tuple[str, str]], pages: list) -> str:
    """An EDGAR-style HTML filing: a cover page, a table of contents (page "i") with links, and
    the given pages, each with a running header, its number at the foot and a page break."""
    rows = "".join(
        f'<tr><td><a href="#s{n}">{escape(title)}</a></td><td align="right">{page}</td></tr>'
        for n, (title, page) in enumerate(toc)
    )
    cover = (
        f'<p align="center"><b>{escape(company.upper())}</b></p>'
        f'<p align="center">FORM {escape(form)}<br>REGISTRATION STATEMENT</p>'
        '<p style="font-size:8pt">The information in this prospectus is not complete.</p>'
        '<hr style="page-break-after:always">'
        '<p align="center"><a name="toc"></a><b>TABLE OF CONTENTS</b></p>'
        f'<table><tr><td></td><td align="right"><b>Page</b></td></tr>{rows}</table>'
        '<p align="center">i</p><hr style="page-break-after:always">'
    )
    body = "".join(_sample_page(page, [t for t, _ in toc]) for page in pages)
    return (
        "<html><head><title>" + escape(form) + "</title></head><body>"
        f'<div style="font-family:Times New Roman">{cover}{body}</div></body></html>'
    )


def _sample_page(page: SamplePage, toc_titles: list[str]) -> str:
    parts = ['<p><a href="#toc">Table of Contents</a></p>']
    for kind, text in page.items:
        if kind == "h1":
            anchor = toc_titles.index(text) if text in toc_titles else ""
            parts.append(
                f'<p align="center"><a name="s{anchor}"></a><b>{escape(text.upper())}</b></p>'
            )
        elif kind == "h2":
            parts.append(f"<p><b>{escape(text)}</b></p>")
        elif kind == "h3":
            parts.append(
                f'<p><font style="font-weight:bold;font-style:italic">{escape(text)}</font></p>'
            )
        elif kind == "table":
            parts.append(_sample_table(text))
        else:
            parts.append(f'<p style="text-align:justify"><font size="2">{escape(text)}</font></p>')
    footer = f'<p align="center">{page.label}</p>' if page.label else ""
    return "".join(parts) + footer + '<hr style="page-break-after:always">'


def _sample_table(text: str) -> str:
    rows = []
    for line in text.splitlines():
        cells = []
        for cell in line.split("|"):
            cell = cell.strip()
            if cell.startswith("$"):  # EDGAR puts the dollar sign in a cell of its own
                cells += ["<td>$</td>", f'<td align="right">{escape(cell[1:])}</td>']
            else:
                cells.append(f"<td>{escape(cell)}</td><td></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def synthetic_filing_pages(n: int) -> tuple[list[tuple[str, str]], list[SamplePage]]:
    """The table of contents and ``n`` pages of an S-1: numbered pages, then F-pages (a sixth of
    them), each top-level section on a new page and one subsection heading per page."""
    financial = max(2, n // 6)
    body = n - financial
    starts = {i * body // len(_FILING_SECTIONS): t for i, t in enumerate(_FILING_SECTIONS)}
    starts |= {body + i * financial // 2: t for i, t in enumerate(_FINANCIAL_SECTIONS)}
    toc, pages = [], []
    for index in range(n):
        label = str(index + 1) if index < body else f"F-{index - body + 1}"
        items: list[tuple[str, str]] = []
        if index in starts:
            toc.append((starts[index], label))
            items.append(("h1", starts[index]))
        items.append(("h2", f"{_TOPICS[index % len(_TOPICS)]}, Part {index + 1}"))
        items += [("p", sample_paragraph(index * 4 + k)) for k in range(4)]
        if index % 5 == 0:
            items.append(("table", "Revenue | $1,234 | $987\nNet loss | $(56) | $(78)"))
        pages.append(SamplePage(label, items))
    return toc, pages


def synthetic_filing_html(n: int) -> str:
    """An EDGAR-style HTML S-1 of ``n`` printed pages (plus cover and contents)."""
    toc, pages = synthetic_filing_pages(n)
    return edgar_filing_html("Example Corp.", "S-1", toc, pages)


def outline_filing_pages(
    paths: list[tuple[str, ...]], passages: dict[str, str] | None = None
) -> tuple[list[tuple[str, str]], list[SamplePage]]:
    """A filing laid out from heading paths such as a staff letter gives ("Business, page 61",
    "Our Strategy, page 66"): each heading on the page it names (else beside the heading before
    it), its text from ``passages`` by title where given, and filler pages between."""
    placed: list[tuple[tuple[str, int], int, str]] = []
    page = ("", 1)
    for order, path in enumerate(paths):
        named = _page_of(path[-1])
        page = named or page
        placed.append((page, order, path))
    placed.sort()
    toc, pages, at = [], {}, {}
    for page, _, path in placed:
        title = _strip_page(path[-1])
        label = f"{page[0]}-{page[1]}" if page[0] else str(page[1])
        if len(path) == 1:
            toc.append((title, label))
        kind = ("h1", "h2", "h3")[min(len(path), 3) - 1]
        text = (passages or {}).get(title) or sample_paragraph(len(at))
        pages.setdefault(page, []).extend([(kind, title), ("p", text)])
        at[title] = label
    return toc, _fill_pages(pages)


def _page_of(heading: str) -> tuple[str, int] | None:
    match = re.search(r"pages?\s+(?:([A-Z])-)?(\d+)", heading)
    return (match.group(1) or "", int(match.group(2))) if match else None


def _strip_page(heading: str) -> str:
    return re.sub(r",?\s*pages?\s+[A-Z]?-?\d+(?:\s*[-–]\s*\d+)?\.?$", "", heading).strip()


def _fill_pages(pages: dict[tuple[str, int], list]) -> list[SamplePage]:
    """Every page from 1 to the last one used, in each series, with filler where nothing is."""
    out = []
    for series in sorted({series for series, _ in pages}):
        last = max(n for s, n in pages if s == series)
        for n in range(1, last + 1):
            items = pages.get((series, n)) or [("p", sample_paragraph(n + 1000))]
            out.append(SamplePage(f"{series}-{n}" if series else str(n), items))
    return out


# Files built to overload a reader, for the bounded-reading tests, `make faults` and the bench.
# Each is small on disk and costs a reader far more than its size suggests.


def slow_pdf(objects: int = 200_000) -> bytes:
    """A one-page PDF of `objects` one-letter text objects in a compressed content stream:
    about 100 KB and 6 seconds of pdfplumber for 40,000 objects."""
    import zlib

    ops = b"".join(
        b"BT /F1 1 Tf %d %d Td (a) Tj ET\n" % (72 + i % 40, 700 - (i // 40) % 60)
        for i in range(objects)
    )
    stream = zlib.compress(ops, 9)
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def bomb_pdf(megabytes: int = 1536) -> bytes:
    """A PDF whose page content inflates to `megabytes` MB of zeros: about 1 KB on disk per MB."""
    import zlib

    packer, chunk = zlib.compressobj(9), b"0" * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
        ]
    )


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


def wide_docx(span: int = 999_999_999) -> bytes:
    """A Word file whose one table cell spans `span` grid columns: python-docx lists the cell
    once per column it spans, so reading the table needs 8 bytes per column."""
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Division of Corporation Finance")
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    grid_span = OxmlElement("w:gridSpan")
    grid_span.set(qn("w:val"), str(span))
    cell._tc.get_or_add_tcPr().append(grid_span)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
