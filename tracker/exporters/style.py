"""How the response letter is dressed: the style's settings resolved, and the words they give.

A style is set in layers: built in (below), the installation's default style (a LetterStyle
without a company), the company's style, then the letter's own settings (ResponseLetter). In
each layer a blank value takes the one beneath it. Every exporter reads the result from the
context; none decides a convention itself.
"""

from dataclasses import dataclass, field, fields

from tracker.enums import (
    AttentionRule,
    ClosingContact,
    RecitalEmphasis,
    ResponseLabel,
    SalutationRule,
)
from tracker.parsing import staff
from tracker.parsing.response_style import NO_SIGN_OFF, RESPONSE_LABELS
from tracker.parsing.staff import StaffMember

FORMAL_SALUTATION = "Ladies and Gentlemen:"
LABELS = RESPONSE_LABELS
# How the opening may name the recital's emphasis ("reproduced below in {recital}").
RECITAL_WORDS = {
    RecitalEmphasis.BOLD_ITALIC: "bold italics",
    RecitalEmphasis.BOLD: "bold",
    RecitalEmphasis.ITALIC: "italics",
    RecitalEmphasis.PLAIN: "",
}


@dataclass(frozen=True)
class Style:
    """The resolved settings; the defaults are those built in (the letter as it always was)."""

    salutation: str = SalutationRule.FORMAL
    recital: str = RecitalEmphasis.BOLD_ITALIC
    response_label: str = ResponseLabel.RESPONSE
    sign_off: str = "Sincerely,"
    attention: str = AttentionRule.RANKED
    cc: str = ""
    closing_contact: str = ClosingContact.NONE
    contact_phone: str = ""
    contact_email: str = ""
    letterhead_docx: bytes = field(default=b"", repr=False)

    @property
    def label(self) -> str:
        """The response label as printed ("" for none)."""
        return LABELS.get(self.response_label, "Response:")

    @property
    def sign_off_words(self) -> str:
        """The sign-off as printed ("" where the style has none above the signature)."""
        return "" if self.sign_off == NO_SIGN_OFF else self.sign_off

    @property
    def bold(self) -> bool:
        return self.recital in {RecitalEmphasis.BOLD, RecitalEmphasis.BOLD_ITALIC}

    @property
    def italic(self) -> bool:
        return self.recital in {RecitalEmphasis.ITALIC, RecitalEmphasis.BOLD_ITALIC}

    @property
    def recital_words(self) -> str:
        return RECITAL_WORDS.get(self.recital, "bold italics")

    @property
    def contact(self) -> str:
        """ "(212) 555-0100 or jdoe@example.com", as much as the style asks for and gives."""
        parts = {
            ClosingContact.PHONE: [self.contact_phone],
            ClosingContact.EMAIL: [self.contact_email],
            ClosingContact.BOTH: [self.contact_phone, self.contact_email],
        }.get(self.closing_contact, [])
        return " or ".join(part for part in parts if part)


STYLE_FIELDS = [f.name for f in fields(Style) if f.name != "letterhead_docx"]
# What a letter's own settings (ResponseLetter) may set of the style; its salutation, Attention
# lines and cc are typed out in full and read by context.build_context.
LETTER_FIELDS = ["recital", "response_label", "sign_off"]


def resolve(installation=None, company=None, letter=None, *, letterhead: bytes = b"") -> Style:
    """The style of one letter: the installation's LetterStyle, the company's, then the
    letter's ResponseLetter (None for any not set); each non-blank value replaces the one
    beneath. `letterhead` is the Word letterhead of the nearest style that has one."""
    values = {}
    for layer, names in ((installation, STYLE_FIELDS), (company, STYLE_FIELDS)):
        values.update(_set_values(layer, names))
    values.update(_set_values(letter, LETTER_FIELDS))
    return Style(**values, letterhead_docx=letterhead)


def _set_values(layer, names: list[str]) -> dict[str, str]:
    if layer is None:
        return {}
    return {name: getattr(layer, name) for name in names if getattr(layer, name, "")}


def attention_lines(style: Style, people: list[StaffMember]) -> list[str]:
    """The Attention block's lines (none where the style has no block)."""
    if style.attention == AttentionRule.NONE:
        return []
    if style.attention == AttentionRule.NAMES:
        return [member.name for member in people]
    return [member.line for member in people]


def salutation(
    style: Style, signatory: StaffMember | None, people: list[StaffMember]
) -> tuple[str, str]:
    """The salutation and, when the style's "Dear ..." cannot be written, why: the letter's
    staff have no Mr. or Ms. given, and guessing one is worse than asking. The letter then
    says "Ladies and Gentlemen:" until the user types the salutation in its settings."""
    if style.salutation == SalutationRule.FORMAL:
        return FORMAL_SALUTATION, ""
    addressed = addressed_people(style, signatory, people)
    written = staff.dear(addressed)
    if written:
        return written, ""
    if not addressed:
        return FORMAL_SALUTATION, (
            "The style says “Dear ...”, but the staff letter names nobody to address: "
            "type the salutation in the letter settings."
        )
    names = ", ".join(member.name for member in addressed if not member.honorific)
    return FORMAL_SALUTATION, (
        f"The style says “Dear ...”; say Mr. or Ms. for {names} (in the Attention lines, or "
        "type the salutation in the letter settings). Until then the letter says "
        f"“{FORMAL_SALUTATION}”."
    )


def addressed_people(
    style: Style, signatory: StaffMember | None, people: list[StaffMember]
) -> list[StaffMember]:
    """Whom "Dear ..." addresses: the signatory (as the Attention lines write him, where they
    name him, for the Mr. or Ms. the user may have added there) or everyone in the block."""
    if style.salutation != SalutationRule.SIGNATORY:
        return people
    if signatory is None:
        return []
    same = (member for member in people if member.surname == signatory.surname)
    return [next(same, signatory)]


def with_contact(closing: list[str], style: Style) -> list[str]:
    """The closing paragraphs, the last one giving the signer's telephone or e-mail where the
    style asks for it and the closing does not already give it."""
    contact = style.contact
    if not contact or any(contact in paragraph for paragraph in closing):
        return closing
    sentence = f"The undersigned may be reached at {contact}."
    if not closing:
        return [sentence]
    return [*closing[:-1], f"{closing[-1]} {sentence}"]
