"""Errors raised while reading a staff letter; each carries a message fit to show a user."""

MAX_LETTER_BYTES = 20 * 1024 * 1024


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
    default_message = (
        f"The file is larger than {MAX_LETTER_BYTES // (1024 * 1024)} MB, "
        "too large for a staff letter."
    )
