"""The staff a letter names, tidied and ranked: for the response letter's Attention block and
its salutation.

Pure Python. A staff letter's contacts come from its closing paragraph ("Sharon Virga, Staff
Accountant, at (202) 551-3385"), its signatory from the signature block. Read from a PDF whose
lines ran together, the signatory can come out as "/s/ Jennifer Thompson Jennifer Thompson
Accounting Branch Chief Office of Manufacturing": the name signed, the name typed and the title
in one string. `person` takes such a string apart; `attention` lists everyone once, most
senior first, with titles.
"""

import re
from dataclasses import dataclass

# The Division's titles, most senior first (Division of Corporation Finance staff directory
# and the titles its letters sign with). A title not listed ranks after all of these.
RANKS = [
    "Director",
    "Deputy Director",
    "Associate Director",
    "Chief Accountant",
    "Deputy Chief Accountant",
    "Office Chief",
    "Chief",
    "Senior Assistant Chief Accountant",
    "Assistant Director",
    "Assistant Chief Accountant",
    "Legal Branch Chief",
    "Accounting Branch Chief",
    "Branch Chief",
    "Special Counsel",
    "Senior Counsel",
    "Senior Staff Accountant",
    "Staff Accountant",
    "Senior Staff Attorney",
    "Staff Attorney",
    "Attorney-Advisor",
    "Attorney Advisor",
    "Accountant",
    "Attorney",
]
_TITLE_WORDS = (
    r"(?:Senior|Special|Chief|Assistant|Associate|Deputy|Branch|Legal|Staff|Accounting|Office|"
    r"Accountant|Accountants|Attorney|Attorney-Advisor|Advisor|Counsel|Director|Reviewer|"
    r"Examiner|Mining|Engineer|Petroleum)"
)
_TITLE_TAIL_RE = re.compile(rf"(?:\s+{_TITLE_WORDS})+(?:,?\s+Office of .*)?$")
_OFFICE_TAIL_RE = re.compile(r",?\s+(?:Office of|Division of|Disclosure Review)\b.*$")
_SIGNED_RE = re.compile(r"^/s/\s*")
_HONORIFIC_RE = re.compile(r"^(Mr|Ms|Mrs|Dr|Miss)\.?\s+")
# Not a person: the Division or an office signing for the staff.
_NOT_A_PERSON_RE = re.compile(
    r"^(?:Division of|Office of|Disclosure Review|Securities and Exchange|U\.S\. Securities)", re.I
)


@dataclass(frozen=True)
class StaffMember:
    name: str  # "Larry Spirgel" or, as the user typed it, "Mr. Larry Spirgel"
    title: str = ""  # "Assistant Director", without the office

    @property
    def honorific(self) -> str:
        """ "Mr.", "Ms.", ... where the name carries one, else ""."""
        match = _HONORIFIC_RE.match(self.name)
        return f"{match.group(1)}." if match else ""

    @property
    def surname(self) -> str:
        return _HONORIFIC_RE.sub("", self.name).split()[-1] if self.name.split() else ""

    @property
    def line(self) -> str:
        """ "Larry Spirgel, Assistant Director" as the Attention block prints it."""
        return f"{self.name}, {self.title}" if self.title else self.name


def person(name: str, title: str = "") -> StaffMember | None:
    """The staff member in a parsed name and title, or None when the "name" is an office.

    "/s/ Jennifer Thompson Jennifer Thompson Accounting Branch Chief Office of Manufacturing"
    gives ("Jennifer Thompson", "Accounting Branch Chief"); so does the name alone with the
    title "Accounting Branch Chief, Office of Manufacturing"."""
    name = " ".join(_SIGNED_RE.sub("", name or "").split())
    title = " ".join((title or "").split())
    if not name or _NOT_A_PERSON_RE.match(name):
        return None
    tail = _TITLE_TAIL_RE.search(name)
    if tail and tail.start() > 0:
        title = title or tail.group(0).strip()
        name = name[: tail.start()].strip()
    name = _undoubled(name.rstrip(" ,"))
    title = _OFFICE_TAIL_RE.sub("", title).strip(" ,")
    if title.lower().startswith("chief,"):
        title = "Chief"
    return StaffMember(name, title) if name else None


def _undoubled(name: str) -> str:
    """ "Jennifer Thompson Jennifer Thompson" -> "Jennifer Thompson" (signed, then typed)."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def rank(title: str) -> int:
    """The title's place in RANKS (0 most senior); an unknown or missing title ranks last."""
    key = title.strip().lower().replace("accountant branch chief", "accounting branch chief")
    for i, known in enumerate(RANKS):
        if key == known.lower():
            return i
    for i, known in enumerate(RANKS):
        if known.lower() in key:
            return i
    return len(RANKS)


def attention(contacts: list[dict], signatory: str, signatory_title: str) -> list[StaffMember]:
    """Everyone the staff letter names, each once, most senior first; those of equal rank in
    the order the letter names them. `contacts` are the parsed {"name", "title", "phone"}."""
    found: dict[str, StaffMember] = {}
    people = [(c.get("name", ""), c.get("title", "")) for c in contacts]
    for name, title in [*people, (signatory, signatory_title)]:
        member = person(name, title)
        if member is None:
            continue
        key = _HONORIFIC_RE.sub("", member.name).lower()
        known = found.get(key)
        if known is None or (not known.title and member.title):
            found[key] = member
    return sorted(found.values(), key=lambda member: rank(member.title))


def from_line(line: str) -> StaffMember:
    """An Attention line as the user typed it ("Ms. Sharon Virga, Staff Accountant")."""
    name, _, title = line.partition(",")
    return StaffMember(name.strip(), title.strip())


def dear(people: list[StaffMember]) -> str:
    """ "Dear Mr. Spirgel:" or "Dear Ms. Jones and Mr. Lee:"; "" when anyone lacks an
    honorific (the letter must then ask, rather than guess Mr. or Ms.)."""
    if not people or any(not member.honorific for member in people):
        return ""
    names = [f"{member.honorific} {member.surname}" for member in people]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Dear {joined}:"
