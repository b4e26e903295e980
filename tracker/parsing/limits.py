"""How much of a file the readers will take on: the caps for a staff letter and for a filing.

Every cap a reader checks lives here, with the message a user sees when a file passes it. The
caps are checked before a part is parsed, against what the file says and what it really holds,
so a compression bomb is refused after reading at most one cap's worth of bytes.
"""

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps for one kind of document, sizes in bytes; the methods give the message a reader
    raises (as TooLarge) when a file passes a cap."""

    noun: str  # what the user uploaded, for messages: "staff letter", "filing"
    max_bytes: int  # the file as uploaded
    max_pages: int  # pages of a PDF
    max_expanded_bytes: int  # a PDF's streams or a Word file's parts, once decompressed
    max_ratio: int  # decompressed to compressed, for a Word file's parts over RATIO_FLOOR
    max_table_cells: int  # cells of a Word file's tables, all together

    def too_large(self) -> str:
        return f"The file is larger than {self.max_bytes // MB} MB, too large for a {self.noun}."

    def too_many_pages(self, pages: int) -> str:
        return (
            f"The PDF has {pages:,} pages; a {self.noun} is read only up to "
            f"{self.max_pages:,} pages."
        )

    def expands_too_far(self, what: str) -> str:
        return (
            f"{what} unpacks to more than {self.max_expanded_bytes // MB} MB, too much for a "
            f"{self.noun}; it may be a compression bomb, so it was not read."
        )

    def compressed_too_far(self, part: str) -> str:
        return (
            f"The part {part!r} of this Word file is compressed more than {self.max_ratio} to 1, "
            "as no real document is; it may be a compression bomb, so it was not read."
        )

    def too_many_cells(self) -> str:
        return (
            f"The Word file's tables hold more than {self.max_table_cells:,} cells, too many "
            f"for a {self.noun}."
        )


# Parts smaller than this once unpacked are not held to the ratio: tiny XML parts of repeated
# markup compress far, and cannot hurt.
RATIO_FLOOR = 1 * MB

LETTER = Limits(
    noun="staff letter",
    max_bytes=20 * MB,
    max_pages=300,
    max_expanded_bytes=50 * MB,
    max_ratio=200,
    max_table_cells=20_000,
)
FILING = Limits(
    noun="filing",
    max_bytes=100 * MB,
    max_pages=2_000,
    max_expanded_bytes=250 * MB,
    max_ratio=200,
    max_table_cells=500_000,
)
# A firm's Word letterhead: a page or two of header, footer, logo and styles.
LETTERHEAD = Limits(
    noun="Word letterhead",
    max_bytes=5 * MB,
    max_pages=0,
    max_expanded_bytes=20 * MB,
    max_ratio=200,
    max_table_cells=2_000,
)
