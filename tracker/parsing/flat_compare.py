"""How far a letter's one-line (flat) text parses as its PDF does.

The flat form is what a user gets when a letter is copied from a web page or an EDGAR viewer, or
taken from a dataset: every line break gone, running page headers left inline. The PDF's parse
is the reference: each of its comments should come back from the flat text with the same number,
the same opening words, the same innermost heading and the same page references.
"""

import re
from dataclasses import dataclass, field

from .model import ParsedComment, ParsedLetter

# Leftovers of the page furniture that must never reach a comment or a heading: the PDF
# template's hidden form fields, and a running header's "<date> Page 4".
FURNITURE_RE = re.compile(
    r"FirstName|LastName|Com(?:a)?pany Name|(?:19|20)\d\d\s+Page\s+\d{1,3}\b|\bPage\s+\d{1,3}\s*$"
)
_OPENING_CHARS = 40


@dataclass
class FlatTally:
    letters: int = 0
    kind_same: int = 0
    pdf_comments: int = 0
    kept: int = 0
    headings_same: int = 0
    pages_same: int = 0
    furniture: int = 0
    addressee_same: int = 0
    signatory_same: int = 0
    contacts_same: int = 0
    refused: list[str] = field(default_factory=list)

    def percent(self, count: int) -> str:
        return f"{100 * count / self.pdf_comments:.1f}%" if self.pdf_comments else "-"


def key(text: str) -> str:
    """Letters and digits only, lower case: line breaks, hyphenation and bullets do not count."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def opening(comment: ParsedComment) -> str:
    return key(comment.text)[:_OPENING_CHARS]


def innermost(comment: ParsedComment) -> str:
    return key(comment.headings[-1]) if comment.headings else ""


def compare(name: str, pdf: ParsedLetter, flat: ParsedLetter | None, tally: FlatTally) -> list[str]:
    """Add one letter's figures to ``tally``; return what differs, one line per difference."""
    tally.letters += 1
    tally.pdf_comments += len(pdf.comments)
    if flat is None:
        tally.refused.append(name)
        return [f"{name}  flat text refused"]
    differences = _compare_envelope(pdf, flat, tally)
    by_number = {comment.number: comment for comment in flat.comments}
    for comment in pdf.comments:
        other = by_number.get(comment.number)
        if other is None or opening(other) != opening(comment):
            differences.append(f"comment {comment.number} lost")
            continue
        tally.kept += 1
        if innermost(other) == innermost(comment):
            tally.headings_same += 1
        else:
            differences.append(
                f"comment {comment.number} heading {_last(other)!r} (PDF {_last(comment)!r})"
            )
        if other.pages == comment.pages:
            tally.pages_same += 1
        else:
            differences.append(
                f"comment {comment.number} pages {other.pages} (PDF {comment.pages})"
            )
    extra = sorted(set(by_number) - {comment.number for comment in pdf.comments})
    if extra:
        differences.append(f"extra comments {extra}")
    tally.furniture += sum(_has_furniture(comment) for comment in flat.comments)
    return [f"{name}  {difference}" for difference in differences]


def _compare_envelope(pdf: ParsedLetter, flat: ParsedLetter, tally: FlatTally) -> list[str]:
    differences = []
    checks = [
        ("kind", pdf.kind, flat.kind),
        ("addressee", key(pdf.addressee.name), key(flat.addressee.name)),
        ("signatory", _signatory(pdf), _signatory(flat)),
        ("contacts", _contacts(pdf), _contacts(flat)),
    ]
    for label, expected, found in checks:
        same = expected == found
        setattr(tally, f"{label}_same", getattr(tally, f"{label}_same") + same)
        if not same:
            differences.append(f"{label} {found!r} (PDF {expected!r})")
    return differences


def _signatory(letter: ParsedLetter) -> str:
    return key(letter.signatory.name) if letter.signatory else ""


def _contacts(letter: ParsedLetter) -> list[tuple[str, str]]:
    return [(key(contact.name), contact.phone) for contact in letter.contacts]


def _last(comment: ParsedComment) -> str:
    return comment.headings[-1] if comment.headings else ""


def _has_furniture(comment: ParsedComment) -> bool:
    return any(FURNITURE_RE.search(text) for text in [comment.text, *comment.headings])


def summary(tally: FlatTally) -> list[str]:
    """The flat-versus-PDF figures, one per line."""
    return [
        f"flat text beside its PDF: {tally.letters} letters, {tally.pdf_comments} PDF comments",
        f"  same letter kind: {tally.kind_same} of {tally.letters}",
        f"  refused though the PDF parses: {len(tally.refused)}",
        f"  comments kept (same number, same opening words): {tally.kept}"
        f" ({tally.percent(tally.kept)})",
        f"  innermost heading the same: {tally.headings_same}"
        f" ({tally.percent(tally.headings_same)})",
        f"  page references the same: {tally.pages_same} ({tally.percent(tally.pages_same)})",
        f"  comments holding page furniture: {tally.furniture}",
        f"  addressee the same: {tally.addressee_same} of {tally.letters}",
        f"  signatory the same: {tally.signatory_same} of {tally.letters}",
        f"  staff contacts the same: {tally.contacts_same} of {tally.letters}",
    ]
