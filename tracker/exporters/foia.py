"""The Rule 83 request to the Office of FOIA Services, listing the pages and their codes.

The page codes are those of the confidential version as the PDF exporter paginates it (the
copy the staff receive); the request itself holds no confidential text. It is sent on paper,
not filed on EDGAR, so it comes as Word, PDF or text.
"""

import io
from dataclasses import dataclass, replace
from datetime import date

import docx
from django.template.loader import render_to_string
from docx.shared import Inches

from tracker.enums import ExportFormat, ExportVersion

from . import weasy
from .base import Exporter, to_ascii
from .context import ResponseLetterContext, long_date
from .docx import labelled, letter_size, lines_paragraph, neutral_properties, plain_font
from .pdf import confidential_pages
from .text import within_width, wrap

CONTENT_TYPES = {
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportFormat.PDF: "application/pdf",
    ExportFormat.TXT: "text/plain; charset=us-ascii",
}


@dataclass(frozen=True)
class FoiaRequest:
    day: date
    head: list[str]
    addressee: list[str]
    re_lines: list[str]
    paragraphs: list[str]
    pages: list[str]
    signature: list[str]
    cc: list[str]


class FoiaRequestExporter(Exporter):
    def __init__(self, format: str):
        if format not in CONTENT_TYPES:
            raise ValueError(
                "The Rule 83 request goes to the Office of FOIA Services on paper, not on EDGAR: "
                "choose Word, PDF or text."
            )
        self.extension, self.content_type = format, CONTENT_TYPES[format]

    def data(self, context: ResponseLetterContext) -> bytes:
        staff_copy = replace(context, version=ExportVersion.CONFIDENTIAL)
        request = foia_request(context, confidential_pages(staff_copy))
        return {"docx": as_docx, "pdf": as_pdf, "txt": as_text}[self.extension](request)


def foia_request(context: ResponseLetterContext, pages: list[tuple[str, list[int]]]) -> FoiaRequest:
    company, dated = context.company, context.dated_text
    listed = [f"{code} (comment {', '.join(map(str, numbers))})" for code, numbers in pages]
    paragraphs = [
        f"On behalf of {company} (the \u201cCompany\u201d), we request, pursuant to Rule 83 of the "
        "Commission\u2019s Rules on Information and Requests (17 C.F.R. 200.83), confidential "
        f"treatment of the portions of the Company\u2019s letter dated {dated} to the Division "
        "of Corporation Finance (the \u201cResponse Letter\u201d), responding to the Staff\u2019s "
        f"letter dated {long_date(context.letter_date)}, that are bracketed in the copy of the "
        "Response Letter provided to the Staff. They appear on the pages bearing these codes:",
        "Each of those pages is marked \u201cFOIA Confidential Treatment Requested by "
        f"{company}\u201d with its page code. The portions have been omitted from the copy of "
        "the Response Letter filed on EDGAR, where they are marked [***]. They contain "
        "confidential commercial and financial information of the Company that is not "
        "otherwise available to the public.",
        "Should the Commission receive a request for this information, please notify the "
        "undersigned promptly so that the Company may substantiate this request as Rule 83 "
        "provides.",
    ]
    signature = [context.signer_name, context.signer_title, context.signer_firm]
    return FoiaRequest(
        day=context.dated,
        head=[*context.letterhead, "", dated],
        addressee=context.foia_address,
        re_lines=[*context.re_lines, "Request for confidential treatment under Rule 83"],
        paragraphs=paragraphs,
        pages=listed,
        signature=[line for line in signature if line],
        cc=["Division of Corporation Finance, U.S. Securities and Exchange Commission"],
    )


def as_text(request: FoiaRequest) -> bytes:
    lines = [*request.head, "", *request.addressee, ""]
    lines += [f"{'Re:' if i == 0 else '':5}{line}" for i, line in enumerate(request.re_lines)]
    lines += ["", "Ladies and Gentlemen:", *wrap(request.paragraphs[0]), ""]
    lines += [f"     {code}" for code in request.pages]
    for paragraph in request.paragraphs[1:]:
        lines += wrap(paragraph)
    lines += ["", "Sincerely,", "", *request.signature, "", *(f"cc: {cc}" for cc in request.cc)]
    lines = [part for line in lines for part in within_width(to_ascii(line))]
    return ("\n".join(lines).strip() + "\n").encode("ascii")


def as_docx(request: FoiaRequest) -> bytes:
    document = docx.Document()
    plain_font(document.styles["Normal"].font)
    letter_size(document)
    lines_paragraph(document, request.head)
    lines_paragraph(document, request.addressee)
    labelled(document, "Re:", request.re_lines, bold=True)
    document.add_paragraph("Ladies and Gentlemen:")
    document.add_paragraph(request.paragraphs[0])
    lines_paragraph(document, request.pages, left_indent=Inches(0.5))
    for paragraph in request.paragraphs[1:]:
        document.add_paragraph(paragraph)
    # The signature and the cc line go together, never the cc alone on a page of its own.
    document.add_paragraph("Sincerely,").paragraph_format.keep_with_next = True
    lines_paragraph(document, ["", "", *request.signature], keep_with_next=True)
    labelled(document, "cc:", request.cc)
    neutral_properties(document, "Request for confidential treatment under Rule 83", request.day)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(request: FoiaRequest) -> bytes:
    markup = render_to_string("exports/foia.html", {"request": request})
    return weasy.pdf(markup)
