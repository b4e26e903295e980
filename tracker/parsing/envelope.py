"""The top of a letter: date, addressee, "Re:" block and salutation."""

import re
from dataclasses import dataclass, field

from .cleanup import PAGE_BREAK, name_key
from .dates import DATE_RE, date_from_match
from .model import Addressee

_SALUTATION_RE = re.compile(
    r"^(?:Dear\s+.{2,80}|Ladies and Gentlemen|Gentlemen|To Whom It May Concern)\s*[:,;]?$",
    re.IGNORECASE,
)
_RE_LINE_RE = re.compile(r"^Re\s*[:.]\s*", re.IGNORECASE)
_NOISE_RE = re.compile(
    r"^(?:via\b|by (?:e-?mail|facsimile|fax|u\.s\. mail|edgar)|mail stop|\(?by e-?mail|"
    r"facsimile|electronic mail|division of|corporation finance$|united states|"
    r"securities and exchange commission|washington, d\.?c\.?|office of|confidential|"
    r"correspondence)",
    re.IGNORECASE,
)
_COMPANY_SUFFIX_RE = re.compile(
    r"\b(?:Inc|Incorporated|Corp|Corporation|Company|Co|LLC|L\.L\.C|Ltd|Limited|plc|PLC|"
    r"L\.?P|N\.V|S\.A|AG|SE|Group|Holdings?|Trust|Bancorp|Partners|Fund)\.?,?\)?$",
)
_TOP_REACH = 80


@dataclass
class Envelope:
    date_line: int = -1
    salutation_line: int = -1
    re_lines: list[str] = field(default_factory=list)
    addressee: Addressee = field(default_factory=Addressee)
    date_text: str = ""
    salutation: str = ""


def read_envelope(lines: list[str]) -> Envelope:
    """Locate the letter's date, addressee, Re: block and salutation among its first lines."""
    found = Envelope()
    top = lines[:_TOP_REACH]
    found.salutation_line = next(
        (i for i, line in enumerate(top) if _SALUTATION_RE.match(line)), -1
    )
    stop = found.salutation_line if found.salutation_line >= 0 else len(top)
    if found.salutation_line >= 0:
        found.salutation = top[found.salutation_line]
    re_line = next((i for i in range(stop) if _RE_LINE_RE.match(top[i])), -1)
    for index in range(re_line if re_line >= 0 else stop):
        match = DATE_RE.search(top[index])
        if match and len(top[index]) < 40 and date_from_match(match):
            found.date_line, found.date_text = index, match.group(0)
            break
    if found.date_line < 0:
        _date_anywhere(found, top[: re_line if re_line >= 0 else stop])
    if re_line >= 0:
        found.re_lines = [line for line in top[re_line:stop] if line and line != PAGE_BREAK]
    first = found.date_line + 1 if found.date_line >= 0 else 0
    last = re_line if re_line >= 0 else stop
    registrant = registrant_from(found.re_lines)
    found.addressee = _addressee(top[first:last], registrant, surnames(found.salutation))
    return found


def surnames(salutation: str) -> list[str]:
    """The surnames a salutation names: "Dear Messrs. Anagnost and Hanspal:" gives both;
    none for "Ladies and Gentlemen:"."""
    words = re.sub(r"^Dear\s+|[:;,]$", "", salutation.strip()).split()
    if not words or salutation.startswith(("Ladies", "Gentlemen", "To Whom")):
        return []
    if "and" not in words:
        return [words[-1].rstrip(".,")]
    at = words.index("and")
    return [words[at - 1].rstrip(".,"), words[-1].rstrip(".,")] if at else []


def _date_anywhere(found: Envelope, lines: list[str]) -> None:
    """Without a date line (line breaks lost), take the first date printed above the Re: block."""
    for index, line in enumerate(lines):
        match = DATE_RE.search(line)
        if match and date_from_match(match):
            found.date_line, found.date_text = index, match.group(0)
            return


def registrant_from(re_lines: list[str]) -> str:
    if not re_lines:
        return ""
    return _RE_LINE_RE.sub("", re_lines[0]).strip()


def re_block_lines(re_lines: list[str]) -> list[str]:
    """The Re: block without the "Re:" itself, one entry per printed line."""
    return [_RE_LINE_RE.sub("", line).strip() for line in re_lines]


def _addressee(lines: list[str], registrant: str, names: list[str]) -> Addressee:
    lines = [line for line in lines if line and line != PAGE_BREAK and not _NOISE_RE.match(line)]
    if not lines:
        return Addressee()
    key = name_key(registrant)
    lines = _person_first(lines, key, names)
    if key and name_key(lines[0]) == key:
        return Addressee(company=lines[0], address_lines=lines[1:])
    company = _company_index(lines, key)
    if company is None:
        return Addressee(name=lines[0], address_lines=lines[1:])
    return Addressee(
        name=lines[0],
        title=" ".join(lines[1:company]),
        company=lines[company],
        address_lines=lines[company + 1 :],
    )


def _company_index(lines: list[str], key: str) -> int | None:
    for index in range(1, len(lines)):
        line_key = name_key(lines[index])
        if key and len(line_key) > 3 and (key.startswith(line_key) or line_key.startswith(key)):
            return index
    for index in range(1, len(lines)):
        if _COMPANY_SUFFIX_RE.search(lines[index]):
            return index
    for index in range(1, len(lines)):
        if lines[index][:1].isdigit() or lines[index].lower().startswith(
            ("p.o.", "po box", "one ", "two ")
        ):
            return index - 1 if index > 1 else None
    return None


def _person_first(lines: list[str], key: str, names: list[str]) -> list[str]:
    """A block that lists the companies above the person it is addressed to ("Example Yield,
    Inc. / Example Holdings Corp / Jane Roe / Chief Financial Officer / 1 Main St") in the
    usual order: the person and title, then the companies and the address."""
    at = next(
        (i for i, line in enumerate(lines) if i and names and _names_person(line, names[0])), 0
    )
    companies = lines[:at]
    if not at or not all(_is_company(line, key) for line in companies):
        return lines
    end = next((i for i in range(at + 1, len(lines)) if _is_company(lines[i], key)), len(lines))
    end = next((i for i in range(at + 1, end) if lines[i][:1].isdigit()), end)
    return lines[at:end] + companies + lines[end:]


def _names_person(line: str, surname: str) -> bool:
    return re.search(rf"\b{re.escape(surname)}\b", line) is not None and not _is_company(line, "")


def _is_company(line: str, key: str) -> bool:
    line_key = name_key(line)
    return bool(key and line_key and key.startswith(line_key)) or bool(
        _COMPANY_SUFFIX_RE.search(line)
    )
