"""What a keyed response letter says, as plain data: one context, read by every exporter.

`queries.response_letter_context()` fetches the rows; the functions here turn them into the
context. For the public version (Rule 83) the confidential passages are replaced by "[***]"
here, before any exporter sees the text, so no output can carry them.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.enums import ExportVersion
from tracker.exporters.filed import (
    amendment_for,
    files_amendment,
    kind_of_review,
    reference_document,
)
from tracker.parsing import staff
from tracker.parsing.characters import printable
from tracker.parsing.forms import DRAFT_REGISTRATION, OTHER, PERIODIC, PROXY, REGISTRATION
from tracker.parsing.markup import Block, Run, blocks, has_confidential, redacted

from . import style as styling
from .style import Style

RULE_83_FOOTNOTE = (
    "Information omitted and provided under separate cover to the Staff pursuant to Rule 83"
)
# At the top of the public (EDGAR) copy of a letter with Rule 83 omissions, as such copies carry.
OMISSION_LEGEND = (
    "Certain information in this letter has been omitted from the copy filed on EDGAR and has "
    "been provided separately to the Securities and Exchange Commission under Rule 83. Each "
    "omission is marked in this copy with \u201c[***]\u201d."
)
NOT_DRAFTED = "[Response not yet drafted]"
NOT_APPROVED = "[Draft response - not yet approved]"
SEC_ADDRESS = [
    "U.S. Securities and Exchange Commission",
    "Division of Corporation Finance",
    "100 F Street, N.E.",
    "Washington, D.C. 20549",
]
FOIA_ADDRESS = [
    "U.S. Securities and Exchange Commission",
    "Office of FOIA Services",
    "100 F Street, N.E.",
    "Washington, D.C. 20549-2465",
]
# The opening, in pieces: which of them it holds follows the kind of review (`opening_template`).
OPENING_RESPONDS = (
    "On behalf of {company} (the \u201cCompany\u201d), we submit this letter in response to the "
    "comments of the staff (the \u201cStaff\u201d) of the Division of Corporation Finance of the "
    "Securities and Exchange Commission (the \u201cCommission\u201d) contained in its letter "
    "dated {letter_date} (the \u201cComment Letter\u201d) regarding the Company\u2019s {filing}."
)
# What is filed with the letter, by kind of review; any other kind files as a registration does.
OPENING_FILES = {
    REGISTRATION: "Concurrently with this letter, the Company is filing {amendment} "
    "(the \u201cAmendment\u201d).",
    DRAFT_REGISTRATION: "Concurrently with this letter, the Company is confidentially submitting "
    "{amendment} to the Draft Registration Statement (the \u201cAmendment\u201d).",
    PROXY: "Concurrently with this letter, the Company is filing {amendment} "
    "(the \u201cRevised Proxy Statement\u201d).",
}
# {recital} says how the letter style sets the recited comments (" in bold italics"; nothing
# for plain type), so the opening never contradicts the letter.
OPENING_RECITAL = (
    "For the Staff\u2019s convenience, the Staff\u2019s comments are reproduced below{recital}, "
    "each followed by the Company\u2019s response."
)
# A periodic report is not amended for most comments: the company answers with what it will
# disclose in its next reports.
OPENING_FUTURE_FILINGS = (
    "Where the Staff asked for revised disclosure, the Company will include it in its future "
    "filings, as indicated in the responses below."
)
OPENING_PAGES = "Unless otherwise indicated, page references in the responses are to {document}."
DEFAULT_CLOSING = (
    "Please direct any questions or comments regarding this letter to the undersigned. "
    "Thank you for your assistance."
)
# The acknowledgment the staff asked for in their letters up to 2016 (the three points of the
# staff's own request), given by the company in its response.
DEFAULT_ACKNOWLEDGMENT = (
    "In connection with responding to the Staff\u2019s comments, the Company acknowledges that "
    "(i) the Company is responsible for the adequacy and accuracy of the disclosure in the "
    "filing; (ii) Staff comments or changes to disclosure in response to Staff comments do not "
    "foreclose the Commission from taking any action with respect to the filing; and (iii) the "
    "Company may not assert Staff comments as a defense in any proceeding initiated by the "
    "Commission or any person under the federal securities laws of the United States."
)
# Settings whose default follows the review (its kind, whether an amendment is filed): saved
# blank when they equal a default, so they keep following it (`follows_the_review`).
FOLLOWS_THE_REVIEW = (
    "amendment_name",
    "page_reference_document",
    "opening",
    "acknowledgment",
    "closing",
)
_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
_OFFICE_RE = re.compile(r"\bOffice of [A-Z][A-Za-z&,.' ]+")
_HONORIFIC_RE = re.compile(r"^(Mr|Ms|Mrs|Dr)\.\s+")
_CODE_PREFIX_RE = re.compile(r"[A-Z0-9]{1,12}")


@dataclass(frozen=True)
class Section:
    """One staff comment and our response, with the headings that start above it."""

    number: int
    new_headings: list[tuple[int, str]]
    staff: list[Block]
    response: list[Block]
    state: str  # "approved", "draft" or "missing"
    redacted: bool = False

    @property
    def label_alone(self) -> bool:
        """Whether "Response:" stands on its own line (a note, nothing written, or a list)."""
        return bool(self.note) or not self.response or self.response[0].kind == "ul"

    @property
    def note(self) -> str:
        return {"draft": NOT_APPROVED, "missing": NOT_DRAFTED}.get(self.state, "")


@dataclass(frozen=True)
class ResponseLetterContext:
    version: str
    draft: bool
    company: str
    letter_date: date
    dated: date
    letterhead: list[str]
    delivery_line: str
    addressee: list[str]
    attention: list[str]
    re_lines: list[str]
    salutation: str
    opening: str
    sections: list[Section]
    closing: list[str]
    signer_name: str
    signer_title: str
    signer_firm: str
    cc: list[str]
    page_code_prefix: str
    file_stem: str  # the company's part of the file names (its page-code prefix)
    style: Style = field(default_factory=Style)
    asks: list[str] = field(default_factory=list)  # what the user should settle before sending
    footnote: str = RULE_83_FOOTNOTE
    foia_address: list[str] = field(default_factory=lambda: list(FOIA_ADDRESS))

    @property
    def confidential(self) -> bool:
        return self.version == ExportVersion.CONFIDENTIAL

    @property
    def legend(self) -> str:
        """The Rule 83 legend of the confidential version (empty for the others)."""
        if not self.confidential:
            return ""
        return f"FOIA Confidential Treatment Requested by {self.company} pursuant to Rule 83"

    @property
    def omission_legend(self) -> str:
        """The public version's legend saying what was omitted and how it is marked."""
        return OMISSION_LEGEND if self.version == ExportVersion.PUBLIC else ""

    @property
    def page_codes(self) -> bool:
        """Whether each page carries its code ("CALX-001"): the confidential copy and the
        public one, whose pages the Rule 83 request and the staff refer to alike."""
        return self.version in (ExportVersion.CONFIDENTIAL, ExportVersion.PUBLIC)

    @property
    def dated_text(self) -> str:
        return long_date(self.dated)

    @property
    def continuation(self) -> list[str]:
        """The head of every page after the first (Word and PDF add "Page N")."""
        return ["Securities and Exchange Commission", "Division of Corporation Finance"]

    @property
    def unapproved(self) -> list[int]:
        return [section.number for section in self.sections if section.state != "approved"]

    @property
    def marked_sections(self) -> list[int]:
        """Comments whose responses have confidential passages (already redacted or not)."""
        return [
            section.number
            for section in self.sections
            if section.redacted or has_confidential(section.response)
        ]


def printable_value(value):
    """`printable` over a setting: a string, a list of strings, or anything else as it is."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [printable_value(item) for item in value]
    return value


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def fill(template: str, values: dict[str, str]) -> str:
    """The template with its known {placeholders} filled; anything else is left as typed."""
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def staff_blocks(text: str) -> list[Block]:
    """The staff's comment as paragraphs and bullets, taken literally (no emphasis marks)."""
    result: list[Block] = []
    for line in (line.strip() for line in text.replace("\r\n", "\n").split("\n")):
        if not line:
            continue
        if line[:2] in {"- ", "\u2022 ", "* "}:
            if not result or result[-1].kind != "ul":
                result.append(Block("ul"))
            result[-1].items.append([Run(line[2:].strip())])
        else:
            result.append(Block("p", [[Run(line)]]))
    return result


def response_blocks(text: str) -> list[Block]:
    """A response's text as the letter prints it: paragraphs and bullets of runs."""
    return blocks(printable(text))


def section_for(
    number: int,
    new_headings: list[tuple[int, str]],
    staff_text: str,
    response: tuple[str, str | None],
    version: str,
) -> Section:
    """One comment's section; `response` is (state, latest text or None)."""
    state, text = response
    body = response_blocks(text) if text else []
    headings = [(level, printable(heading)) for level, heading in new_headings]
    staff = staff_blocks(printable(staff_text))
    if version == ExportVersion.PUBLIC and has_confidential(body):
        return Section(number, headings, staff, redacted(body), state, True)
    return Section(number, headings, staff, body, state)


def re_lines(re_block: str) -> list[str]:
    """The Re: block as the staff printed it, line by line, without the "Re:" itself."""
    lines = [line.strip() for line in re_block.splitlines() if line.strip()]
    if lines and lines[0].lower().startswith("re:"):
        lines[0] = lines[0][3:].strip()
    return [line for line in lines if line]


def office_from(*texts: str) -> str:
    """The staff's office (e.g. "Office of Technology") where their letter names it."""
    for text in texts:
        match = _OFFICE_RE.search(text or "")
        if match:
            return match.group(0).strip(" ,.")
    return ""


def staff_names(letter) -> list[str]:
    """Everyone the staff letter names, each once with the title, most senior first:
    "Larry Spirgel, Assistant Director" (see parsing.staff)."""
    people = staff.attention(
        letter.staff_contacts, letter.staff_signatory, letter.staff_signatory_title
    )
    return [member.line for member in people]


def code_prefix(company: str) -> str:
    """A default page-code prefix from the company's name: "Calix Networks, Inc." -> "CALI"."""
    word = re.sub(r"[^A-Za-z0-9]", "", (company.split() or ["DOC"])[0])
    return (word[:4] or "DOC").upper()


def checked_code_prefix(prefix: str, company: str) -> str:
    """The saved prefix if it is 1 to 12 letters and digits (the settings form allows no
    other), else the default one: the prefix is printed through the PDF's CSS."""
    prefix = prefix.upper()
    return prefix if _CODE_PREFIX_RE.fullmatch(prefix) else code_prefix(company)


def opening_template(kind: str, amendment_filed: bool) -> str:
    """The default opening for a kind of review (`parsing.forms`), with its {placeholders}.

    It says what is filed with the letter when something is (the amendment; for a draft
    registration statement the amendment submitted confidentially; for a proxy statement the
    revised preliminary proxy), and for a periodic report, or a proxy statement, with nothing
    filed, that revised disclosure will come in future filings."""
    pieces = [OPENING_RESPONDS]
    if amendment_filed:
        pieces.append(OPENING_FILES.get(kind, OPENING_FILES[REGISTRATION]))
    pieces.append(OPENING_RECITAL)
    if kind in (PERIODIC, PROXY) and not amendment_filed:
        pieces.append(OPENING_FUTURE_FILINGS)
    pieces.append(OPENING_PAGES)
    return " ".join(pieces)


DEFAULT_OPENING = opening_template(REGISTRATION, True)
DEFAULT_OPENINGS = frozenset(
    opening_template(kind, filed)
    for kind in (REGISTRATION, DRAFT_REGISTRATION, PERIODIC, PROXY, OTHER)
    for filed in (True, False)
)


def default_settings(
    letter,
    filings: list,
    today: date,
    amendment_filed: bool | None = None,
    style: Style | None = None,
) -> dict:
    """What the response letter says where nobody has set otherwise (nothing is saved).

    `amendment_filed` is the letter's choice (None: as the review's kind suggests); the
    opening, the amendment and the document page references point to follow it. The
    acknowledgment statement is included when the staff's letter asks for it; the firm's
    style (`style.resolve`) adds its cc lines."""
    company = letter.review.company
    kind = kind_of_review(filings)
    filed = files_amendment(kind) if amendment_filed is None else amendment_filed
    amendment = amendment_for(kind, filings)
    return {
        "amendment_filed": filed,
        "include_acknowledgment": letter.asks_acknowledgment,
        "letterhead": company.letterhead,
        "dated": today,
        "delivery_line": "Via EDGAR",
        "office": office_from(letter.staff_signatory_title, letter.extracted_text[:3000]),
        "attention": staff_names(letter),
        "on_behalf_of": company.name,
        "amendment_name": amendment,
        "page_reference_document": reference_document(kind, filed, amendment, filings),
        "opening": opening_template(kind, filed),
        "acknowledgment": DEFAULT_ACKNOWLEDGMENT,
        "closing": DEFAULT_CLOSING,
        "signer_name": "",
        "signer_title": "",
        "signer_firm": company.letterhead.strip().split("\n")[0].strip(),
        "cc": "\n".join(default_cc(letter, style)),
        "page_code_prefix": code_prefix(company.name),
    }


def follows_the_review(letter, filings: list, today: date) -> dict[str, set[str]]:
    """For each setting of FOLLOWS_THE_REVIEW, every default it may take on this letter (with
    an amendment filed or not); a saved value among them is saved blank."""
    choices = [default_settings(letter, filings, today, filed) for filed in (True, False)]
    found = {name: {defaults[name] for defaults in choices} for name in FOLLOWS_THE_REVIEW}
    found["opening"] |= DEFAULT_OPENINGS
    return found


def filing_names(filings: list) -> str:
    """ "Registration Statement on Form S-1 (File No. 333-163252) filed November 20, 2009"; a
    draft registration statement is "submitted"."""
    names = []
    for filing in filings:
        name = filing.description or f"Form {filing.form_type}"
        if filing.file_number:
            name += f" (File No. {filing.file_number})"
        if filing.filed_on:
            name += f" {filing.filed_word} {long_date(filing.filed_on)}"
        names.append(name)
    return " and ".join(names) or "filing"


def default_cc(letter, style: Style | None = None) -> list[str]:
    """The officer the staff wrote to, those the staff copied (their lines rejoined), then
    those the firm's style copies on every letter."""
    lines = [line.strip() for line in letter.addressee.splitlines() if line.strip()]
    company = letter.review.company.name
    cc = [f"{_HONORIFIC_RE.sub('', lines[0])}, {company}"] if lines else []
    for entry in letter.cc:
        if cc and entry.startswith("(") and len(cc) > (1 if lines else 0):
            cc[-1] = f"{cc[-1]} {entry}"
        else:
            cc.append(entry)
    cc += _lines(style.cc) if style else []
    return list(dict.fromkeys(cc))


def build_context(
    letter,
    settings,
    filings: list,
    sections: list[Section],
    *,
    version: str,
    draft: bool,
    today: date,
    style: Style | None = None,
) -> ResponseLetterContext:
    """The context from the letter, its saved settings (blank ones take the defaults), the
    resolved letter style (`style.resolve`) and the sections already built for this version."""
    style = style or Style()
    defaults = default_settings(letter, filings, today, settings.amendment_filed, style)
    value = {
        name: printable_value(chosen(getattr(settings, name, None), default))
        for name, default in defaults.items()
    }
    fields = {
        "company": value["on_behalf_of"],
        "letter_date": long_date(letter.letter_date),
        "amendment": value["amendment_name"],
        "document": value["page_reference_document"],
        "filing": filing_names(filings),
        "recital": f" in {style.recital_words}" if style.recital_words else "",
    }
    addressee = SEC_ADDRESS[:2] + [value["office"]] + SEC_ADDRESS[2:]
    people = [staff.from_line(line) for line in value["attention"]]
    salutation, ask = letter_salutation(letter, settings, style, people)
    code = checked_code_prefix(value["page_code_prefix"], value["on_behalf_of"])
    return ResponseLetterContext(
        version=version,
        draft=draft,
        company=value["on_behalf_of"],
        letter_date=letter.letter_date,
        dated=value["dated"],
        letterhead=_lines(value["letterhead"]),
        delivery_line=value["delivery_line"],
        addressee=[line for line in addressee if line],
        attention=styling.attention_lines(style, people),
        re_lines=re_lines(printable(letter.re_block)),
        salutation=salutation,
        opening=fill(value["opening"], fields),
        sections=sections,
        closing=styling.with_contact(closing_paragraphs(value, fields), style),
        signer_name=value["signer_name"],
        signer_title=value["signer_title"],
        signer_firm=value["signer_firm"],
        cc=_lines(value["cc"]),
        page_code_prefix=code,
        file_stem=code.lower(),
        style=style,
        asks=[ask] if ask else [],
    )


def letter_salutation(letter, settings, style: Style, people: list) -> tuple[str, str]:
    """The salutation typed for this letter, or the one the style gives (with what to ask)."""
    typed = printable((getattr(settings, "salutation", "") or "").strip())
    if typed:
        return typed, ""
    signatory = staff.person(letter.staff_signatory, letter.staff_signatory_title)
    return styling.salutation(style, signatory, people)


def chosen(saved, default):
    """A saved setting, or its default when left blank (None, "" or []; False is a choice)."""
    return default if saved is None or saved in ("", []) else saved


def closing_paragraphs(value: dict, fields: dict[str, str]) -> list[str]:
    """The acknowledgment's paragraphs when included (placeholders filled), then the closing's."""
    text = value["closing"]
    if value["include_acknowledgment"]:
        text = fill(value["acknowledgment"], fields) + "\n\n" + text
    return _paragraphs(text)


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
