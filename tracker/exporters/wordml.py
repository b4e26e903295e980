"""Paragraphs of a Word body written as WordprocessingML text and added to the document at once.

python-docx builds each paragraph, run and property element by element, looking up where each
child belongs among its siblings: for the hundreds of paragraphs of a long letter that was most
of the export's time. The markup here is what python-docx writes for the same calls (a tab as
`<w:tab/>`, a line break as `<w:br/>`, `xml:space="preserve"` on text with outer spaces, the
run properties in the schema's order), so the file is the same.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# Run properties in the order the schema (CT_RPr) requires them.
_ORDER = ("b", "i", "sz", "highlight", "u")


@dataclass(frozen=True)
class RunLook:
    """A run's direct formatting: True/False set bold or italic on or off, None leaves it to
    the style; `size` in half-points; `highlight` a Word highlight name ("lightGray")."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool = False
    size: int | None = None
    highlight: str = ""

    def xml(self) -> str:
        values = {
            "b": _toggle("b", self.bold),
            "i": _toggle("i", self.italic),
            "sz": f'<w:sz w:val="{self.size}"/>' if self.size else "",
            "highlight": f'<w:highlight w:val="{self.highlight}"/>' if self.highlight else "",
            "u": '<w:u w:val="single"/>' if self.underline else "",
        }
        properties = "".join(values[name] for name in _ORDER)
        return f"<w:rPr>{properties}</w:rPr>" if properties else ""


PLAIN = RunLook()


def _toggle(name: str, value: bool | None) -> str:
    if value is None:
        return ""
    return f"<w:{name}/>" if value else f'<w:{name} w:val="0"/>'


def run(text: str, look: RunLook = PLAIN) -> str:
    """One `<w:r>`: its text in `<w:t>` pieces between tabs and line breaks."""
    content = []
    for line_number, line in enumerate(text.replace("\r", "\n").split("\n")):
        if line_number:
            content.append("<w:br/>")
        for tab_number, piece in enumerate(line.split("\t")):
            if tab_number:
                content.append("<w:tab/>")
            if piece:
                content.append(_text(piece))
    return f"<w:r>{look.xml()}{''.join(content)}</w:r>"


def _text(piece: str) -> str:
    preserve = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
    return f"<w:t{preserve}>{escape(piece)}</w:t>"


def paragraph(runs: list[str], style_id: str = "") -> str:
    """One `<w:p>` of the runs' markup, in the style of this id ("" for the default)."""
    properties = f'<w:pPr><w:pStyle w:val="{escape(style_id)}"/></w:pPr>' if style_id else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def append_to_body(document, paragraphs: list[str]) -> None:
    """Add the paragraphs' markup to the end of the document's body, before its section
    properties, as `document.add_paragraph` would."""
    if not paragraphs:
        return
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(paragraphs)}</w:body>")
    body = document.element.body
    end = body.find(qn("w:sectPr"))
    for element in list(fragment):
        if end is None:
            body.append(element)
        else:
            end.addprevious(element)
