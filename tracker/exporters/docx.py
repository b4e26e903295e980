"""The letter in Word, to finish on letterhead: real styles, letter-size pages, page headers.

Styles: Normal, Heading 1-3 (the staff's headings), "Staff Comment" (bold italics) and
List Bullet. Continuation pages are headed with the addressee, the date and a PAGE field; the
confidential version prints the Rule 83 legend and a page code field on every page.
"""

import io
from datetime import date, datetime

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from tracker.parsing.markup import Run

from .base import Exporter, shown
from .context import ResponseLetterContext, Section

FONT = "Times New Roman"
HEADINGS = {0: ("Heading 1", True, False, True), 1: ("Heading 2", True, True, False)}
DEEPER = ("Heading 3", False, True, False)  # name, bold, italic, underline


class DocxExporter(Exporter):
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def data(self, context: ResponseLetterContext) -> bytes:
        document = docx.Document()
        set_up_styles(document)
        letter_size(document)
        set_up_headers(document, context)
        write_head(document, context)
        for section in context.sections:
            write_section(document, section, context)
        write_tail(document, context)
        set_properties(document, context)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def plain_font(font, size: int = 12) -> None:
    """Times New Roman in black, overriding the theme fonts of the default template."""
    font.name, font.size, font.color.rgb = FONT, Pt(size), RGBColor(0, 0, 0)
    fonts = font.element.rPr.rFonts
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def set_up_styles(document) -> None:
    normal = document.styles["Normal"]
    plain_font(normal.font)
    normal.paragraph_format.space_after = Pt(12)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, bold, italic, underline in [*HEADINGS.values(), DEEPER]:
        style = document.styles[name]
        plain_font(style.font)
        style.font.bold, style.font.italic, style.font.underline = bold, italic, underline
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(12)
    comment = document.styles.add_style("Staff Comment", WD_STYLE_TYPE.PARAGRAPH)
    comment.base_style = normal
    comment.font.bold = comment.font.italic = True
    comment.paragraph_format.tab_stops.add_tab_stop(Inches(0.5))
    plain_font(document.styles["List Bullet"].font)


def letter_size(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))


def set_up_headers(document, context: ResponseLetterContext) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    later = section.header.paragraphs[0]
    for paragraph in (first, later):
        header_marks(paragraph, context)
    later.add_run("\n".join([*context.continuation, context.dated_text, "Page "]))
    add_field(later, "PAGE", "2")


def header_marks(paragraph: Paragraph, context: ResponseLetterContext) -> None:
    """DRAFT, the Rule 83 legend and the page's code, on every page."""
    if context.draft:
        paragraph.add_run("DRAFT - NOT FOR FILING").bold = True
        paragraph.add_run().add_break()
    if context.legend:
        paragraph.add_run(context.legend).bold = True
        paragraph.add_run().add_break()
    if context.page_codes:
        paragraph.add_run(f"{context.page_code_prefix}-").bold = True
        add_field(paragraph, 'PAGE \\# "000"', "001")
        paragraph.add_run().add_break(WD_BREAK.LINE)


def add_field(paragraph: Paragraph, instruction: str, shown_text: str) -> None:
    """A simple Word field (PAGE), shown as `shown_text` until Word updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown_text
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def lines_paragraph(document, lines: list[str], **format_options) -> Paragraph:
    paragraph = document.add_paragraph("\n".join(lines))
    for name, value in format_options.items():
        setattr(paragraph.paragraph_format, name, value)
    return paragraph


def labelled(document, label: str, lines: list[str], bold: bool = False) -> None:
    """ "Attention:" or "Re:" with its lines beside it, one inch in."""
    paragraph = lines_paragraph(document, [], left_indent=Inches(1), first_line_indent=Inches(-1))
    paragraph.paragraph_format.tab_stops.add_tab_stop(Inches(1))
    paragraph.add_run(f"{label}\t" + "\n".join(lines)).bold = bold


def write_head(document, context: ResponseLetterContext) -> None:
    if context.omission_legend:
        document.add_paragraph().add_run(context.omission_legend).bold = True
    if context.letterhead:
        lines_paragraph(document, context.letterhead, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph(context.dated_text)
    document.add_paragraph().add_run(context.delivery_line.upper()).bold = True
    lines_paragraph(document, context.addressee)
    if context.attention:
        labelled(document, "Attention:", context.attention)
    labelled(document, "Re:", context.re_lines, bold=True)
    document.add_paragraph(context.salutation)
    document.add_paragraph(context.opening)


def styled(document, text: str, style: str) -> Paragraph:
    """A paragraph in a style, set by the style's id: python-docx looks a name up anew in every
    call, which made the paragraphs of a long letter slow."""
    paragraph = document.add_paragraph(text)
    if style:
        paragraph._p.get_or_add_pPr().style = style.replace(" ", "")
    return paragraph


def write_section(document, section: Section, context: ResponseLetterContext) -> None:
    for level, heading in section.new_headings:
        styled(document, heading, HEADINGS.get(level, DEEPER)[0])
    number = f"{section.number}.\t"
    for block in section.staff:
        for item in block.items:
            text = "".join(run.text for run in item)
            if block.kind == "ul":
                # recited like the comment's paragraphs (the Staff Comment style)
                font = styled(document, text, "List Bullet").runs[0].font
                font.bold = font.italic = True
            else:
                styled(document, number + text, "Staff Comment")
            number = ""
    write_response(document, section, context)


def write_response(document, section: Section, context: ResponseLetterContext) -> None:
    label = "Response:"
    if section.label_alone:
        response_label(document.add_paragraph(), label).add_run(f" {section.note}")
        label = ""
    for block in section.response:
        for item in block.items:
            paragraph = styled(document, "", "List Bullet" if block.kind == "ul" else "")
            if label and block.kind == "p":
                response_label(paragraph, label).add_run(" ")
                label = ""
            add_runs(paragraph, item, context)
    if section.redacted:
        note = document.add_paragraph(f"[***] {context.footnote}.")
        note.runs[0].font.size = Pt(10)


def response_label(paragraph: Paragraph, label: str) -> Paragraph:
    run = paragraph.add_run(label)
    run.bold = run.underline = True
    return paragraph


def add_runs(paragraph: Paragraph, item: list[Run], context: ResponseLetterContext) -> None:
    for run, text in shown(item, context):
        added = paragraph.add_run(text)
        added.bold, added.italic = run.bold or None, run.italic or None
        if run.confidential and context.confidential:
            added.font.highlight_color = WD_COLOR_INDEX.GRAY_25


def write_tail(document, context: ResponseLetterContext) -> None:
    for paragraph in context.closing:
        document.add_paragraph(paragraph)
    document.add_paragraph("Sincerely,")
    signature = [line for line in (context.signer_title, context.signer_firm) if line]
    lines_paragraph(document, ["", "", "_" * 30, context.signer_name or "", *signature])
    if context.cc:
        labelled(document, "cc:", context.cc)


def set_properties(document, context: ResponseLetterContext) -> None:
    title = f"{context.company} - response to the SEC staff letter"
    neutral_properties(document, title, context.dated)


def neutral_properties(document, title: str, day: date) -> None:
    """Document properties from the company and the date only, never from a response; the
    ones the default template carries are cleared."""
    properties = document.core_properties
    properties.title = title
    for name in ("subject", "keywords", "comments", "category", "content_status", "identifier"):
        setattr(properties, name, "")
    properties.author = properties.last_modified_by = "corresp"
    properties.revision = 1
    properties.created = properties.modified = datetime(day.year, day.month, day.day)
