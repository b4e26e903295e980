"""Letters whose line breaks were lost: rebuild the lines a printed letter would have.

The one-line (flat) form is what a user gets when a letter is copied from a web page or an
EDGAR viewer, or read from a dataset: every line break gone, the running page headers left
inline, bullets as private-use glyphs. This module turns such a run-on line back into the
lines the rest of the parser reads: the envelope's lines, one line per comment with its
headings on lines of their own above it, the closing and the signature block.
"""

import re
from bisect import bisect_right

from .dates import DATE_RE
from .doubts import FURNITURE_REMOVED, Doubts, heading_guessed
from .envelope import surnames
from .flat_headings import heading_lines, is_standing, split_tail
from .furniture import remove_furniture
from .numbering import Candidate, choose_numbering
from .pages import ends_with_page_ref

# A "line" this long, in a text where no line starts with "1.", holds many paragraphs.
RUN_ON_LENGTH = 400
_FIRST_COMMENT_RE = re.compile(
    r"^\s*(?:\*\*)?(?:comment\s+)?1[.):]?\s", re.IGNORECASE | re.MULTILINE
)
# A hyphen left at a printed line end before a capital or digit: "Regulation S- X", "551- 3709".
_BROKEN_HYPHEN_RE = re.compile(r"- (?=[A-Z0-9])")
_SALUTATION_RE = re.compile(
    r"\b(?:Dear\s+[^:;]{2,80}?[:;]|Ladies and Gentlemen[:,]|Gentlemen:|To Whom It May Concern:)"
)
_RE_RE = re.compile(r"\bRe\s*:\s")
_CLOSING_RE = re.compile(
    r"\s(?=(?:We remind you that|We urge all persons|As appropriate, please|"
    r"Please (?:contact|direct|call)\b|You may contact|Notwithstanding our comments|"
    r"In closing|(?:Please )?[Rr]efer to Rules 460|We will consider a written request|"
    r"Please allow adequate time|We direct your attention to Rules|"
    r"Sincerely,|Very truly yours,|Respectfully,|cc:|\* \* \*))"
)
_SIGN_OFF_RE = re.compile(r"(?:Sincerely|Very truly yours|Respectfully(?: yours)?),\s*")
# Symbol-font bullets arrive as private-use glyphs; "•" and kin from other sources.
_BULLET_RE = re.compile(r"\s+[•●▪◦■➢►◆❖\uf000-\uf8ff]\s*")
_BULLET_CHAR_RE = re.compile(r"[•●▪◦■➢►◆❖\uf000-\uf8ff]")
_UNSIGNED_OFFICE_RE = re.compile(r"[.?!]\s+(?=Division of Corporation Finance\b)")
_STAFF_TITLE_RE = re.compile(
    r"\s(?=(?:Senior|Special|Chief|Assistant|Associate|Deputy|Branch|Legal|Staff|Accounting|"
    r"Accountant|Attorney|Counsel|Director)\b)"
)
_OFFICE_RE = re.compile(r"\s(?=(?:Office of|Division of|Disclosure Review Program)\b)")


def restore_breaks(text: str, doubts: Doubts | None = None) -> str:
    """Rebuild the lines of each line longer than RUN_ON_LENGTH; other text comes back as is.

    The choices made on the way (numbering, headings, page headers cut out) go to ``doubts``."""
    lines = text.split("\n")
    if _FIRST_COMMENT_RE.search(text) or not any(len(line) > RUN_ON_LENGTH for line in lines):
        return text
    doubts = doubts if doubts is not None else Doubts()
    return "\n".join(
        split_flat(line, doubts) if len(line) > RUN_ON_LENGTH else line for line in lines
    )


def split_flat(line: str, doubts: Doubts | None = None) -> str:
    """One run-on letter as lines: envelope, comments with their headings, closing."""
    line = _BROKEN_HYPHEN_RE.sub(_close_hyphen, line)
    doubts = doubts if doubts is not None else Doubts()
    removed: list[int] = []
    salutation = _SALUTATION_RE.search(line)
    if salutation is None:
        return _split_body(remove_furniture(line, "", removed), doubts, removed)
    head, body = line[: salutation.end()], line[salutation.end() :]
    body = remove_furniture(body, head, removed)
    return _split_head(head) + "\n\n" + _split_body(body, doubts, removed)


def _close_hyphen(match: re.Match[str]) -> str:
    at = match.start()
    return "-" if at and match.string[at - 1].isalnum() and match.string[at - 1].isascii() else "- "


def _split_head(head: str) -> str:
    """Date, addressee and Re: block, each on its own line, then the salutation."""
    salutation = _SALUTATION_RE.search(head)
    before, greeting = head[: salutation.start()], salutation.group(0)
    re_at = _RE_RE.search(before)
    top, re_block = (before[: re_at.start()], before[re_at.start() :]) if re_at else (before, "")
    date = DATE_RE.search(top)
    lines = []
    if date:
        lines += [top[: date.start()].strip(), date.group(0)]
        top = top[date.end() :]
    lines += addressee_lines(top.strip(), greeting, re_block)
    lines += re_lines(re_block)
    return "\n".join(part for part in lines if part) + "\n\n" + greeting


_DELIVERY_RE = re.compile(
    r"^(?:Mail Stop \d+\s+)?(?:Via|By)\s+(?:E-?mail|Facsimile|Fax|U\.S\. Mail|EDGAR)\s+", re.I
)
# Company words a name run picked up at its start: "Corp Jane Roe" is Jane Roe.
_COMPANY_WORDS_RE = re.compile(
    r"^(?:(?:Inc|Corp|Co|Ltd|LLC|LP|plc|Company|Corporation|Holdings|Group|Limited)\.?,?\s+)+"
)
_SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|III|II|Esq\.))*"
# Where a street address starts after the title: "Chief Financial Officer 100 Main Street".
_ADDRESS_START_RE = re.compile(r"\s+(?=\d)")
_NAME_WORD = r"(?:(?:Mr|Ms|Mrs|Dr|Messrs)\.\s+)?[A-Z][\w’'\-]*\.?"


def addressee_lines(block: str, greeting: str, re_block: str) -> list[str]:
    """The addressee block as name, title, company and address lines.

    The salutation names the addressee ("Dear Mr. Young:"): the name is the run of capitalised
    words ending in that surname; the company is the registrant the Re: block names.
    """
    delivery = _DELIVERY_RE.match(block)
    if delivery:
        return [delivery.group(0).strip()] + addressee_lines(
            block[delivery.end() :], greeting, re_block
        )
    names = surnames(greeting)
    match = None
    if names:
        # "Andrew Anagnost and Amar Hanspal" for "Dear Messrs. Anagnost and Hanspal:".
        second = re.escape(names[1]) if len(names) > 1 else r"[A-Z][\w’'\-]+"
        match = re.search(
            rf"(?:{_NAME_WORD}\s+){{0,3}}{re.escape(names[0])}\b{_SUFFIX}(?:\s+and\s+"
            rf"(?:{_NAME_WORD}\s+){{0,3}}?{second}\b{_SUFFIX})?",
            block,
        )
    if match is None:
        return [block]
    name = _COMPANY_WORDS_RE.sub("", match.group(0))
    before = block[: match.end() - len(name)].strip()
    rest = block[match.end() :].strip()
    if before:
        # Companies first: "Example Yield, Inc. Example Holdings Corp Jane Roe Chief ...".
        return [*company_lines(before), name, *_ADDRESS_START_RE.split(rest, maxsplit=1)]
    lines = [name]
    company = _company_in(rest, re_block)
    if company is None:
        return lines + [rest]
    return lines + [rest[: company[0]].strip(), rest[company[0] : company[1]], rest[company[1] :]]


def _company_in(text: str, re_block: str) -> tuple[int, int] | None:
    """Where the registrant named after "Re:" stands in ``text``, or a company-like name."""
    registrant = re.sub(r"^Re\s*:\s*", "", re_block)
    words = registrant.split()
    for length in range(min(len(words), 8), 0, -1):
        name = " ".join(words[:length])
        at = text.find(name)
        if at >= 0 and len(name) > 3:
            return at, at + len(name)
    return None


_FILING_START_RE = re.compile(
    r"\s(?=(?:Forms?\s|Amendment No|Draft Registration|Registration Statement|Schedule\s|"
    r"Preliminary Proxy|Definitive Proxy|(?:PRE|DEF|DFAN|DEFA|PREC|DEFC|PRRN)14[AC]\s|"
    r"Filed\s|Filed on\s|Submitted\s|Response dated|Responses? dated|File Nos?\.|CIK No\.))",
    re.IGNORECASE,
)
_FILING_CONTINUES = ("on", "to", "draft", "amended", "of", "and", "the", "our", "your", "dated")


# Two registrants named one after the other: "Re: Example Yield, Inc. Example Holdings Corp".
_COMPANY_END_RE = re.compile(
    r"\b(?:Inc|Corp|Ltd|LLC|plc|L\.P|N\.V|S\.A|Corporation|Company|Limited)\b\.?"
    r"(?=\s+[A-Z][a-z])"
)


def re_lines(block: str) -> list[str]:
    """The Re: block with each registrant, filing, date and file number on a line of its own."""
    return [line for piece in _filing_pieces(block) for line in company_lines(piece)]


def company_lines(text: str) -> list[str]:
    """Company names run together, one a line: "Example Yield, Inc. Example Holdings Corp"."""
    lines, position = [], 0
    for match in _COMPANY_END_RE.finditer(text):
        lines.append(text[position : match.end()].strip())
        position = match.end()
    lines.append(text[position:].strip())
    return [line for line in lines if line]


def _filing_pieces(block: str) -> list[str]:
    pieces, position = [], 0
    for match in _FILING_START_RE.finditer(block):
        before = block[: match.start()].split()
        if before and before[-1].lower() not in _FILING_CONTINUES and len(before) > 1:
            pieces.append(block[position : match.start()].strip())
            position = match.end()
    pieces.append(block[position:].strip())
    return [piece for piece in pieces if piece]


def _split_body(body: str, doubts: Doubts, removed: list[int]) -> str:
    at = _signature_start(body)
    text, signature = body[:at], body[at:]
    chain = choose_numbering(text, doubts)
    closing_at = _closing_start(text, chain[-1].end if chain else 0)
    comments, closing = text[:closing_at], text[closing_at:]
    _note_furniture(chain, removed, closing_at, doubts)
    out = _comments(comments, chain, doubts)
    out.append(_CLOSING_RE.sub("\n\n", " " + closing).strip())
    out.append(signature_lines(signature))
    return "\n\n".join(part for part in out if part)


def _signature_start(body: str) -> int:
    """Where "Sincerely," stands, or else where the staff office signs after the last sentence
    ("... with any questions. Division of Corporation Finance Office of ..."); else the end."""
    for match in _SIGN_OFF_RE.finditer(body):
        if not match.start() or not body[match.start() - 1].isalnum():
            return match.start()
    office = _UNSIGNED_OFFICE_RE.search(body, max(0, len(body) - 200))
    return office.end() if office else len(body)


def _closing_start(text: str, after: int) -> int:
    match = _CLOSING_RE.search(text, after)
    return match.start() if match else len(text)


def _note_furniture(
    chain: list[Candidate], removed: list[int], closing_at: int, doubts: Doubts
) -> None:
    """Each comment a running page header was cut out of."""
    starts = [candidate.start for candidate in chain]  # in the text's order
    for at in removed:
        within = bisect_right(starts, at) - 1  # the last comment starting at or before it
        if at < closing_at and within >= 0:
            doubts.note(chain[within].number, FURNITURE_REMOVED)


def _comments(text: str, chain: list[Candidate], doubts: Doubts) -> list[str]:
    """The intro, then each comment as "N. text" after its headings."""
    out: list[str] = []
    position, label = 0, ""
    for candidate in chain:
        body, headings = split_tail(text[position : candidate.start])
        for heading in headings:
            if not is_standing(heading) and not ends_with_page_ref(heading):
                doubts.note(candidate.number, heading_guessed(heading))
        out.append(_paragraph(label + body))
        out.append(heading_lines(headings))
        position, label = candidate.end, f"{candidate.number}. "
    out.append(_paragraph(label + text[position:]))
    return [part for part in out if part]


def _paragraph(text: str) -> str:
    """A comment's text, with each bullet on a line of its own starting "- "."""
    text = text.strip()
    # (A bullet is rare: a quick look for one first spares a pass over every space.)
    return _BULLET_RE.sub("\n- ", text).strip() if _BULLET_CHAR_RE.search(text) else text


def signature_lines(signature: str) -> str:
    """ "Sincerely, /s/ A B A B Senior Counsel Office of X" as the lines of a signature."""
    if not signature:
        return ""
    match = _SIGN_OFF_RE.match(signature)
    sign_off, rest = (
        (match.group(0).strip(), signature[match.end() :]) if match else ("", signature)
    )
    cc_at = rest.find("cc:")
    rest, copies = (rest[:cc_at], rest[cc_at:]) if cc_at >= 0 else (rest, "")
    rest = _without_signed_name(rest.strip())
    rest = _STAFF_TITLE_RE.sub("\n", rest, count=1)
    rest = re.sub(r",?\n", "\n", _OFFICE_RE.sub("\n", rest))
    return "\n".join(part for part in [sign_off, rest.strip(), copies.strip()] if part)


def _without_signed_name(text: str) -> str:
    """Drop "/s/ Name" (and "/s/ Name for") before the printed name."""
    if not text.startswith("/s/"):
        return text
    words = text[3:].split()
    if "for" in words[:6]:
        return " ".join(words[words.index("for") + 1 :])
    bare = [word.rstrip(",") for word in words]
    for length in range(5, 1, -1):
        if bare[:length] == bare[length : 2 * length]:
            return " ".join(words[length:])
    return " ".join(words)
