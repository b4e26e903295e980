"""Errors raised while reading a staff letter; each carries a message fit to show a user."""

from .limits import LETTER

MAX_LETTER_BYTES = LETTER.max_bytes


class ParseError(Exception):
    """Base class: the letter could not be read. ``str(error)`` is the user-facing message."""

    default_message = "The letter could not be read."

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self)


class EmptyDocument(ParseError):
    default_message = "The document is empty."


class NotALetter(ParseError):
    default_message = (
        "No numbered staff comments were found, and this is not a closing or no-review letter. "
        "You can enter the comments by hand."
    )


class NeedsOCR(ParseError):
    default_message = (
        "This PDF has no text layer (it looks like a scan). Run it through OCR first, "
        "or enter the comments by hand."
    )


class EncryptedDocument(ParseError):
    default_message = "The document is password-protected. Upload an unprotected copy."


class CorruptDocument(ParseError):
    default_message = "The file is damaged or incomplete and could not be opened."


class TooLarge(ParseError):
    """Over one of the caps in `limits`: the file, its pages, or what it unpacks to."""

    default_message = LETTER.too_large()


class NotADocument(ParseError):
    """An image or other binary file where a letter or filing (PDF, Word, HTML, text) belongs."""

    default_message = (
        "This file is not text, PDF, Word or HTML (it looks like binary data), so it could not "
        "be read."
    )


class ResponseLetter(ParseError):
    """A response to the staff (a CORRESP) where the staff's own letter belongs."""

    default_message = (
        "This is a response letter to the SEC staff (a CORRESP from the company or its "
        "counsel), not a comment letter from the staff. Upload the staff's letter instead; "
        "responses are written and exported from the letter's page."
    )
