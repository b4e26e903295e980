"""The filings a letter is about, read from its "Re:" block."""

import re
from dataclasses import replace

from .dates import DATE_RE, date_from_match, find_date
from .model import FilingRef

_FORM_RE = re.compile(
    r"\b(?:Forms?|Schedule)\s+(?P<form>(?:[A-Z]{1,3}-?\d{1,3}[A-Z]{0,3}|\d{1,3}-[A-Z]{1,3}|"
    r"10-12[BG]|\d{1,2}[A-Z]?-?\d?|14[AC]|13[DEG]|TO(?:-[CIT])?|14D-9)(?:/A)?)",
)
_DESCRIPTION_RE = re.compile(
    r"\b(?:Forms?\s|Schedule\s|Registration Statement|Proxy Statement|Information Statement|"
    r"Offering Statement|Annual Report|Quarterly Report|Current Report)",
    re.IGNORECASE,
)
# A bare EDGAR form type opening a line: "10-K for Fiscal Year Ended...", "DFAN14A Filed...".
_BARE_FORM_RE = re.compile(
    r"^(?P<form>\d{1,2}-[A-Z]{1,2}|[SF]-\d{1,2}|DRS|(?:DEF|PRE|DFAN|DEFA|PREC|DEFC|DEFM|PREM)"
    r" ?14[AC]|SC [\dA-Z-]+)(?P<amended>/A)?\b"
)
_FILED_RE = re.compile(r"\bFiled(?: on)?\s+(?=[A-Z][a-z]+\.? \d)", re.IGNORECASE)
_SUBMITTED_RE = re.compile(r"\bSubmitted(?: on)?\s+(?=[A-Z][a-z]+\.? \d)", re.IGNORECASE)
_FILE_NUMBER = r"\d{1,3}-\d{3,8}(?:-\d{1,3})?"
_FILE_NO_RE = re.compile(
    r"\bFile\s+Nos?\.?:?\s*(" + _FILE_NUMBER + r"(?:\s*(?:,|and|&)\s*" + _FILE_NUMBER + r")*)",
    re.IGNORECASE,
)
_FILE_NUMBER_RE = re.compile(_FILE_NUMBER)
_CIK_RE = re.compile(r"\bCIK\s*(?:No\.?|Number)?:?\s*(\d{4,10})", re.IGNORECASE)
_AMENDMENT_RE = re.compile(r"\bAmendment\s+No\.?\s*(\d{1,3})", re.IGNORECASE)
_PERIOD_RE = re.compile(
    r"\bfor\s+(?:the\s+)?((?:fiscal\s+|transition\s+)?(?:year|quarter|quarterly period|period|"
    r"fiscal quarter|six months|nine months|three months)s?\s+end(?:ed|ing)\s+.*?\d{4})",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(r"\s*\b(?:Filed|Submitted|File Nos?\.|CIK)\b.*$", re.IGNORECASE)


def parse_filings(re_lines: list[str]) -> list[FilingRef]:
    """One FilingRef per filing named in the Re: block, with its dates and numbers."""
    filings: list[FilingRef] = []
    unnumbered: list[FilingRef] = []
    for line in re_lines:
        if _names_filing(line):
            filing = _new_filing(line)
            filings.append(filing)
            unnumbered.append(filing)
        if not filings:
            continue
        more = _read_attributes(line, filings[-1], unnumbered)
        filings[-1:] = _one_per_filing(filings[-1], more) if more else filings[-1:]
    return filings


def _names_filing(line: str) -> bool:
    if _is_attribute_line(line):
        return False
    return bool(_DESCRIPTION_RE.search(line) or _BARE_FORM_RE.match(line))


def _is_attribute_line(line: str) -> bool:
    return (
        re.match(r"^(?:Filed|Submitted|File No|CIK|Response|Amended|Dated)\b", line, re.I)
        is not None
    )


def _new_filing(line: str) -> FilingRef:
    description = _SUFFIX_RE.sub("", line).strip(" ,;")
    amendment = _AMENDMENT_RE.search(description)
    period = _PERIOD_RE.search(description)
    return FilingRef(
        form=form_code(description),
        description=description,
        amendment_number=int(amendment.group(1)) if amendment else None,
        period=period.group(1) if period else "",
    )


def _read_attributes(line: str, filing: FilingRef, unnumbered: list[FilingRef]) -> list:
    """Fill ``filing`` from one line of the Re: block; return the further filing dates or file
    numbers the line gives for a plural "Forms 8-K" ("filed May 5, 2016 and June 1, 2016")."""
    more: list = []
    filed = _FILED_RE.search(line)
    if filed and filing.filed is None:
        dates = [date_from_match(m) for m in DATE_RE.finditer(line, filed.end())]
        dates = [found for found in dates if found]
        filing.filed = dates[0] if dates else None
        more = dates[1:] if filing.description.lower().startswith("forms") else []
    submitted = _SUBMITTED_RE.search(line)
    if submitted and filing.submitted is None:
        filing.submitted = find_date(line[submitted.end() :])
    cik = _CIK_RE.search(line)
    if cik:
        filing.cik = cik.group(1)
    number = _FILE_NO_RE.search(line)
    if number:
        numbers = _FILE_NUMBER_RE.findall(number.group(1))
        if len(numbers) == len(unnumbered) > 1:
            # "File Nos. A and B" under two filings: one each, in order.
            for pending, each in zip(unnumbered, numbers, strict=True):
                pending.file_number = each
        else:
            # "File No." under several filings belongs to each of them.
            for pending in unnumbered:
                pending.file_number = numbers[0]
            if len(unnumbered) == 1 and filing.description.lower().startswith("forms"):
                more = numbers[1:]
        unnumbered.clear()
    return more


def _one_per_filing(filing: FilingRef, more: list) -> list[FilingRef]:
    """A plural "Forms 10-K ... File Nos. A and B" is one filing per number (two registrants
    file one each); "Forms 8-K filed May 5 and June 1" one filing per date."""
    if isinstance(more[0], str):
        return [filing] + [replace(filing, file_number=number) for number in more]
    return [filing] + [replace(filing, filed=when) for when in more]


def form_code(description: str) -> str:
    """The EDGAR form type: "S-1", "S-1/A", "DRS", "DEF 14A", "10-K/A"..."""
    amended = bool(_AMENDMENT_RE.search(description)) or "/A" in description
    if re.search(r"\bDraft Registration Statement\b", description, re.IGNORECASE):
        return "DRS/A" if amended else "DRS"
    proxy = re.search(
        r"\b(Preliminary|Definitive)\b.*\b(Proxy|Information) Statement", description, re.I
    )
    if proxy:
        prefix = "PRE" if proxy.group(1).lower() == "preliminary" else "DEF"
        kind = "14A" if proxy.group(2).lower() == "proxy" else "14C"
        return f"{prefix} {kind}" + ("/A" if amended else "")
    bare = _BARE_FORM_RE.match(description)
    if bare:
        return bare.group("form") + ("/A" if amended else "")
    match = _FORM_RE.search(description)
    if not match:
        return ""
    form = match.group("form").removesuffix("/A")
    if re.match(r"^1[34][A-Z]", form) or form.startswith("TO"):
        form = "SC " + form
    return form + ("/A" if amended else "")
