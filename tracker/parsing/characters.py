"""The characters no letter holds: one rule for text read from a file and text a user typed.

Removed: C0 controls but tab and line feed (form feed too, except where a reader marks page
breaks with it), DEL and the C1 controls, the bidirectional overrides and isolates (U+202A-202E,
U+2066-2069: they make "evil" display as "live"), lone surrogates, and U+FFFE/U+FFFF. XML 1.0
(section 2.2) cannot hold most of them, so neither can a Word file; PostgreSQL refuses U+0000;
EDGAR's ASCII documents refuse DEL. Windows and old Mac line ends become line feeds.
"""

import re

_UNPRINTABLE = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNPRINTABLE_RE = re.compile(f"[{_UNPRINTABLE}\x0c]")
_UNPRINTABLE_KEEPING_PAGES_RE = re.compile(f"[{_UNPRINTABLE}]")


def printable(text: str, *, page_breaks: bool = False) -> str:
    """`text` without the characters above; `page_breaks` keeps form feeds (U+000C), which the
    PDF reader puts between pages."""
    return printable_counted(text, page_breaks=page_breaks)[0]


def printable_counted(text: str, *, page_breaks: bool = False) -> tuple[str, int]:
    """(`printable(text)`, how many characters it removed), for telling a user who typed or
    pasted them. Line ends made line feeds are not counted: nothing of the text is lost."""
    pattern = _UNPRINTABLE_KEEPING_PAGES_RE if page_breaks else _UNPRINTABLE_RE
    return pattern.subn("", text.replace("\r\n", "\n").replace("\r", "\n"))
