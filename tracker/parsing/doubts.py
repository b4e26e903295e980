"""What the parser was unsure of, by comment number, for a reviewer to look at first.

The parser makes choices a person should check: which "3." starts comment 3 when the text has
several, where a heading begins in a letter whose lines ran together, where a running page
header was cut out of a comment. Each choice is noted here, in the reviewer's words, against
the comment it touches; `parse_letter` hands each comment its own.
"""

from dataclasses import dataclass, field

FURNITURE_REMOVED = (
    "A running page header (date, addressee, “Page N”) was taken out of this comment: "
    "check the words around where a page broke."
)


def number_chosen(number: int, others: int) -> str:
    places = "another place" if others == 1 else f"{others} other places"
    return (
        f"“{number}.” also stands in {places} that could start this comment: "
        "check that it starts where the letter's comment does."
    )


def heading_guessed(heading: str) -> str:
    return f"The heading “{heading}” was guessed from text that ran on: check where it begins."


@dataclass
class Doubts:
    """Doubts noted while reading one letter: {comment number: [doubt, ...]}."""

    by_number: dict[int, list[str]] = field(default_factory=dict)

    def note(self, number: int, doubt: str) -> None:
        noted = self.by_number.setdefault(number, [])
        if doubt not in noted:
            noted.append(doubt)

    def of(self, number: int) -> list[str]:
        return list(self.by_number.get(number, []))
