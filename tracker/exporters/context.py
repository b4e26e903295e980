"""What a keyed response letter says, as plain data: one context, read by every exporter.

`queries.response_letter_context()` fetches the rows; the functions here turn them into the
context. For the public version (Rule 83) the confidential passages are replaced by "[***]"
here, before any exporter sees the text, so no output can carry them.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.enums import ExportVersion
from tracker.parsing.characters import printable
from tracker.parsing.markup import Block, Run, blocks, has_confidential, redacted

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
DEFAULT_OPENING = (
    "On behalf of {company} (the \u201cCompany\u201d), we submit this letter in response to the "
    "comments of the staff (the \u201cStaff\u201d) of the Division of Corporation Finance of the "
    "Securities and Exchange Commission (the \u201cCommission\u201d) contained in its letter "
    "dated {letter_date} (the \u201cComment Letter\u201d) regarding the Company\u2019s {filing}. "
    "Concurrently with this letter, the Company is filing {amendment} (the \u201cAmendment\u201d). "
    "For the Staff\u2019s convenience, the Staff\u2019s comments are reproduced below in bold "
    "italics, each followed by the Company\u2019s response. Unless otherwise indicated, page "
    "references in the responses are to {document}."
)
DEFAULT_CLOSING = (
    "Please direct any questions or comments regarding this letter to the undersigned. "
    "Thank you for your assistance."
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


def staff_names(contacts: list[dict], signatory: str) -> list[str]:
    """Everyone the staff letter names, contacts first, each once."""
    names = [contact.get("name", "") for contact in contacts] + [signatory]
    return list(dict.fromkeys(name.strip() for name in names if name and name.strip()))


def code_prefix(company: str) -> str:
    """A default page-code prefix from the company's name: "Calix Networks, Inc." -> "CALI"."""
    word = re.sub(r"[^A-Za-z0-9]", "", (company.split() or ["DOC"])[0])
    return (word[:4] or "DOC").upper()


def checked_code_prefix(prefix: str, company: str) -> str:
    """The saved prefix if it is 1 to 12 letters and digits (the settings form allows no
    other), else the default one: the prefix is printed through the PDF's CSS."""
    prefix = prefix.upper()
    return prefix if _CODE_PREFIX_RE.fullmatch(prefix) else code_prefix(company)


def default_settings(letter, filings: list, today: date) -> dict:
    """What the response letter says where nobody has set otherwise (nothing is saved)."""
    company = letter.review.company
    amendment = next_amendment(filings)
    return {
        "letterhead": company.letterhead,
        "dated": today,
        "delivery_line": "Via EDGAR",
        "office": office_from(letter.staff_signatory_title, letter.extracted_text[:3000]),
        "attention": staff_names(letter.staff_contacts, letter.staff_signatory),
        "on_behalf_of": company.name,
        "amendment_name": amendment,
        "page_reference_document": amendment,
        "opening": DEFAULT_OPENING,
        "closing": DEFAULT_CLOSING,
        "signer_name": "",
        "signer_title": "",
        "signer_firm": company.letterhead.strip().split("\n")[0].strip(),
        "cc": "\n".join(default_cc(letter)),
        "page_code_prefix": code_prefix(company.name),
    }


def next_amendment(filings: list) -> str:
    """The amendment filed with this response: one past the latest one the staff reviewed."""
    latest = max((filing.amendment_number for filing in filings), default=0)
    return f"Amendment No. {latest + 1}"


def filing_names(filings: list) -> str:
    """ "Registration Statement on Form S-1 (File No. 333-163252) filed November 20, 2009"."""
    names = []
    for filing in filings:
        name = filing.description or f"Form {filing.form_type}"
        if filing.file_number:
            name += f" (File No. {filing.file_number})"
        if filing.filed_on:
            name += f" filed {long_date(filing.filed_on)}"
        names.append(name)
    return " and ".join(names) or "filing"


def default_cc(letter) -> list[str]:
    """The officer the staff wrote to, then those the staff copied (their lines rejoined)."""
    lines = [line.strip() for line in letter.addressee.splitlines() if line.strip()]
    company = letter.review.company.name
    cc = [f"{_HONORIFIC_RE.sub('', lines[0])}, {company}"] if lines else []
    for entry in letter.cc:
        if cc and entry.startswith("(") and len(cc) > (1 if lines else 0):
            cc[-1] = f"{cc[-1]} {entry}"
        else:
            cc.append(entry)
    return cc


def build_context(
    letter,
    settings,
    filings: list,
    sections: list[Section],
    *,
    version: str,
    draft: bool,
    today: date,
) -> ResponseLetterContext:
    """The context from the letter, its saved settings (blank ones take the defaults) and the
    sections already built for this version."""
    defaults = default_settings(letter, filings, today)
    value = {
        name: printable_value(getattr(settings, name, None) or default)
        for name, default in defaults.items()
    }
    fields = {
        "company": value["on_behalf_of"],
        "letter_date": long_date(letter.letter_date),
        "amendment": value["amendment_name"],
        "document": value["page_reference_document"],
        "filing": filing_names(filings),
    }
    addressee = SEC_ADDRESS[:2] + [value["office"]] + SEC_ADDRESS[2:]
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
        attention=list(value["attention"]),
        re_lines=re_lines(printable(letter.re_block)),
        salutation="Ladies and Gentlemen:",
        opening=fill(value["opening"], fields),
        sections=sections,
        closing=[p.strip() for p in re.split(r"\n\s*\n", value["closing"]) if p.strip()],
        signer_name=value["signer_name"],
        signer_title=value["signer_title"],
        signer_firm=value["signer_firm"],
        cc=_lines(value["cc"]),
        page_code_prefix=code,
        file_stem=code.lower(),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
