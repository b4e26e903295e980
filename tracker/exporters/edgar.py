"""The letter as EDGAR-ready HTML, to file as CORRESP.

Only tags and attributes EDGAR accepts (EDGAR Filer Manual, Volume II, 5.2.2): no script or
style element, no forms, frames or objects, no external links or images, no event attributes.
Styles are inline. Every character outside ASCII is written as a numeric entity.

Paginated as the PDF is, by estimate (see `pagination`): each page after the first starts with
a page break (the `page-break-before` style EDGAR accepts) and the continuation head.
"""

from html import escape

from tracker.parsing.markup import Run

from . import html
from .base import Exporter, page_code, shown
from .context import ResponseLetterContext, Section
from .html import RunTags
from .pagination import Part, paginate, parts_of
from .style import Style

# What EDGAR accepts, for the tests and for anyone changing this module.
# fmt: off
EDGAR_TAGS = frozenset({
    "a", "address", "b", "big", "blockquote", "body", "br", "caption", "center", "cite", "code",
    "dd", "dfn", "dir", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "hr", "html", "i", "img", "kbd", "li", "menu", "meta", "ol", "p", "pre", "samp",
    "small", "strong", "sub", "sup", "table", "td", "th", "title", "tr", "tt", "u", "ul", "var",
})
EDGAR_ATTRIBUTES = frozenset({
    "align", "alt", "border", "cellpadding", "cellspacing", "colspan", "color", "face", "height",
    "href", "id", "name", "rowspan", "size", "src", "style", "type", "valign", "width",
})
# fmt: on
BODY_STYLE = "font-family:'Times New Roman',Times,serif;font-size:12pt"
PLAIN = "margin:0"
SPACED = "margin:12pt 0 0 0"
PAGE_BREAK = "page-break-before:always"


class EdgarHtmlExporter(Exporter):
    extension = "htm"
    content_type = "text/html; charset=us-ascii"

    def data(self, context: ResponseLetterContext) -> bytes:
        flow = parts_of(head(context)) + body(context) + tail(context)
        first, later = page_head(context, 1), page_head(context, 2)
        foot = page_foot(context, 1)
        parts = []
        for number, page in enumerate(paginate(flow, first + foot, later + foot), start=1):
            parts += page_head(context, number) + [part.html for part in page]
            parts += page_foot(context, number)
        title = escape(f"{context.company} - response to the SEC staff letter")
        page = (
            f"<html>\n<head>\n<title>{title}</title>\n</head>\n"
            f'<body style="{BODY_STYLE}">\n' + "\n".join(parts) + "\n</body>\n</html>\n"
        )
        return page.encode("ascii", "xmlcharrefreplace")


def p(content: str, style: str = SPACED, align: str = "") -> str:
    aligned = f' align="{align}"' if align else ""
    return f'<p style="{style}"{aligned}>{content}</p>'


def lines(items: list[str]) -> str:
    return "<br>".join(escape(item) for item in items)


def page_head(context: ResponseLetterContext, number: int) -> list[str]:
    """The top of a page: DRAFT; on the first page the public copy's omission legend, on the
    others a page break and the continuation head with "Page N", as the PDF has."""
    found = []
    if number > 1:
        continuation = [*context.continuation, context.dated_text, f"Page {number}"]
        found.append(p(lines(continuation), f"{PLAIN};{PAGE_BREAK}"))
    if context.draft:
        found.append(p("<b>DRAFT - NOT FOR FILING</b>", align="center"))
    if number == 1 and context.omission_legend:
        found.append(p(f"<b>{escape(context.omission_legend)}</b>"))
    return found


def page_foot(context: ResponseLetterContext, number: int) -> list[str]:
    """The foot of a page: the Rule 83 legend of the confidential version and the page code."""
    if not context.page_codes:
        return []
    legend = f"<b>{escape(context.legend)}</b><br>" if context.legend else ""
    return [p(f"{legend}<b>{page_code(context, number)}</b>", f"{SPACED};font-size:10pt", "right")]


def labelled(label: str, items: list[str], bold: bool = False) -> str:
    """A two-column row: "Attention:" or "Re:" beside its lines."""
    content = lines(items)
    if bold:
        content, label = f"<b>{content}</b>", f"<b>{label}</b>"
    return (
        '<table cellpadding="0" cellspacing="0" border="0" style="margin-top:12pt">'
        f'<tr><td valign="top" width="100">{label}</td><td valign="top">{content}</td></tr>'
        "</table>"
    )


def head(context: ResponseLetterContext) -> list[str]:
    parts = [p(lines(context.letterhead), PLAIN, "center")] if context.letterhead else []
    parts += [p(escape(context.dated_text)), p(f"<b>{escape(context.delivery_line.upper())}</b>")]
    parts.append(p(lines(context.addressee)))
    if context.attention:
        parts.append(labelled("Attention:", context.attention))
    parts.append(labelled("Re:", context.re_lines, bold=True))
    return parts + [p(escape(context.salutation)), p(escape(context.opening))]


def body(context: ResponseLetterContext) -> list[Part]:
    """The comments and responses; a heading and the staff's comment stay on the page that
    starts the response."""
    parts = []
    for section in context.sections:
        headings = [heading(level, text) for level, text in section.new_headings]
        parts += parts_of(headings + staff(section, context.style), keep_with_next=True)
        parts += parts_of(response(section, context))
    return parts


def heading(level: int, text: str) -> str:
    """The staff's heading, flush left and underlined (as no recited comment is): the first
    level bold, the second plain, deeper ones in italics (as docx.HEADINGS and letter.css)."""
    inner = f"<u>{escape(text)}</u>"
    inner = f"<b>{inner}</b>" if level == 0 else f"<i>{inner}</i>" if level > 1 else inner
    return p(inner)


def recital(text: str, style: Style) -> str:
    """The staff's words in the letter style's emphasis."""
    if style.italic:
        text = f"<i>{text}</i>"
    return f"<b>{text}</b>" if style.bold else text


def staff(section: Section, style: Style) -> list[str]:
    parts, number = [], f"{section.number}.&nbsp;&nbsp;"
    for block in section.staff:
        texts = [escape("".join(run.text for run in item)) for item in block.items]
        if block.kind == "ul":
            parts.append(ul([recital(text, style) for text in texts]))
        else:
            parts.append(p(recital(f"{number}{texts[0]}", style)))
        number = ""
    return parts


def response_label(style: Style) -> str:
    """ "<b><u>Response</u>:</b> " as the style words it; "" for none."""
    word = style.label.removesuffix(":")
    colon = ":" if style.label.endswith(":") else ""
    return f"<b><u>{escape(word)}</u>{colon}</b> " if word else ""


def response(section: Section, context: ResponseLetterContext) -> list[str]:
    label = response_label(context.style)
    alone = section.label_alone and (label or section.note)
    parts = [p(label + escape(section.note))] if alone else []
    for block in section.response:
        items = [runs_html(item, context) for item in block.items]
        if block.kind == "ul":
            parts.append(ul(items))
        else:
            parts.append(p(("" if parts else label) + items[0]))
    if section.redacted:
        parts.append(p(f"[***] {escape(context.footnote)}.", f"{SPACED};font-size:10pt"))
    return parts


def ul(items: list[str]) -> str:
    return f'<ul style="{SPACED}">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def runs_html(item: list[Run], context: ResponseLetterContext) -> str:
    return html.runs_html(shown(item, context), edgar_tags(context))


def edgar_tags(context: ResponseLetterContext) -> RunTags:
    """<b> and <i>; in the confidential version a grey background marks each passage."""

    def marked(inner: str) -> str:
        return f'<font style="background-color:#e0e0e0">{inner}</font>'

    return RunTags(bold="b", italic="i", confidential=marked if context.confidential else None)


def tail(context: ResponseLetterContext) -> list[Part]:
    """The closing, then the sign-off, signature and cc, which stay together on one page."""
    parts = parts_of([p(escape(paragraph)) for paragraph in context.closing])
    sign_off = context.style.sign_off_words
    signed = [p(escape(sign_off))] if sign_off else []
    signature = [f"/s/ {context.signer_name}", context.signer_name] if context.signer_name else []
    signature += [line for line in (context.signer_title, context.signer_firm) if line]
    if signature:
        signed.append(p(lines(signature)))
    if context.cc:
        signed.append(labelled("cc:", context.cc))
    return parts + parts_of(signed[:-1], keep_with_next=True) + parts_of(signed[-1:])
