"""Names for the files corresp keeps under MEDIA_ROOT (never under STATIC_ROOT, never served
directly): random, so a name tells nothing about the matter and cannot be guessed, with the
extension of what the bytes are rather than what the user called the file."""

from pathlib import PurePath
from uuid import uuid4

from tracker.parsing.extract import sniff_format

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "html": "html", "text": "txt"}


def stored_name(data: bytes) -> str:
    """For a file someone uploaded: its extension read from its content."""
    return f"{uuid4().hex}.{EXTENSIONS[sniff_format(data)]}"


def generated_name(filename: str) -> str:
    """For a file corresp made itself: the extension of the format it was made in."""
    return f"{uuid4().hex}{PurePath(filename).suffix}"
