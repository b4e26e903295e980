"""A table row of a letter laid out as it reads on paper, for the Word and HTML readers.

Pure Python, no Django. Word and HTML letters use tables for layout as much as for figures: a
"Re:" in one cell and the filings beside it, a comment number beside its text, a bullet beside
its item; and staff letters quote tables of figures. On paper a label cell reads as the start of
the line beside it ("Re: Example Corp."), a row of one-line cells reads across, and cells of
several lines are read one after the other, as a reader takes columns. A row read across is
written as plain text writes a table, "| Revenue | $1,200 | $1,350 |" (never
"Revenue$1,200$1,350"): the bars keep the figures apart, and a row so marked is never taken for
a heading or a comment number, nor run into the sentence after it.
"""

import re

ROW_START, CELL_SEPARATOR, ROW_END = "| ", " | ", " |"

# A cell that only labels the one beside it: "Re:", "Attention:", a list number "1." or "(a)",
# a roman "(iv)", or a bullet (Symbol-font bullets arrive as private-use characters).
_LABEL_RE = re.compile(
    r"^(?:[^\n]{1,30}:|\(?\d{1,3}[.)]|\(?[A-Za-z][.)]|\((?:[ivx]{1,5}|[IVX]{1,5})\)|"
    r"[•●▪◦■➢►◆❖\-–—*\uf000-\uf8ff])$"
)


def row_text(cells: list[str]) -> str:
    """The row's text, from cells given with lines split by "\\n" and paragraphs by a blank line.

    Empty cells are left out and a label cell joins the cell after it; what is left as one cell
    is its text as is, several one-line cells are one "| a | b |" line, and several cells of
    which one is longer are each a paragraph of their own.
    """
    merged: list[str] = []
    for cell in filter(None, (cell.strip() for cell in cells)):
        if merged and _LABEL_RE.match(merged[-1]):
            merged[-1] = f"{merged[-1]} {cell}"
        else:
            merged.append(cell)
    if len(merged) > 1 and all("\n" not in cell for cell in merged):
        return ROW_START + CELL_SEPARATOR.join(merged) + ROW_END
    return "\n\n".join(merged)


def is_table_row(line: str) -> bool:
    """Whether a line is a table row read across, as `row_text` writes it."""
    return line.startswith(ROW_START) and line.endswith(ROW_END)
