"""Response runs as HTML, for every renderer that writes HTML: the pages, the PDF and EDGAR HTML.

Escaping is decided here and nowhere else. Each run's text is escaped once, then wrapped in tags
this module chooses, so nothing a user typed can become a tag, an attribute or a link. Values
that must go into CSS (the PDF's running heads) go through `css_string`, which lets through only
letters, digits and a few punctuation marks and writes everything else as a CSS escape.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from tracker.parsing.markup import Run

_CSS_PLAIN_RE = re.compile(r"[A-Za-z0-9 ,.\-]")


@dataclass(frozen=True)
class RunTags:
    """The tags one renderer gives a run's styles; `confidential` wraps the escaped HTML of a
    confidential (Rule 83) passage, or None to leave it unmarked."""

    bold: str = "strong"
    italic: str = "em"
    confidential: Callable[[str], str] | None = None


def runs_html(shown: Iterable[tuple[Run, str]], tags: RunTags) -> str:
    """One paragraph or bullet as HTML: `shown` pairs each run with the text to print (see
    `exporters.base.shown`); every text is escaped, quotes included."""
    parts = []
    for run, text in shown:
        html = escape(text)
        if run.italic:
            html = f"<{tags.italic}>{html}</{tags.italic}>"
        if run.bold:
            html = f"<{tags.bold}>{html}</{tags.bold}>"
        if run.confidential and tags.confidential is not None:
            html = tags.confidential(html)
        parts.append(html)
    return "".join(parts)


def css_string(*lines: str) -> str:
    """The lines as one quoted CSS string, a line break between them.

    Only [A-Za-z0-9 ,.-] stand as themselves; every other character (quotes, backslashes, "<"
    of a "</style>", line breaks) is written as a six-digit CSS escape (CSS Syntax Level 3,
    4.3.7), which needs no terminating space and cannot end the string or the style element.
    """
    text = "\n".join(lines)
    return '"' + "".join(_css_char(ch) for ch in text) + '"'


def _css_char(ch: str) -> str:
    return ch if _CSS_PLAIN_RE.fullmatch(ch) else f"\\{ord(ch):06x}"
