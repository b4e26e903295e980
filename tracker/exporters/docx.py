"""The letter in Word, to finish on letterhead: real styles, letter-size pages, page headers.

Styles: Normal, Heading 1-3 (the staff's headings, each level its own look, none like a
recited comment), "Staff Comment" (the recital, in the emphasis the letter style gives) and
List Bullet. Continuation pages are headed with the addressee, the date and a PAGE field; the
confidential version prints the Rule 83 legend and a page code field on every page.

With a Word letterhead in the letter style, the letter is built on that document with
python-docx (it opens any .docx as the base of a new one, so nothing else is needed): its
body is emptied, its first-page header and footer, page setup, fonts and styles are kept, and
our styles are added only where it has none of that name.
"""

import io
from datetime import date, datetime

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from tracker.parsing.errors import ParseError
from tracker.parsing.letterhead import check_letterhead
from tracker.parsing.markup import Run

from . import wordml
from .base import Exporter, shown
from .context import ResponseLetterContext, Section

FONT = "Times New Roman"
# The staff's headings, flush left; underlined, as no recited comment is (name, bold, italic,
# underline). The same looks are in edgar.py and letter.css.
HEADINGS = {0: ("Heading 1", True, False, True), 1: ("Heading 2", False, False, True)}
DEEPER = ("Heading 3", False, True, True)
# The response label's run: bold and underlined.
LABEL = wordml.RunLook(bold=True, underline=True)


class DocxExporter(Exporter):
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def data(self, context: ResponseLetterContext) -> bytes:
        letterhead = context.style.letterhead_docx
        document = on_letterhead(letterhead) if letterhead else docx.Document()
        if letterhead:
            add_missing_styles(document)
            letterhead_headers(document, context)
        else:
            set_up_styles(document)
            letter_size(document)
            set_up_headers(document, context)
        write_head(document, context, printed_letterhead=not letterhead)
        wordml.append_to_body(document, sections_xml(context, StyleIds(document)))
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
    for look in [*HEADINGS.values(), DEEPER]:
        heading_style(document.styles[look[0]], look)
        plain_font(document.styles[look[0]].font)
    comment_style(document)
    plain_font(document.styles["List Bullet"].font)


def heading_style(style, look: tuple[str, bool, bool, bool]) -> None:
    _, bold, italic, underline = look
    style.font.bold, style.font.italic, style.font.underline = bold, italic, underline
    style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(12)
    style.paragraph_format.left_indent = style.paragraph_format.first_line_indent = Inches(0)
    style.paragraph_format.keep_with_next = True


def comment_style(document) -> None:
    """The recital's paragraph style: its tab after the number; the emphasis is the letter
    style's, set on the runs so that it holds on any letterhead."""
    comment = document.styles.add_style("Staff Comment", WD_STYLE_TYPE.PARAGRAPH)
    comment.base_style = document.styles["Normal"]
    comment.paragraph_format.tab_stops.add_tab_stop(Inches(0.5))
    comment.paragraph_format.keep_with_next = True


def on_letterhead(template: bytes):
    """A new document on the firm's letterhead: its body emptied, all else kept (the section
    properties at the body's end hold its headers, footers and page setup)."""
    document = docx.Document(io.BytesIO(template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def add_missing_styles(document) -> None:
    """Our styles, only where the letterhead has none of the name (its own are kept)."""
    styles = document.styles
    for look in [*HEADINGS.values(), DEEPER]:
        if look[0] not in styles:
            style = styles.add_style(look[0], WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            heading_style(style, look)
    if "Staff Comment" not in styles:
        comment_style(document)
    if "List Bullet" not in styles:
        bullet = styles.add_style("List Bullet", WD_STYLE_TYPE.PARAGRAPH)
        bullet.base_style = styles["Normal"]
        bullet.paragraph_format.left_indent = Inches(0.5)


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


def letterhead_headers(document, context: ResponseLetterContext) -> None:
    """The letterhead's header and footer on the first page; ours on the pages after. A
    letterhead with one header for every page has it moved to the first page only."""
    section = document.sections[0]
    if not section.different_first_page_header_footer:
        for reference in section._sectPr.xpath("w:headerReference|w:footerReference"):
            if reference.get(qn("w:type")) == "default":
                reference.set(qn("w:type"), "first")
        section.different_first_page_header_footer = True
    if context.draft or context.legend:
        header_marks(section.first_page_header.add_paragraph(), context)
    later = section.header
    if later.is_linked_to_previous or not any(p.text.strip() for p in later.paragraphs):
        paragraph = later.paragraphs[0]
        header_marks(paragraph, context)
        paragraph.add_run("\n".join([*context.continuation, context.dated_text, "Page "]))
        add_field(paragraph, "PAGE", "2")
    elif context.draft or context.legend:
        header_marks(later.add_paragraph(), context)


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


def write_head(
    document, context: ResponseLetterContext, *, printed_letterhead: bool = True
) -> None:
    """The omission legend of the public Rule 83 copy, then date to opening; the letterhead's
    lines only where no Word letterhead carries them."""
    if context.omission_legend:
        document.add_paragraph().add_run(context.omission_legend).bold = True
    if context.letterhead and printed_letterhead:
        lines_paragraph(document, context.letterhead, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph(context.dated_text)
    document.add_paragraph().add_run(context.delivery_line.upper()).bold = True
    lines_paragraph(document, context.addressee)
    if context.attention:
        labelled(document, "Attention:", context.attention)
    labelled(document, "Re:", context.re_lines, bold=True)
    document.add_paragraph(context.salutation)
    document.add_paragraph(context.opening)


class StyleIds:
    """The id of each paragraph style by name, looked up once per document: a letterhead's
    may differ from Word's English ones, and python-docx searches the styles anew per call."""

    def __init__(self, document) -> None:
        self._styles, self._ids = document.styles, {"": ""}

    def __getitem__(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self._styles[name].style_id
        return self._ids[name]


def sections_xml(context: ResponseLetterContext, ids: StyleIds) -> list[str]:
    """The paragraphs of every comment and its response (see wordml)."""
    return [p for section in context.sections for p in section_xml(section, context, ids)]


def section_xml(section: Section, context: ResponseLetterContext, ids: StyleIds) -> list[str]:
    paragraphs = [
        wordml.paragraph([wordml.run(heading)], ids[HEADINGS.get(level, DEEPER)[0]])
        for level, heading in section.new_headings
    ]
    number = f"{section.number}.\t"
    recital = wordml.RunLook(bold=context.style.bold, italic=context.style.italic)
    for block in section.staff:
        for item in block.items:
            text = "".join(run.text for run in item)
            if block.kind == "ul":
                style = ids["List Bullet"]
            else:
                style, text = ids["Staff Comment"], number + text
            paragraphs.append(wordml.paragraph([wordml.run(text, recital)], style))
            number = ""
    return paragraphs + response_xml(section, context, ids)


def response_xml(section: Section, context: ResponseLetterContext, ids: StyleIds) -> list[str]:
    label, paragraphs = context.style.label, []
    if section.label_alone and (label or section.note):
        runs = [wordml.run(label, LABEL)] if label else []
        runs.append(wordml.run(f" {section.note}" if label else section.note))
        paragraphs.append(wordml.paragraph(runs))
        label = ""
    for block in section.response:
        for item in block.items:
            runs = []
            if label and block.kind == "p":
                runs, label = [wordml.run(label, LABEL), wordml.run(" ")], ""
            runs += response_runs(item, context)
            paragraphs.append(
                wordml.paragraph(runs, ids["List Bullet" if block.kind == "ul" else ""])
            )
    if section.redacted:
        note = wordml.run(f"[***] {context.footnote}.", wordml.RunLook(size=20))
        paragraphs.append(wordml.paragraph([note]))
    return paragraphs


def response_runs(item: list[Run], context: ResponseLetterContext) -> list[str]:
    return [
        wordml.run(
            text,
            wordml.RunLook(
                bold=run.bold or None,
                italic=run.italic or None,
                highlight="lightGray" if run.confidential and context.confidential else "",
            ),
        )
        for run, text in shown(item, context)
    ]


def write_tail(document, context: ResponseLetterContext) -> None:
    for paragraph in context.closing:
        document.add_paragraph(paragraph)
    if context.style.sign_off_words:
        document.add_paragraph(context.style.sign_off_words)
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


def letterhead_refusal(data: bytes) -> str:
    """Why this upload cannot be the Word letterhead, or "" if the letter can be built on it.
    Sizes and parts are checked before python-docx opens it (parsing.letterhead)."""
    try:
        check_letterhead(data)
        on_letterhead(data)
    except ParseError as error:
        return error.message
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on a damaged part
        return "Word could not open this letterhead: the file is damaged. Save it again in Word."
    return ""
