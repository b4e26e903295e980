"""Staff comment letters as data: pure Python, no Django.

``parse_letter(text)`` and ``parse_letter_file(data)`` return a ``ParsedLetter``; failures raise
a ``ParseError`` subclass whose message can be shown to the user.
"""

from .business_days import add_business_days, is_business_day
from .errors import (
    MAX_LETTER_BYTES,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    NeedsOCR,
    NotADocument,
    NotALetter,
    ParseError,
    ResponseLetter,
    TooLarge,
)
from .extract import extract_text
from .letter_json import letter_from_json, letter_to_json
from .letters import parse_letter, parse_letter_file, read_upload
from .model import Addressee, Contact, FilingRef, ParsedComment, ParsedLetter, Signatory
from .pages import page_refs
from .samples import synthetic_letter

__all__ = [
    "MAX_LETTER_BYTES",
    "Addressee",
    "Contact",
    "CorruptDocument",
    "EmptyDocument",
    "EncryptedDocument",
    "FilingRef",
    "NeedsOCR",
    "NotADocument",
    "NotALetter",
    "ParseError",
    "ParsedComment",
    "ParsedLetter",
    "ResponseLetter",
    "Signatory",
    "TooLarge",
    "add_business_days",
    "extract_text",
    "is_business_day",
    "letter_from_json",
    "letter_to_json",
    "page_refs",
    "parse_letter",
    "parse_letter_file",
    "read_upload",
    "synthetic_letter",
]
