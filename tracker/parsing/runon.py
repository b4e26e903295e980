"""Letters whose line breaks were lost: put breaks back where the parser needs them."""

import re

from .body import REFERENCE_WORDS
from .pages import TRAILING_PAGE_RE

# A "line" this long, in a text where no line starts with "1.", holds many paragraphs.
RUN_ON_LENGTH = 400
_FIRST_COMMENT_RE = re.compile(
    r"^\s*(?:\*\*)?(?:comment\s+)?1[.):]?\s", re.IGNORECASE | re.MULTILINE
)
_INLINE_NUMBER_RE = re.compile(r"(?<![\w.,$/-])(\d+)\.\s+(?=[A-Z“\"(])")
# Words after which a number is a reference ("Note 2."), never the start of a comment.
_STOP_WORDS = REFERENCE_WORDS | {"amendment", "tier"}
_BREAK_BEFORE_RE = re.compile(
    r"\s(?=(?:Re:|Dear\s|Ladies and Gentlemen|We remind you that|We urge all persons|"
    r"As appropriate, please|Please contact|You may contact|Notwithstanding our comments|"
    r"Sincerely,|Very truly yours,|cc:|\* \* \*|Filed\s|Submitted\s|File No\.|CIK No\.)"
    r")"
)
# A sentence ends after a word, a closing quote or a parenthesis; "Note 5. Goodwill" does not.
_SENTENCE_END_RE = re.compile(r"(?:[a-z]{2}[.?!:]|[.?!][”\"’)]|\)\.)\s")
_HEADING_SPLIT_RE = re.compile(
    r"(,?\s*pages?\s+(?:[A-Z]{1,3}-?)?\d+(?:\s*[-–]\s*(?:[A-Z]{1,3}-?)?\d+)?)\s+"
)


def restore_breaks(text: str) -> str:
    """Re-insert paragraph breaks into lines longer than RUN_ON_LENGTH."""
    lines = text.split("\n")
    if _FIRST_COMMENT_RE.search(text) or not any(len(line) > RUN_ON_LENGTH for line in lines):
        return text
    return "\n".join(_split_line(line) if len(line) > RUN_ON_LENGTH else line for line in lines)


def _split_line(line: str) -> str:
    line = _split_re_block(line)
    line = _BREAK_BEFORE_RE.sub("\n\n", line)
    line = re.sub(
        r"^(Dear [^:\n]{2,60}:|Sincerely,|Very truly yours,)\s+", "\\1\n\n", line, flags=re.M
    )
    pieces: list[str] = []
    position, expected = 0, 1
    for match in _INLINE_NUMBER_RE.finditer(line):
        if int(match.group(1)) != expected or not _starts_comment(line, match.start()):
            continue
        pieces.append(_with_headings(line[position : match.start()]))
        position, expected = match.start(), expected + 1
    pieces.append(line[position:])
    return "\n\n".join(piece.strip() for piece in pieces if piece.strip())


_FILING_START_RE = re.compile(
    r"\s(?=(?:Forms?\s|Amendment No|Draft Registration|Registration Statement|Schedule\s|"
    r"Preliminary Proxy|Definitive Proxy)\b)"
)
_FILING_CONTINUES = ("on", "to", "draft", "amended", "of", "and", "the", "our", "your", "dated")


def _split_re_block(line: str) -> str:
    """In the Re: block, start each filing ("Form 10-Q for...") on a line of its own."""
    start, end = line.find("Re:"), line.find("Dear ")
    if start < 0 or end < start:
        return line
    block = line[start:end]
    pieces, position = [], 0
    for match in _FILING_START_RE.finditer(block):
        before = block[: match.start()].split()
        if before and before[-1].lower() not in _FILING_CONTINUES and len(before) > 1:
            pieces.append(block[position : match.start()])
            position = match.end()
    pieces.append(block[position:])
    return line[:start] + "\n".join(pieces) + line[end:]


def _starts_comment(line: str, start: int) -> bool:
    words = line[max(0, start - 40) : start].split()
    if not words:
        return True
    last = words[-1].lower().rstrip(".,:;")
    if last in _STOP_WORDS:
        return False
    # "Rule 10b-5 1." is a rule number; "Use of Proceeds, page 29 7." is a heading's page.
    if any(c.isdigit() for c in last) and len(words) > 1:
        return words[-2].lower().rstrip(",") in {"page", "pages"}
    return True


def _with_headings(segment: str) -> str:
    """Put the headings that precede a comment number on lines of their own."""
    ends = list(_SENTENCE_END_RE.finditer(segment))
    cut = ends[-1].end() if ends else 0
    body, tail = segment[:cut], segment[cut:].strip()
    if not tail or len(tail) > 300:
        return segment
    headings = _HEADING_SPLIT_RE.sub(r"\1\n", tail).strip()
    if not TRAILING_PAGE_RE.search(headings) and len(tail.split()) > 12:
        return segment
    return f"{body.rstrip()}\n\n{headings}\n\n"
