"""Reading exports back, and EDGAR's rules for HTML, for the export tests."""

import io
import re
import zipfile
from html.parser import HTMLParser

import docx
import pdfplumber
from bs4 import BeautifulSoup

from tests.factories import RevisionFactory, UserFactory
from tracker.enums import ResponseStatus

# EDGAR Filer Manual, Volume II, 5.2.2: the HTML tags a filing may use.
# fmt: off
EDGAR_ALLOWED_TAGS = {
    "a", "address", "b", "big", "blockquote", "body", "br", "caption", "center", "cite", "code",
    "dd", "dfn", "dir", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "hr", "html", "i", "img", "kbd", "li", "menu", "meta", "ol", "p", "pre", "samp",
    "small", "strike", "strong", "sub", "sup", "table", "td", "th", "title", "tr", "tt", "u",
    "ul", "var",
}
# fmt: on
FORBIDDEN_TAGS = {
    "script",
    "style",
    "form",
    "frame",
    "iframe",
    "object",
    "embed",
    "del",
    "ins",
    "s",
}


class EdgarCheck(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.html_elements = 0

    def handle_starttag(self, tag, attrs):
        self.html_elements += tag == "html"
        if tag not in EDGAR_ALLOWED_TAGS or tag in FORBIDDEN_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event attribute {name}")
            if name == "href" and not value.startswith("#"):
                self.problems.append(f"external link {value}")
            if name == "src" and ("://" in value or value.startswith("//")):
                self.problems.append(f"external image {value}")
            if name == "style" and re.search(r"url\(|expression", value, re.I):
                self.problems.append(f"style {value}")

    def handle_comment(self, data):
        self.problems.append("HTML comment")


def edgar_problems(data: bytes) -> list[str]:
    """What EDGAR would refuse in this HTML document."""
    problems = [] if data.isascii() else ["characters outside ASCII"]
    check = EdgarCheck()
    check.feed(data.decode("ascii", "replace"))
    if check.html_elements != 1:
        problems.append(f"{check.html_elements} html elements")
    return problems + check.problems


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def docx_raw(data: bytes) -> bytes:
    """Every part of the Word file unzipped: body, headers, styles, properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdf_metadata(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return repr(pdf.metadata)


def html_text(data: bytes) -> str:
    return BeautifulSoup(data, "html.parser").get_text(" ")


def flat(text: str) -> str:
    return " ".join(text.split())


def approve(comment, text: str) -> None:
    """An approved response, written straight to the database."""
    response = comment.response
    number = response.revisions.count() + 1
    RevisionFactory(response=response, number=number, text=text, author=UserFactory())
    response.status = ResponseStatus.APPROVED
    response.save(update_fields=["status"])


def response_text(number: int) -> str:
    return f"The Company respectfully refers the Staff to its response number {number}."


def approve_all(letter, texts: dict[int, str] | None = None) -> None:
    for comment in letter.comments.select_related("response"):
        approve(comment, (texts or {}).get(comment.number, response_text(comment.number)))
