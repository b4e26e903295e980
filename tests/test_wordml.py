"""The Word paragraphs written as markup are those python-docx writes for the same text."""

import docx
import pytest
from lxml import etree

from tracker.exporters import wordml

TEXTS = [
    "Plain words.",
    " Outer spaces kept ",
    "1.\tA tab after the number",
    "Line one\nline two\r\nline three",
    'Ampersands & <angle brackets> and "quotes"',
    "\t\tTabs only\n",
    "",
]


def python_docx_paragraph(text: str, bold, italic, style: str) -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph(style=style or None)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    return etree.tostring(paragraph._p)


def markup_paragraph(text: str, bold, italic, style: str) -> bytes:
    document = docx.Document()
    style_id = document.styles[style].style_id if style else ""
    look = wordml.RunLook(bold=bold, italic=italic)
    wordml.append_to_body(document, [wordml.paragraph([wordml.run(text, look)], style_id)])
    return etree.tostring(document.element.body.findall(docx.oxml.ns.qn("w:p"))[-1])


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    ("bold", "italic", "style"),
    [(True, True, "List Bullet"), (False, False, ""), (True, False, "Heading 1")],
)
def test_paragraph_markup_is_what_python_docx_writes(text, bold, italic, style):
    assert markup_paragraph(text, bold, italic, style) == python_docx_paragraph(
        text, bold, italic, style
    )


def test_paragraphs_go_before_the_section_properties():
    document = docx.Document()
    document.add_paragraph("Before")
    wordml.append_to_body(document, [wordml.paragraph([wordml.run("Added")])])
    document.add_paragraph("After")
    assert [p.text for p in document.paragraphs] == ["Before", "Added", "After"]
    assert document.element.body[-1].tag == docx.oxml.ns.qn("w:sectPr")
