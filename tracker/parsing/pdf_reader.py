"""A PDF's text, page by page, read within `Limits`.

Pure Python, no Django. pdfminer (under pdfplumber) lays out the text well but unpacks every
stream it meets without a bound, so pypdf looks first: it counts the pages, and unpacks each
stream pdfminer may unpack (all but images) under pypdf's own output caps set to what is left
of ours. A file past a cap is refused with its message before pdfminer reads anything.
"""

import io

from .errors import CorruptDocument, EncryptedDocument, NeedsOCR, ParseError, TooLarge
from .limits import Limits

# Blank line between two text lines when the vertical gap exceeds this share of a line height:
# lines of one paragraph sit about 0.2 apart, paragraphs about 0.8.
_PARAGRAPH_GAP = 0.5
# Images are only placed on the page, never unpacked, when text is laid out.
_NOT_UNPACKED = {"/Image"}


def pdf_pages(data: bytes, limits: Limits) -> list[str]:
    """Each page's text, its paragraphs apart by a blank line.

    Raises EncryptedDocument, CorruptDocument, TooLarge (too many pages, or streams that unpack
    past the cap), and NeedsOCR when no page has text.
    """
    page_count = check_pdf(data, limits)
    pages = _layout_text(data, page_count)
    if not any(page.strip() for page in pages):
        raise NeedsOCR()
    return pages


def check_pdf(data: bytes, limits: Limits) -> int:
    """The page count, once the file is known to be unencrypted and within `limits`."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise EncryptedDocument()
        pages = len(reader.pages)
        if pages > limits.max_pages:
            raise TooLarge(limits.too_many_pages(pages))
        _check_streams(reader, limits)
    except ParseError:
        raise
    except LimitReachedError as error:  # pypdf's own caps: page tree, arrays, dictionaries
        raise TooLarge(limits.expands_too_far("This PDF")) from error
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise CorruptDocument() from error
    except (RecursionError, IndexError, AssertionError) as error:
        raise CorruptDocument() from error
    return pages


def _check_streams(reader, limits: Limits) -> None:
    """Unpack each stream under what is left of the cap, keeping none of the output."""
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError
    from pypdf.filters import decode_stream_data
    from pypdf.generic import IndirectObject, StreamObject

    left = limits.max_expanded_bytes
    for generation, numbers in reader.xref.items():
        for number in numbers:
            stream = reader.get_object(IndirectObject(number, generation, reader))
            if not isinstance(stream, StreamObject) or stream.get("/Subtype") in _NOT_UNPACKED:
                continue
            caps = {name: max(left, 1) for name in _OUTPUT_CAPS}
            try:
                with apply_configuration(**caps, stream_decoding_work_maximum_length=2 * left):
                    left -= len(decode_stream_data(stream))
            except LimitReachedError as error:
                raise TooLarge(limits.expands_too_far("This PDF")) from error
            except Exception:  # noqa: BLE001 -- a stream pypdf cannot unpack: pdfminer judges it
                left -= len(stream._data or b"")
            if left < 0:
                raise TooLarge(limits.expands_too_far("This PDF"))


_OUTPUT_CAPS = [
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length",
]


def _layout_text(data: bytes, page_count: int) -> list[str]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), pages=range(1, page_count + 1)) as pdf:
            return [_page_text(page) for page in pdf.pages]
    except Exception as error:  # pdfminer raises bare Exceptions on some damaged streams
        raise CorruptDocument() from error


def _page_text(page) -> str:
    """A page's lines, with a blank line wherever the vertical gap shows a new paragraph."""
    out: list[str] = []
    previous = None
    for line in page.extract_text_lines(keep_blank_chars=False):
        height = max(line["bottom"] - line["top"], 1.0)
        if previous is not None and line["top"] - previous["bottom"] > _PARAGRAPH_GAP * height:
            out.append("")
        out.append(line["text"])
        previous = line
    page.close()  # drop the page's laid-out objects before the next page
    return "\n".join(out)
