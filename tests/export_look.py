"""What a reader sees of a Word or PDF export, as plain data, to pin that a faster export looks
the same as before.

`docx_look(data)`: the page setup, the headers and footers, and every paragraph of the body with
its effective formatting (direct formatting over the character style, over the paragraph
style and its bases, over the document defaults), runs of the same formatting joined, so that
the same look written with styles instead of direct formatting compares equal.

`pdf_look(data)`: each page's lines of text, where they start and end (in points, rounded), in which
font and size, and its rules and shaded boxes (underlines, the highlight of confidential text).
"""

import io
import re
import zipfile

import pdfplumber
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
# The paragraph and run properties a reader can see, by their element (attribute "val" unless
# said otherwise); absent means "not set here", so the level beneath decides.
PARAGRAPH_PROPERTIES = {
    "jc": ["val"],
    "ind": ["left", "start", "right", "end", "firstLine", "hanging"],
    "spacing": ["before", "after", "line", "lineRule"],
    "keepNext": ["val"],
    "keepLines": ["val"],
    "pageBreakBefore": ["val"],
}
RUN_PROPERTIES = {
    "b": ["val"],
    "i": ["val"],
    "u": ["val"],
    "caps": ["val"],
    "smallCaps": ["val"],
    "sz": ["val"],
    "rFonts": ["ascii", "hAnsi", "asciiTheme"],
    "color": ["val"],
    "highlight": ["val"],
    "vertAlign": ["val"],
}
_SUBSET_PREFIX_RE = re.compile(r"^[A-Z]{6}\+")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _properties(container, wanted: dict[str, list[str]]) -> dict[str, str]:
    """{"b.val": "1", "ind.left": "1440", ...} of one pPr or rPr (None gives {})."""
    found: dict[str, str] = {}
    if container is None:
        return found
    for name, attributes in wanted.items():
        element = container.find(_w(name))
        if element is None:
            continue
        for attribute in attributes:
            value = element.get(_w(attribute))
            if attribute == "val" and value is None and name in ("b", "i", "keepNext"):
                value = "1"  # a bare toggle is on
            if value is not None:
                found[f"{name}.{attribute}"] = {"true": "1", "on": "1", "false": "0"}.get(
                    value, value
                )
    if container.find(_w("tabs")) is not None:
        stops = container.findall(f"{_w('tabs')}/{_w('tab')}")
        found["tabs"] = ",".join(f"{t.get(_w('val'))}@{t.get(_w('pos'))}" for t in stops)
    return found


class Styles:
    """The styles part, for resolving a paragraph's or run's effective formatting."""

    def __init__(self, xml: bytes) -> None:
        root = etree.fromstring(xml)
        self.by_id = {s.get(_w("styleId")): s for s in root.findall("w:style", NS)}
        self.defaults = root.find("w:docDefaults", NS)
        self.default_paragraph = next(
            (
                s.get(_w("styleId"))
                for s in self.by_id.values()
                if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true")
            ),
            None,
        )

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id)
        return "" if style is None else style.find("w:name", NS).get(_w("val"))

    def chain(self, style_id: str | None) -> list:
        """The style and its bases, nearest first."""
        chain, seen = [], set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            based = style.find("w:basedOn", NS)
            style_id = None if based is None else based.get(_w("val"))
        return chain

    def resolved(self, style_ids: list[str | None], tag: str, wanted: dict) -> dict[str, str]:
        """The properties the styles give (in order, nearest first), over the defaults."""
        default = None if self.defaults is None else self.defaults.find(f".//w:{tag}", NS)
        found = _properties(default, wanted)
        for style in reversed([s for style_id in style_ids for s in self.chain(style_id)]):
            found |= _properties(style.find(f"w:{tag}", NS), wanted)
        return found


def _text_of(run) -> str:
    parts = []
    for child in run:
        if child.tag == _w("t"):
            parts.append(child.text or "")
        elif child.tag == _w("tab"):
            parts.append("\t")
        elif child.tag in (_w("br"), _w("cr")):
            parts.append("\n")
    return "".join(parts)


def _paragraph_look(paragraph, styles: Styles) -> dict:
    p_pr = paragraph.find("w:pPr", NS)
    style_node = None if p_pr is None else p_pr.find("w:pStyle", NS)
    style_id = styles.default_paragraph if style_node is None else style_node.get(_w("val"))
    look = styles.resolved([style_id], "pPr", PARAGRAPH_PROPERTIES)
    look |= _properties(p_pr, PARAGRAPH_PROPERTIES)
    base_run = styles.resolved([style_id], "rPr", RUN_PROPERTIES)
    segments: list[list] = []
    for run in paragraph.iter(_w("r")):
        r_pr = run.find("w:rPr", NS)
        char_style = None if r_pr is None else r_pr.find("w:rStyle", NS)
        run_look = dict(base_run)
        if char_style is not None:
            run_look |= styles.resolved([char_style.get(_w("val"))], "rPr", RUN_PROPERTIES)
        run_look |= _properties(r_pr, RUN_PROPERTIES)
        field = run.getparent()
        if field.tag == _w("fldSimple"):
            run_look["field"] = field.get(_w("instr"))
        text = _text_of(run)
        if segments and segments[-1][0] == run_look:
            segments[-1][1] += text
        elif text:
            segments.append([run_look, text])
    return {"style": styles.name(style_id), "format": look, "runs": segments}


def _part_look(xml: bytes, styles: Styles) -> list[dict]:
    root = etree.fromstring(xml)
    return [_paragraph_look(p, styles) for p in root.iter(_w("p"))]


def _section_look(section, parts: dict[str, bytes], relations: dict[str, str], styles) -> dict:
    look: dict = {"titlePg": section.find("w:titlePg", NS) is not None}
    for name in ("pgSz", "pgMar"):
        element = section.find(f"w:{name}", NS)
        look[name] = (
            {}
            if element is None
            else {etree.QName(k).localname: v for k, v in element.attrib.items()}
        )
    for reference in section.findall("w:headerReference", NS) + section.findall(
        "w:footerReference", NS
    ):
        kind = etree.QName(reference).localname.removesuffix("Reference")
        target = relations[reference.get(f"{{{_R}}}id")]
        look[f"{kind}.{reference.get(_w('type'))}"] = _part_look(parts[target], styles)
    return look


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_look(data: bytes) -> dict:
    """The body's paragraphs, the sections' page setup, headers and footers, and the document
    properties, each as its effective look (see the module's docstring)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = Styles(parts["word/styles.xml"])
    body = etree.fromstring(parts["word/document.xml"]).find("w:body", NS)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    relations = {r.get("Id"): "word/" + r.get("Target").removeprefix("/word/") for r in rels}
    core = etree.fromstring(parts["docProps/core.xml"])
    return {
        "body": [_paragraph_look(p, styles) for p in body.findall("w:p", NS)],
        "sections": [_section_look(s, parts, relations, styles) for s in body.iter(_w("sectPr"))],
        "properties": {etree.QName(e).localname: e.text for e in core},
    }


def _font(name: str) -> str:
    return _SUBSET_PREFIX_RE.sub("", name)


def _page_look(page) -> dict:
    lines = []
    for line in page.extract_text_lines(return_chars=True, strip=False):
        segments: list[list] = []
        for char in line["chars"]:
            key = f"{_font(char['fontname'])} {round(char['size'], 1)}"
            if segments and segments[-1][0] == key:
                segments[-1][1] += char["text"]
            else:
                segments.append([key, char["text"]])
        lines.append([round(line["x0"]), round(line["x1"]), round(line["top"]), segments])
    shapes = sorted(
        [
            round(shape["x0"]),
            round(shape["top"]),
            round(shape["x1"]),
            round(shape["bottom"]),
            str(shape.get("non_stroking_color")),
        ]
        for shape in page.rects + page.lines
    )
    return {"size": [round(page.width), round(page.height)], "lines": lines, "shapes": shapes}


def pdf_look(data: bytes) -> list[dict]:
    """Each page: its size, its lines of text ([x0, x1, top, [[font and size, text], ...]]) and its
    rules and boxes ([x0, top, x1, bottom, fill]), in points, rounded."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_page_look(page) for page in pdf.pages]
