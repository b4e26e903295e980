"""The keyed answers of a response letter: each staff comment's number, the comment as recited,
the staff's headings repeated above it, and the company's response.

Pure Python. Works on the letter's body as lines (response_style.Line: text and emphasis),
from the salutation to the sign-off. Layouts seen in letters filed on EDGAR:
- "1." (or "1)", "Comment 1:", "Comment No. 1.") then the recited comment, then a label
  ("Response:", "RESPONSE", "Company Response:", "Response to Comment No. 1") and the answer;
- the recited comment in bold or italic with no label, the answer in plain type below it;
- "Comment:" / "Response:" pairs with no number (numbered in the order printed);
- one answer for several comments ("Response to Comments 4 and 5"), given to each of them.
"""

import re
from dataclasses import dataclass, field

from .response_style import LABEL_RE, Line

# "1.", "1)", "Comment 1:", "Comment No. 1." and "Comments 4 and 5:" at the start of a line.
START_RE = re.compile(
    r"^(?:(?:staff\s+)?comments?\s+(?:nos?\.?\s*)?|\()?(?P<number>\d{1,3})(?![,.]?\d)"
    r"(?P<more>(?:\s*(?:,|and|&|through|-|–)\s*\d{1,3}(?![,.]?\d))*)"
    r"\s*(?:[.):]|\s+[-–—]|\s+(?=[A-Z][a-z]))",
    re.I,
)
# A label for several comments: "Response to Comments 4 and 5:".
SEVERAL_LABEL_RE = re.compile(
    r"^(?P<label>(?:the\s+company['’]s\s+|our\s+)?responses?\s+to\s+(?:staff\s+)?comments?\s+"
    r"(?:nos?\.?\s*)?\d{1,3}(?:\s*(?:,|and|&|-|–|through)\s*\d{1,3})+)\s*(?P<punct>[:.\-–—]?)",
    re.I,
)
# A company's own label: "Caterpillar Response:", "ACME RESPONSE:".
OWN_LABEL_RE = re.compile(
    r"^(?P<label>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,3}\s+responses?)\s*(?P<punct>:)", re.I
)
COMMENT_LABEL_RE = re.compile(
    r"^(?:staff(?:['’]s)?\s+)?comments?\s*(?:no\.?\s*\d+)?\s*[:.]\s*", re.I
)
# Numbers in a label: "Response to Comment No. 3", "Response to Comments 4 and 5".
LABEL_NUMBERS_RE = re.compile(
    r"comments?\s+(?:nos?\.?\s*)?(\d{1,3}(?:\s*(?:,|and|&|-|–|through)\s*\d{1,3})*)", re.I
)
# The end of the last answer: a closing paragraph, a row of stars.
CLOSING_RE = re.compile(
    r"^(?:\*\s*){3,}$|^if\s+you\s+have\s+(?:any\s+)?(?:further\s+)?(?:questions|comments)|"
    r"^(?:please|do\s+not)\s+(?:do\s+not\s+)?(?:hesitate|contact|call|direct|feel)|"
    r"^should\s+(?:you|the\s+staff)\s+have|^we\s+(?:trust|hope|believe)\s+that\s+(?:this|the\s+foregoing|"
    r"these|our)|^i\s+trust\s+that|^thank\s+you\s+for|^(?:the\s+company|we)\s+(?:hereby\s+)?acknowledges?\s+that|"
    r"^we\s+would\s+be\s+pleased\s+to|^if\s+the\s+staff\s+(?:has|have|would)|^(?:we\s+)?appreciate\s+the\s+staff",
    re.I,
)
# Lines a printed page repeats or a confidential-treatment request adds: never answer text.
FURNITURE_RE = re.compile(
    r"^(?:page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?|securities\s+and\s+exchange\s+commission|"
    r"(?:u\.s\.\s+|united\s+states\s+)?securities\s+and\s+exchange\s+commission|"
    r"confidential\s+treatment\s+requested(?:\s+by\s+.{0,120})?|"
    r"(?:division\s+of\s+corporation\s+finance)|\[\*+\])$",
    re.I,
)
BULLET_RE = re.compile(r"^[•●▪◦·\-–*]$|^\(?[a-z]{1,3}\)$|^\(?[ivx]{1,4}[.)]$", re.I)


@dataclass
class Answer:
    numbers: list[int]
    headings: list[str] = field(default_factory=list)
    recited: list[Line] = field(default_factory=list)
    text: list[Line] = field(default_factory=list)
    labeled: bool = False  # its response label is read (the answer's text follows)


def numbers_of(text: str) -> list[int]:
    """ "4 and 5" -> [4, 5]; "4-6" -> [4, 5, 6]."""
    found = [int(n) for n in re.findall(r"\d{1,3}", text)]
    if (
        len(found) == 2
        and re.search(r"\d\s*(?:-|–|through)\s*\d", text)
        and found[0] < found[1] <= found[0] + 20
    ):
        return list(range(found[0], found[1] + 1))
    return found


def label_of(text: str) -> re.Match | None:
    """The response label the line starts with, when it is one (not a sentence on responses)."""
    match = SEVERAL_LABEL_RE.match(text) or LABEL_RE.match(text) or OWN_LABEL_RE.match(text)
    if not match:
        return None
    rest = text[match.end() :].strip()
    if not match.group("punct") and rest and (len(text) > 40 or rest[:1].islower()):
        return None
    return match


def start_of(line: Line, last: int) -> tuple[list[int], str] | None:
    """The comment numbers a line starts, and the rest of its text; None if it starts none."""
    text = line.text
    match = START_RE.match(text)
    if not match:
        return None
    numbers = [int(match.group("number"))] + (
        numbers_of(match.group("more")) if match.group("more") else []
    )
    rest = text[match.end() :].strip()
    if numbers[0] <= last or numbers[0] > last + 25 or numbers != sorted(set(numbers)):
        return None
    if _note_heading(line, rest):
        return None
    if not text[: match.end()].lower().startswith("comment") and re.match(r"^[\d,.%$]", rest):
        return None  # a figure in a table
    return numbers, COMMENT_LABEL_RE.sub("", rest, count=1)


def _note_heading(line: Line, rest: str) -> bool:
    """ "7. Policy Liabilities, page 139": a note's title the staff repeat as a heading."""
    if not rest or len(line.text) > 110 or line.emphasis == "plain" and not line.underline:
        return False
    return (
        not rest.endswith((".", "?", ":"))
        and rest[:1].isupper()
        and not re.match(
            r"^(?:please|we|you|in|on|refer|tell|with|it|your|explain|provide|describe|revise|disclose|"
            r"expand|clarify|discuss|confirm|quantify|identify|state|consider|if|for|as|to|the)\b",
            rest,
            re.I,
        )
    )


def is_heading(line: Line) -> bool:
    text = line.text
    if (
        len(text) > 160
        or text.endswith((".", ":", ";", ","))
        and not re.search(r"page\s+\S+\.?$", text, re.I)
    ):
        return False
    return line.emphasis != "plain" or bool(re.search(r",\s*pages?\s+[\w-]+$", text, re.I))


def prepared(lines: list[Line]) -> list[Line]:
    """Page furniture dropped; a bullet or a number alone on its line joined to the next."""
    kept: list[Line] = []
    headers = running_headers(lines)
    for i, line in enumerate(lines):
        if FURNITURE_RE.match(line.text) or i in headers:
            continue
        if kept and (BULLET_RE.match(kept[-1].text) or _number_only(kept[-1].text)):
            head = kept.pop()
            line = Line(f"{head.text} {line.text}", line.bold, line.italic, line.underline)
        kept.append(line)
    return kept


_PAGE_RE = re.compile(r"^page\s+\d+(?:\s+of\s+\d+)?$", re.I)


def running_headers(lines: list[Line]) -> set[int]:
    """The lines of a page's running header: around a "Page 2" line, short lines printed on
    several pages (the firm's offices, the addressee, the letter's date)."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not _PAGE_RE.match(line.text):
            continue
        for j in range(max(0, i - 5), min(len(lines), i + 3)):
            if (
                counts[lines[j].text] > 1
                and len(lines[j].text) < 130
                and not label_of(lines[j].text)
            ):
                found.add(j)
    return found


def _number_only(text: str) -> bool:
    return bool(
        re.match(r"^(?:comments?\s+(?:no\.?\s*)?\d{1,3}\s*[.):]?|\d{1,3}\s*[.):])$", text, re.I)
    )


def split_answers(body: list[Line]) -> list[Answer]:
    """The body's answers in order (see the module's docstring); [] when it keys none."""
    lines = prepared(body)
    labeled = any(label_of(line.text) is not None for line in lines)
    numbered = any(start_of(line, 0) for line in lines)
    emphasis = ""  # the recited comments' emphasis, from the first
    answers: list[Answer] = []
    opening: list[Line] = []
    for line in lines:
        current = answers[-1] if answers else None
        last = current.numbers[-1] if current else 0
        label = label_of(line.text)
        if label is not None and _read_label(
            current, line, label, last, opening, answers, numbered
        ):
            continue
        start = start_of(line, last)
        if start is not None and not labeled and emphasis not in ("", "plain", line.emphasis):
            start = None  # a list in an answer, a figure in a table: not in the recital's type
        if start is not None and (not labeled or current is None or current.labeled):
            numbers, rest = start
            emphasis = emphasis or line.emphasis
            answer = Answer(numbers, _headings(current.text if current else opening))
            _add(answer.recited, line, rest)
            answers.append(answer)
        elif current is None:
            opening.append(line)
        elif current.labeled or not labeled and _answer_begins(current, line):
            current.labeled = True
            current.text.append(line)
        else:
            current.recited.append(line)
    for answer in answers:
        if not answer.text and not labeled and len(answer.recited) > 1:
            answer.recited, answer.text = answer.recited[:1], answer.recited[1:]
    if labeled:
        answers = _unlabeled_merged(answers)
    if answers:
        _cut_closing(answers[-1])
    return answers


def _unlabeled_merged(answers: list[Answer]) -> list[Answer]:
    """Where comments are answered under labels, a numbered paragraph with no label after it
    is a list inside the previous answer, not a comment."""
    kept: list[Answer] = []
    for answer in answers:
        if kept and not answer.labeled:
            first = answer.recited[0] if answer.recited else None
            kept[-1].text += ([first] if first else []) + answer.recited[1:] + answer.text
        else:
            kept.append(answer)
    return kept


def _read_label(
    current: Answer | None,
    line: Line,
    label: re.Match,
    last: int,
    opening: list[Line],
    answers: list[Answer],
    numbered: bool,
) -> bool:
    """Read a response label: the current comment's, or one starting an answer of its own (a
    letter that numbers its labels, or recites comments unnumbered). False: not a label here."""
    numbers = _label_numbers(line.text)
    rest = line.text[label.end() :]
    if current is not None and not current.labeled and (not numbers or numbers == current.numbers):
        current.labeled = True
        _add(current.text, line, rest)
        return True
    if numbers and numbers[0] <= last or not numbers and current is not None and numbered:
        return False
    previous = current.text if current else opening
    recited = _recital(previous)
    answer = Answer(numbers or [last + 1], _headings(previous), recited, labeled=True)
    _add(answer.text, line, rest)
    answers.append(answer)
    return True


def _recital(previous: list[Line]) -> list[Line]:
    """An unnumbered comment recited above its label: the emphasized run (or one paragraph)."""
    if not previous:
        return []
    taken = [previous.pop()]
    if taken[0].emphasis == "plain":
        return taken
    while previous and previous[-1].emphasis == taken[0].emphasis and not is_heading(previous[-1]):
        taken.insert(0, previous.pop())
    return taken


def _headings(previous: list[Line]) -> list[str]:
    """The staff's headings printed above a comment, taken back from the lines before it."""
    headings: list[str] = []
    while previous and len(headings) < 5 and is_heading(previous[-1]):
        headings.insert(0, previous.pop().text)
    return headings


def _answer_begins(current: Answer, line: Line) -> bool:
    """Without labels, the answer begins at the first plain line after an emphasized recital."""
    return (
        bool(current.recited)
        and line.emphasis == "plain"
        and current.recited[0].emphasis != "plain"
    )


def _add(parts: list[Line], line: Line, text: str) -> None:
    text = text.strip().lstrip(" :.-–—")
    if text:
        parts.append(Line(text, line.bold, line.italic, line.underline))


def _label_numbers(text: str) -> list[int]:
    match = LABEL_NUMBERS_RE.search(text[:60])
    return numbers_of(match.group(1)) if match else []


def _cut_closing(answer: Answer) -> None:
    for i, line in enumerate(answer.text):
        if i and CLOSING_RE.match(line.text):
            del answer.text[i:]
            return
