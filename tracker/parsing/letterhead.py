"""A firm's Word letterhead, checked before python-docx opens it.

Pure Python. The upload must be a Word document (.docx: a zip whose main part is a
WordprocessingML document, ECMA-376 Part 1, 11.3.10), within LETTERHEAD's caps, its parts
checked against what they declare before any is unpacked (`docx_reader.check_parts`). A
macro-enabled document (.docm) or a template (.dotx) is refused: python-docx opens neither,
and a letterhead has no need of macros.
"""

import io
import zipfile
import zlib

from .docx_reader import _read_part, check_parts
from .errors import CorruptDocument, ParseError, TooLarge
from .limits import LETTERHEAD

CONTENT_TYPES_PART = "[Content_Types].xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
NOT_WORD = (
    "The letterhead must be a Word document (.docx) with its header, footer and styles; "
    "this file is not one."
)
OTHER_WORD = (
    "This is a Word template or a macro-enabled document; open it in Word and save it as a "
    "Word Document (.docx) to use it as the letterhead."
)


class NotALetterhead(ParseError):
    default_message = NOT_WORD


def check_letterhead(data: bytes) -> None:
    """Raise a ParseError whose message says what is wrong, or return if `data` may be opened
    as a .docx: NotALetterhead, TooLarge (the file or what it unpacks to), CorruptDocument."""
    if len(data) > LETTERHEAD.max_bytes:
        raise TooLarge(LETTERHEAD.too_large())
    if not data.startswith(b"PK\x03\x04"):
        raise NotALetterhead()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "word/document.xml" not in names or CONTENT_TYPES_PART not in names:
                raise NotALetterhead()
            check_parts(archive, LETTERHEAD)
            types = _read_part(archive, CONTENT_TYPES_PART, LETTERHEAD)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise CorruptDocument() from error
    except (NotImplementedError, RuntimeError) as error:
        raise CorruptDocument() from error
    if DOCUMENT_TYPE not in types:
        raise NotALetterhead(OTHER_WORD)
