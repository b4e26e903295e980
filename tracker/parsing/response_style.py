"""A response letter to the staff (a CORRESP in HTML) read for its structure and conventions.

Pure Python (lxml). Focused on how the letter is laid out, not on what it says: its elements in
order (letterhead, date, delivery line, addressee, Attention, Re:, salutation, opening, recited
comments with headings, response labels, responses, closing, sign-off, signature, cc) and its
conventions (salutation, the recited comments' emphasis, the response label, the sign-off).

The HTML is read as lines: a block element or a <br> ends one; each line knows how much of
its text is bold, italic or underlined, from tags (<b>, <strong>, <i>, <em>, <u>) and inline
styles (font-weight, font-style, text-decoration), as EDGAR filers write both.
"""

import re
from dataclasses import dataclass, field

from lxml import html

# What the letter style offers (models.LetterStyle): one home for the words, read by the
# exporters and by the corpus check. The response labels, by the style's value.
RESPONSE_LABELS = {
    "response": "Response:",
    "upper": "RESPONSE:",
    "company": "Company Response:",
    "bare": "Response",
    "upper_bare": "RESPONSE",
    "none": "",
}
# The sign-offs real response letters use, most common first.
SIGN_OFFS = [
    "Sincerely,",
    "Very truly yours,",
    "Respectfully submitted,",
    "Respectfully,",
    "Sincerely yours,",
    "Yours truly,",
    "Best regards,",
    "Kind regards,",
    "Regards,",
]
NO_SIGN_OFF = "none"  # the style's value for a signature with no complimentary close above it
RECITALS = ["bold_italic", "bold", "italic", "plain"]
SALUTATIONS = ["dear", "formal"]

BLOCKS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table"}
    | {"blockquote", "center", "ul", "ol", "dl", "dt", "dd", "pre"}
)
_SKIP = frozenset({"script", "style", "head", "title"})
# EDGAR's submission wrapper (<DOCUMENT><TYPE>CORRESP...<TEXT>) around the letter itself.
_WRAPPER_RE = re.compile(rb"^.*?<text>", re.I | re.S)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_RE = re.compile(rf"^(?:{_MONTHS})\s+\d{{1,2}},\s*\d{{4}}$")
DELIVERY_RE = re.compile(
    r"^(?:(?:submitted|filed|sent)\s+)?(?:via|by)\s+(?:edgar|e-?mail|courier|hand|overnight|"
    r"federal express|fedex|electronic|facsimile)",
    re.I,
)
ADDRESSEE_RE = re.compile(
    r"securities\s+and\s+exchange\s+commission|division\s+of\s+corporation\s+finance|"
    r"100\s+f\s+street",
    re.I,
)
ATTENTION_RE = re.compile(r"^(?:attention|attn)\s*[:.]?\s*", re.I)
RE_RE = re.compile(r"^re\s*[:.]\s*|^re\s+(?=[A-Z])", re.I)
SALUTATION_RE = re.compile(r"^(?:dear\s+.{2,120}|ladies\s+and\s+gentlemen)[:,]?$", re.I)
SIGN_OFF_RE = re.compile(
    r"^(?:sincerely(?: yours)?|very truly yours|yours (?:very )?truly|respectfully(?: submitted|"
    r" yours)?|(?:best|kind|warm) regards|regards|cordially|thank you)[,.]?(?=\s|$)",
    re.I,
)
CC_RE = re.compile(r"^(?:cc|copy to|copies to|c:)\s*[:.]?(?:\s|$)", re.I)
SIGNATURE_RE = re.compile(r"^/s/|^By:\s*/s/", re.I)
# A response label: "Response:", "RESPONSE", "Company Response:", "Response to Comment 3:".
LABEL_RE = re.compile(
    r"^(?P<label>(?:the\s+)?(?:company['’]?s?\s+|our\s+|registrant['’]?s?\s+)?responses?"
    r"(?:\s+to\s+(?:staff\s+)?comments?(?:\s+no\.?)?\s*\d+)?)\s*(?P<punct>[:.\-–—]?)",
    re.I,
)
# A recited comment: "1.", "1)", "Comment 1:", "Comment No. 1." at the start of a line.
COMMENT_RE = re.compile(r"^(?:comment\s+(?:no\.?\s*)?)?(?P<number>\d{1,3})\s*[.):]\s*(?=\S)", re.I)
NOT_KEYED_RE = re.compile(
    r"accelerat|declared?\s+effective|request(?:s)?\s+(?:that\s+)?the\s+effective|rule\s+461|"
    r"withdraw|rule\s+477",
    re.I,
)
RULE_83_RE = re.compile(r"rule\s+83|\[\*\*\*\]|confidential\s+treatment", re.I)


@dataclass
class Line:
    text: str
    bold: float = 0.0  # share of the line's letters in bold, 0..1
    italic: float = 0.0
    underline: float = 0.0

    @property
    def emphasis(self) -> str:
        """ "bold_italic", "bold", "italic", "underline" or "plain" (most of the line)."""
        bold, italic = self.bold >= 0.6, self.italic >= 0.6
        if bold and italic:
            return "bold_italic"
        if bold or italic:
            return "bold" if bold else "italic"
        return "underline" if self.underline >= 0.6 else "plain"


@dataclass
class Reading:
    """What the reader found: each element in order, and the conventions."""

    elements: list[str] = field(default_factory=list)
    salutation: str = ""  # "dear" (names), "formal" (Ladies and Gentlemen), "other" or ""
    salutation_text: str = ""
    recital: str = ""  # as Line.emphasis, over the recited comments
    label: str = ""  # the label as printed, "" for none
    sign_off: str = ""
    comments: int = 0
    keyed: bool = False  # recites the staff's comments and answers each
    rule_83: bool = False


def lines_of(markup: bytes) -> list[Line]:
    """The document's lines, top to bottom, blank ones dropped."""
    markup = _WRAPPER_RE.sub(b"", markup, count=1).strip() or b"<p></p>"
    root = html.fromstring(markup.decode("utf-8", "replace"))
    walker = _Walker()
    walker.walk(root, False, False, False)
    walker.end_line()
    return walker.lines


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[tuple[str, bool, bool, bool]] = []

    def end_line(self) -> None:
        text = " ".join("".join(part[0] for part in self.parts).split())
        if text:
            letters = [(len(re.sub(r"\W", "", p[0])), p[1:]) for p in self.parts]
            total = sum(n for n, _ in letters) or 1
            share = [sum(n for n, flags in letters if flags[i]) / total for i in range(3)]
            self.lines.append(Line(text, *share))
        self.parts = []

    def walk(self, element, bold: bool, italic: bool, underline: bool) -> None:
        """The element's text and its children's, each child's tail in this element's style."""
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        style = (element.get("style") or "").lower()
        bold, italic = _bold(tag, style, bold), _italic(tag, style, italic)
        underline = underline or tag == "u" or "underline" in style
        block = tag in BLOCKS
        if block or tag == "br":
            self.end_line()
        self.add(element.text, bold, italic, underline)
        for child in element:
            self.walk(child, bold, italic, underline)
            self.add(child.tail, bold, italic, underline)
        if block:
            self.end_line()

    def add(self, text: str | None, *flags: bool) -> None:
        if text:
            self.parts.append((text.replace("\xa0", " "), *flags))


_FONT_SHORTHAND_RE = re.compile(r"(?:^|;)\s*font\s*:([^;]*)")


def _italic(tag: str, style: str, inherited: bool) -> bool:
    shorthand = " ".join(_FONT_SHORTHAND_RE.findall(style))
    if tag in {"i", "em"} or re.search(r"font-style\s*:\s*(?:italic|oblique)", style):
        return True
    if "italic" in shorthand.split():
        return True
    if re.search(r"font-style\s*:\s*normal", style):
        return False
    return inherited


def _bold(tag: str, style: str, inherited: bool) -> bool:
    shorthand = " ".join(_FONT_SHORTHAND_RE.findall(style)).split()
    if tag in {"b", "strong"} or {"bold", "bolder", "700", "800", "900"} & set(shorthand):
        return True
    if re.search(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", style):
        return True
    if re.search(r"font-weight\s*:\s*(?:normal|lighter|[1-4]00)", style):
        return False
    return inherited


PAGE_NUMBER_RE = re.compile(r"^(?:-\s*)?(?:page\s+)?\d{1,3}(?:\s*-)?$|^[ivx]{1,4}$", re.I)
NUMBER_ONLY_RE = re.compile(r"^(?:comment\s+(?:no\.?\s*)?)?\d{1,3}\s*[.):]$", re.I)
CLOSING_RE = re.compile(
    r"questions|please\s+(?:contact|call|do\s+not|feel)|do\s+not\s+hesitate|thank\s+you|"
    r"comments\s+or\s+questions|at\s+your\s+(?:earliest\s+)?convenience",
    re.I,
)
OUR_ORDER = [
    "letterhead",
    "date",
    "delivery",
    "addressee",
    "attention",
    "re",
    "salutation",
    "opening",
    "comments",
    "closing",
    "sign_off",
    "signature",
    "cc",
]


def tidy(lines: list[Line]) -> list[Line]:
    """Page numbers dropped; a comment's number in a cell of its own joined to its text."""
    kept = [line for line in lines if not PAGE_NUMBER_RE.match(line.text)]
    joined: list[Line] = []
    for line in kept:
        if joined and NUMBER_ONLY_RE.match(joined[-1].text):
            number = joined.pop()
            line = Line(f"{number.text} {line.text}", line.bold, line.italic, line.underline)
        joined.append(line)
    return joined


def read_response_letter(markup: bytes) -> Reading:
    """The letter's elements in order and its conventions (see Reading)."""
    lines = tidy(lines_of(markup))
    reading = Reading(rule_83=any(RULE_83_RE.search(line.text) for line in lines[:40]))
    salutation = next((i for i, line in enumerate(lines) if SALUTATION_RE.match(line.text)), None)
    head_end = salutation if salutation is not None else _head_end(lines)
    reading.elements = head_elements(lines[:head_end])
    if salutation is not None:
        reading.elements.append("salutation")
        reading.salutation_text = lines[salutation].text
        reading.salutation = _salutation_kind(lines[salutation].text)
    body_start = head_end + (salutation is not None)
    sign_off = _sign_off(lines, body_start)
    body = lines[body_start:sign_off]
    reading.elements += body_elements(body, reading)
    if sign_off < len(lines):
        reading.sign_off = SIGN_OFF_RE.match(lines[sign_off].text).group(0).strip()
        reading.elements += tail_elements(lines[sign_off:])
    reading.keyed = reading.comments > 0
    if not reading.keyed:
        reading.recital, reading.label = "", ""
    return reading


def _head_end(lines: list[Line]) -> int:
    """Without a salutation, the head ends after the Re: block (or at the first long line)."""
    for i, line in enumerate(lines[:80]):
        if len(line.text) > 200:
            return i
    return 0


def _salutation_kind(text: str) -> str:
    if re.match(r"ladies\s+and\s+gentlemen", text, re.I):
        return "formal"
    if re.match(r"dear\s+(?:mr|ms|mrs|miss|dr|messrs|mses|mmes)\b", text, re.I):
        return "dear"
    return "other"


def head_elements(lines: list[Line]) -> list[str]:
    """Letterhead, date, delivery line, addressee, Attention and Re: in the order printed."""
    found: list[str] = []
    for line in lines:
        kind = _head_kind(line.text, found)
        if kind and (not found or found[-1] != kind) and kind not in found:
            found.append(kind)
    return found


def _head_kind(text: str, found: list[str]) -> str:
    if DATE_RE.match(text) or re.match(rf"^(?:{_MONTHS})\s+\d{{1,2}},\s*\d{{4}}\b", text):
        return "date"
    if DELIVERY_RE.match(text):
        return "delivery"
    if ATTENTION_RE.match(text) and len(text) < 250 and "addressee" in found:
        return "attention"
    if RE_RE.match(text):
        return "re"
    if ADDRESSEE_RE.search(text):
        return "addressee"
    if not found or found == ["letterhead"]:
        return "letterhead"
    return ""  # a line of the element above (an address, a filing in the Re: block)


def _sign_off(lines: list[Line], start: int) -> int:
    """The sign-off's line: the last short one after the body (the letter's end if none)."""
    candidates = [
        i
        for i, line in enumerate(lines)
        if i >= start and len(line.text) < 80 and SIGN_OFF_RE.match(line.text)
    ]
    return candidates[-1] if candidates else len(lines)


def body_elements(lines: list[Line], reading: Reading) -> list[str]:
    """Opening, then the recited comments (headings, labels, responses), then the closing."""
    comments, labels, headings = [], [], []
    expected = 1
    for i, line in enumerate(lines):
        match = COMMENT_RE.match(line.text)
        if match and int(match.group("number")) == expected:
            comments.append(i)
            expected += 1
        elif _label(line.text):
            labels.append(i)
        elif _heading(line):
            headings.append(i)
    reading.comments = len(comments)
    if not comments:
        return ["opening"] + (["closing"] if _closing(lines) else [])
    recitals = [lines[i].emphasis for i in comments]
    reading.recital = max(set(recitals), key=recitals.count)
    if labels:
        reading.label = _label(lines[labels[0]].text)
    first = min([comments[0], *[h for h in headings if h < comments[0]]])
    elements = ["opening"] if first > 0 else []
    elements.append("comments")
    return elements + (["closing"] if _closing(lines[comments[-1] + 1 :]) else [])


def _label(text: str) -> str:
    """The response label the line starts with ("Response:", "RESPONSE", ...) or ""."""
    match = LABEL_RE.match(text)
    if not match:
        return ""
    rest = text[match.end() :].strip()
    if not match.group("punct") and rest and len(text) > 40:
        return ""  # a sentence that starts with "Response", not a label
    return (match.group("label") + match.group("punct")).strip()


def _heading(line: Line) -> bool:
    return len(line.text) < 120 and not line.text.endswith((".", ":")) and line.emphasis != "plain"


def _closing(lines: list[Line]) -> bool:
    return any(CLOSING_RE.search(line.text) for line in lines[-4:])


def tail_elements(lines: list[Line]) -> list[str]:
    """Sign-off, signature and cc."""
    elements = ["sign_off"]
    rest = lines[1:]
    cc = next((i for i, line in enumerate(rest) if CC_RE.match(line.text)), None)
    if (cc if cc is not None else len(rest)) > 0:
        elements.append("signature")
    if cc is not None:
        elements.append("cc")
    return elements


def in_our_order(elements: list[str]) -> bool:
    """Whether the elements found come in the order the exported letter prints them."""
    positions = [OUR_ORDER.index(element) for element in elements if element in OUR_ORDER]
    return positions == sorted(positions)
