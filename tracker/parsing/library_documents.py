"""One EDGAR document of a public review, read for the precedent library. Pure Python.

A staff letter (form type UPLOAD) is read as an upload is (`read_upload`): PDF, or text when
only the text is given. A letter to the staff (CORRESP: .htm, .pdf or .txt) is read by the
response-letter reader for its keyed answers. `read_library_document` is what the bounded
child runs for each file (see sandbox.bounded_each).
"""

from dataclasses import dataclass

from .extract import extract_text
from .letters import read_upload
from .model import ParsedLetter
from .response_letters import ParsedResponse, read_response_file

UPLOAD = "UPLOAD"
CORRESP = "CORRESP"


@dataclass
class LibraryReading:
    """What a document gave: its text, and the staff letter or the response it is."""

    form_type: str  # UPLOAD or CORRESP
    text: str = ""
    letter: ParsedLetter | None = None
    response: ParsedResponse | None = None


def read_library_document(item: tuple[str, bytes]) -> LibraryReading:
    """`item` is (form type, the file's bytes). Raises the readers' ParseError for a file that
    cannot be read (damaged, a scan, not a letter)."""
    form_type, data = item
    if form_type == UPLOAD:
        letter = read_upload(data)
        return LibraryReading(form_type, text=letter.source_text, letter=letter)
    # The response is read from the file as filed (HTML's bold and italic tell a recited
    # comment from its answer); the text kept is the plain text a reader searches.
    response = read_response_file(data)
    return LibraryReading(form_type, text=extract_text(data), response=response)
