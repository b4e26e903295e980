"""Hostile text in every field that reaches an export: it is printed as text, never obeyed.

Each payload tries to break out of where the letter puts it (a `<style>` element, a CSS string,
an HTML attribute, Word's XML) and to make the renderer read a file of the server or fetch a URL.
A listener on this machine stands for "anywhere": the payloads point at it, and it must receive
nothing while every version of the letter is exported in every format.
"""

import datetime as dt
import io
import socket
import threading
import zipfile
from dataclasses import replace

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.exports_helpers import edgar_problems
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tracker import queries
from tracker.domain.exports import save_response_letter
from tracker.domain.letters import import_letter
from tracker.domain.responses import save_revision
from tracker.enums import ExportFormat, ExportVersion, Role
from tracker.exporters import exporter_for
from tracker.exporters.context import ResponseLetterContext, printable, section_for
from tracker.exporters.edgar import EdgarHtmlExporter
from tracker.exporters.pdf import letter_html
from tracker.parsing import Addressee, Contact, FilingRef, ParsedComment, ParsedLetter, Signatory

pytestmark = pytest.mark.django_db


class Listener:
    """A TCP listener on the loopback that counts who connects to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


@pytest.fixture
def listener():
    found = Listener()
    yield found
    found.close()


def payloads(port: int) -> list[str]:
    """The families of hostile text: markup, CSS and XML break-outs, local files, URLs."""
    url = f"http://127.0.0.1:{port}"
    return [
        "X</style><link rel=attachment href=file:///etc/passwd><style>",
        f'X</style><link rel=stylesheet href="{url}/sheet.css"><style>',
        f"<img src={url}/image.png>",
        f'"); }} @page {{ @top-left {{ content: url({url}/css-string) }} }} x {{ content: ("',
        f'\\" ; background: url({url}/escaped-quote) ; \\',
        f"@import url({url}/import.css);",
        '<a rel="attachment" href="file:///etc/hostname">file</a>',
        f"<iframe src={url}/frame></iframe><object data={url}/object></object>",
        f"<svg onload=\"fetch('{url}/svg')\"><script>fetch('{url}/script')</script>",
        "</w:t></w:r><w:r><w:t>injected",
        "]]><!-- {{ 7|add:7 }} {% debug %}",
        "tab\tvertical\x0bform\x0cbell\x07",
        "W" * 300 + "\x7fdel\u202eevil\u2066isolated",
    ]


def hostile_letter(texts: list[str]):
    """A letter whose every printed field, setting and response carries the hostile texts."""
    joined = " ".join(texts)
    company = CompanyFactory(name=f"Acme {texts[0]}", letterhead="\n".join(texts))
    author = UserFactory()
    MembershipFactory(user=author, company=company, role=Role.PREPARER)
    parsed = ParsedLetter(
        date=dt.date(2026, 11, 2),
        kind="comments",
        addressee=Addressee(name=texts[1], title=texts[2], company=company.name),
        salutation=f"Dear {texts[3]}:",
        re_block=f"Re: {texts[4]}\n{texts[5]}",
        registrant=company.name,
        filings=[FilingRef(form="S-1", description=texts[6], file_number=f"333-1{texts[7]}")],
        comments=[
            ParsedComment(number=n, headings=[texts[n], texts[-n]], pages=["1"], text=joined)
            for n in (1, 2)
        ],
        contacts=[Contact(name=texts[8], title=texts[9], phone="(202) 551-0000")],
        signatory=Signatory(name=texts[10], title=texts[11]),
        cc=texts,
        source_text=joined,
    )
    letter = import_letter(parsed, received_on=dt.date(2026, 11, 2), company=company)
    for comment in letter.comments.select_related("response"):
        text = f"{texts[0]} [[{joined}]]\n\n- **{texts[1]}**\n- *{texts[2]}*"
        save_revision(comment.response, text, author=author, based_on=None)
    settings = {
        "letterhead": "\n".join(texts),
        "delivery_line": texts[0],
        "office": texts[1],
        "attention": texts,
        "on_behalf_of": texts[0],
        "amendment_name": texts[2],
        "page_reference_document": texts[3],
        "opening": f"{{company}} {joined}",
        "closing": joined,
        "signer_name": texts[4],
        "signer_title": texts[5],
        "signer_firm": texts[6],
        "cc": "\n".join(texts),
        "page_code_prefix": texts[0][:12],  # the column holds 12; the form allows no more
    }
    save_response_letter(letter, settings, actor=author)
    return letter


EXPORTS = [
    (format, version)
    for version in (ExportVersion.STANDARD, ExportVersion.CONFIDENTIAL, ExportVersion.PUBLIC)
    for format in ExportFormat.values
] + [
    (format, ExportVersion.FOIA_REQUEST)
    for format in (ExportFormat.DOCX, ExportFormat.PDF, ExportFormat.TXT)
]


def render(letter, format: str, version: str) -> bytes:
    context = queries.response_letter_context(letter, version=version)
    return exporter_for(format, version).render(context).data


def test_hostile_text_in_every_field_fetches_nothing_and_attaches_nothing(listener):
    letter = hostile_letter(payloads(listener.port))
    for format, version in EXPORTS:
        data = render(letter, format, version)
        if format == ExportFormat.PDF:
            reader = PdfReader(io.BytesIO(data))
            assert not reader.attachments, (format, version)
            assert b"root:" not in data
        if format == ExportFormat.HTML:
            assert edgar_problems(data) == [], version
            assert b"<img" not in data.lower() and b"<link" not in data.lower()
        if format == ExportFormat.DOCX:
            assert_no_outside_targets(data)
        if format == ExportFormat.TXT:
            assert max(map(len, data.decode("ascii").splitlines())) <= 80, version
        if format in (ExportFormat.TXT, ExportFormat.HTML):
            assert b"\x7f" not in data and b"&#8238;" not in data
    assert listener.connections == 0


def assert_no_outside_targets(data: bytes) -> None:
    """No part of the Word file links to anything outside it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = [archive.read(name) for name in archive.namelist() if name.endswith(".rels")]
    assert not any(b'TargetMode="External"' in rel for rel in rels)


def test_the_pdf_letter_prints_the_hostile_text_as_text(listener):
    letter = hostile_letter(payloads(listener.port))
    context = queries.response_letter_context(letter, version=ExportVersion.CONFIDENTIAL)
    page = BeautifulSoup(letter_html(context), "html.parser")
    assert [tag.name for tag in page.find_all(["style", "link", "img", "iframe", "script"])] == [
        "link",
        "style",
    ]
    assert page.link["href"] == "letter.css"
    assert "<" not in page.style.string
    assert not page.find_all(attrs={"onload": True}) and not page.find_all(attrs={"src": True})
    assert "X</style><link rel=attachment href=file:///etc/passwd><style>" in page.get_text()


def test_the_word_letter_keeps_each_hostile_value_as_typed(listener):
    import docx

    texts = payloads(listener.port)
    data = render(hostile_letter(texts), ExportFormat.DOCX, ExportVersion.STANDARD)
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "</w:t></w:r><w:r><w:t>injected" in body
    assert "<img src=" in body


def test_weasyprint_fetches_nothing_but_the_packaged_stylesheets(listener):
    from tracker.exporters.weasy import html_document

    url = f"http://127.0.0.1:{listener.port}"
    markup = (
        f'<link rel="stylesheet" href="{url}/sheet.css"><link rel="stylesheet" href="letter.css">'
        '<link rel="attachment" href="file:///etc/passwd">'
        '<link rel="stylesheet" href="../html.py">'
        f'<p class="staff">Comment</p><img src="{url}/image.png"><img src="file:///etc/hostname">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E">'
    )
    data = html_document(markup).write_pdf()
    assert not PdfReader(io.BytesIO(data)).attachments
    assert listener.connections == 0
    # letter.css, served from the package, sets the staff's comments in bold italics.
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fonts = {char["fontname"] for char in pdf.pages[0].chars}
    assert any("bold" in font.lower() and "italic" in font.lower() for font in fonts), fonts


PLAIN_FIELDS = ["company", "delivery_line", "salutation", "opening", "signer_name"]
LIST_FIELDS = ["letterhead", "addressee", "attention", "re_lines", "closing", "cc"]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(payloads(9) + ["<", ">", "&", '"', "'", "\\", "\n", "</style", "*", "[["]),
        st.text(max_size=12),
    ),
    min_size=1,
    max_size=6,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=hostile_text, field=st.sampled_from(PLAIN_FIELDS + LIST_FIELDS))
def test_any_text_in_any_letter_field_stays_text_in_the_pdf_and_edgar_html(value, field):
    context = sample_context(field, value)
    page = BeautifulSoup(letter_html(context), "html.parser")
    assert [tag.name for tag in page.head.find_all(True)] == [
        "meta",
        "title",
        "meta",
        "link",
        "style",
    ]
    assert "<" not in page.style.string
    names = {tag.name for tag in page.body.find_all(True)}
    assert names <= {
        "p",
        "br",
        "div",
        "section",
        "h2",
        "h3",
        "h4",
        "ul",
        "li",
        "em",
        "strong",
        "span",
        "mark",
    }
    edgar = EdgarHtmlExporter().data(context)
    assert edgar_problems(edgar) == []
    assert b"<img" not in edgar and b"<link" not in edgar


def sample_context(field: str, value: str) -> ResponseLetterContext:
    """A small confidential-version context with one field set to `value` (no database)."""
    section = section_for(
        1, [(0, "General")], "Please revise.", ("draft", "[[Yes.]] *No*"), "confidential"
    )
    base = ResponseLetterContext(
        version=ExportVersion.CONFIDENTIAL,
        draft=True,
        company="Acme, Inc.",
        letter_date=dt.date(2026, 11, 2),
        dated=dt.date(2026, 11, 16),
        letterhead=["Acme"],
        delivery_line="Via EDGAR",
        addressee=["Division of Corporation Finance"],
        attention=["A. Examiner"],
        re_lines=["Acme, Inc."],
        salutation="Ladies and Gentlemen:",
        opening="On behalf of Acme.",
        sections=[section],
        closing=["Thank you."],
        signer_name="B. Counsel",
        signer_title="Partner",
        signer_firm="Firm LLP",
        cc=["C. Officer"],
        page_code_prefix="ACME",
        file_stem="acme",
    )
    value = printable(value)
    return replace(base, **{field: [value] if field in LIST_FIELDS else value})
