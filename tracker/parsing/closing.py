"""After the last comment: boilerplate, staff contacts, signature and copies."""

import re
from dataclasses import dataclass, field

from .body import is_blank, paragraphs
from .model import Contact, Signatory

_SIGN_OFF_RE = re.compile(
    r"^(?:Sincerely|Very truly yours|Respectfully(?: yours)?|Regards),?$", re.I
)
_OFFICE_RE = re.compile(r"^(?:Division of Corporation Finance|Office of [A-Z][\w &,]+)$")
_CC_RE = re.compile(r"^cc\s*:\s*", re.IGNORECASE)
_SIGNED_RE = re.compile(r"^/s/\s*(?P<name>.+?)(?:\s+for)?$")
_NAME = r"[A-Z][A-Za-z.'’\-]*(?:\s+(?:[A-Z][A-Za-z.'’\-]*|de|van|von|la|le))*"
# A staff title written before the names: "contact Senior Staff Accountants James Peklenk, at".
_TITLE_BEFORE = (
    r"(?:(?:Senior|Special|Chief|Assistant|Branch|Legal|Staff|Accounting)\s+)*"
    r"(?:Accountants?|Attorneys?|Counsel|Branch\s+Chiefs?|Reviewers?|Examiners?)"
)
_CONTACT_RE = re.compile(
    r"(?:contact|\bto|,|\bor|\band)\s+(?:(?P<title_before>" + _TITLE_BEFORE + r")\s+)?"
    r"(?P<name>" + _NAME + r")(?:,\s*(?P<title>[A-Z][^,()]{2,60}?),?)?"
    r",?\s+at\s+(?P<phone>\(?\d{3}\)?[\s-]*\d{3}\s*-\s*\d{4})"
)
_DELIVERY_RE = re.compile(r"^(?:by|via)\s+(?:e-?mail|facsimile|fax|mail)\b", re.IGNORECASE)
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30}
_WINDOW_RE = re.compile(
    r"within\s+(?P<word>[a-z]+(?:[- ][a-z]+)?)?\s*\(?(?P<digits>\d{1,2})?\)?\s+business\s+days",
    re.IGNORECASE,
)


@dataclass
class Closing:
    text: str = ""
    contacts: list[Contact] = field(default_factory=list)
    signatory: Signatory | None = None
    cc: list[str] = field(default_factory=list)


def read_closing(lines: list[str]) -> Closing:
    """Split the lines after the comments into boilerplate, contacts, signature and copies."""
    sign_off = next((i for i, line in enumerate(lines) if _SIGN_OFF_RE.match(line)), None)
    cc_at = next((i for i, line in enumerate(lines) if _CC_RE.match(line)), len(lines))
    if sign_off is None:
        sign_off = next((i for i, line in enumerate(lines) if _SIGNED_RE.match(line)), None)
    if sign_off is None:
        # No "Sincerely,": the block starts at the staff office's name.
        sign_off = next((i for i, line in enumerate(lines) if _OFFICE_RE.match(line)), cc_at)
    text = paragraphs(lines[:sign_off])
    return Closing(
        text=text,
        contacts=find_contacts(text),
        signatory=_signatory(lines[sign_off:cc_at]),
        cc=_copies(lines[cc_at:]),
    )


def find_contacts(text: str) -> list[Contact]:
    """Staff named with a telephone number: "Sharon Virga, Staff Accountant, at (202) 551-3385",
    "questions to Dave Irving at (202) 551-3321", "contact Staff Attorneys A, at ..., or B, at"."""
    flat = re.sub(r"\s+", " ", text)
    contacts: list[Contact] = []
    shared_title = ""  # a plural title before the first name covers the names after it
    for match in _CONTACT_RE.finditer(flat):
        name = match.group("name").strip()
        if name.lower() in {"me", "us"} or len(name.split()) < 2:
            continue
        before = re.sub(r"\s+", " ", match.group("title_before") or "")
        if before:
            shared_title = before[:-1] if before.endswith("s") else ""
        title = (match.group("title") or "").strip() or before.removesuffix("s") or shared_title
        contacts.append(Contact(name=name, title=title, phone=_phone(match.group("phone"))))
    return contacts


def _phone(written: str) -> str:
    digits = re.sub(r"\D", "", written)
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else written


def _signatory(lines: list[str]) -> Signatory | None:
    body = [line for line in lines if not is_blank(line) and not _SIGN_OFF_RE.match(line)]
    signed = [line for line in body if _SIGNED_RE.match(line)]
    rest = [line for line in body if not _SIGNED_RE.match(line)]
    if not rest and signed:
        rest = [_SIGNED_RE.match(signed[0]).group("name")]
    if not rest:
        return None
    name, _, title = rest[0].partition(", ")
    titles = ([title] if title else []) + rest[1:]
    return Signatory(name=name.strip(), title=", ".join(t.strip() for t in titles))


def _copies(lines: list[str]) -> list[str]:
    if not lines:
        return []
    first = _CC_RE.sub("", lines[0])
    copies = [first] + lines[1:]
    return [line for line in copies if line and not is_blank(line) and not _DELIVERY_RE.match(line)]


def response_window(text: str) -> int | None:
    """10 for "respond to this letter within ten business days"; None when not stated."""
    for match in _WINDOW_RE.finditer(text):
        if match.group("digits"):
            return int(match.group("digits"))
        word = (match.group("word") or "").lower().split()
        if word and word[-1] in _NUMBER_WORDS:
            return _NUMBER_WORDS[word[-1]]
    return None
