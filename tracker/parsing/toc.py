"""A filing's table of contents: its entries, and where each entry's heading sits in the text."""

import re
from dataclasses import dataclass

from .filing_blocks import Block

_ENTRY_RE = re.compile(
    r"^(?P<title>[^|]*?[A-Za-z][^|]*?)(?:\s*\|\s*|\s*\.{2,}\s*|\s+)"
    r"(?P<page>(?:[A-Z]{1,2}-)?\d{1,4}|[ivxl]{1,6})$"
)
_FILLER = {"page", "pages", "pageno", "tableofcontents", "contents", "index"}
MIN_ENTRIES = 3


@dataclass(frozen=True)
class TocEntry:
    title: str
    page: str


@dataclass(frozen=True)
class Toc:
    entries: list[TocEntry]
    end: int  # index of the first block after the table of contents


def norm(text: str) -> str:
    """A title reduced to its letters and digits, for comparing a TOC entry with a heading."""
    return re.sub(r"[^a-z0-9]+", "", text.casefold().replace("’", "'"))


def toc_entry(block: Block) -> TocEntry | None:
    match = _ENTRY_RE.match(block.text)
    title = match["title"].rstrip() if match else ""
    if not match or len(title) > 150 or (title.endswith(".") and not title.endswith("...")):
        return None
    return TocEntry(match["title"].strip(" .|"), match["page"])


def find_toc(blocks: list[Block]) -> Toc | None:
    """The first run of at least MIN_ENTRIES "title ... page" lines (a "Page" header allowed)."""
    run: list[TocEntry] = []
    for index, block in enumerate(blocks):
        entry = toc_entry(block)
        if entry is not None:
            run.append(entry)
        elif norm(block.text) in _FILLER:
            continue
        elif len(run) >= MIN_ENTRIES:
            return Toc(run, index)
        else:
            run = []
    return Toc(run, len(blocks)) if len(run) >= MIN_ENTRIES else None


def match_toc(toc: Toc, blocks: list[Block]) -> dict[int, str]:
    """The heading each entry names: its block's index and the entry's title (as the contents
    print it, where the heading itself is often in capitals). Entries not found are skipped."""
    norms = [None if block.row else norm(block.text) for block in blocks]
    found: dict[int, str] = {}
    cursor = toc.end
    for entry in toc.entries:
        wanted = norm(entry.title)
        index = next((i for i in range(cursor, len(blocks)) if norms[i] == wanted), None)
        if index is not None:
            found[index] = entry.title
            cursor = index + 1
    return found
