"""What EDGAR asks of the files themselves: names, pages, and the public copy's legend."""

import datetime as dt
import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from tests.exports_helpers import (
    approve_all,
    docx_paragraphs,
    docx_raw,
    edgar_problems,
    flat,
    pdf_pages,
)
from tracker import queries
from tracker.domain.demo import seed_demo
from tracker.domain.exports import save_response_letter
from tracker.enums import ExportFormat, ExportVersion
from tracker.exporters import exporter_for
from tracker.exporters.context import OMISSION_LEGEND

pytestmark = pytest.mark.django_db

# EDGAR Filer Manual, Volume II, 5.1.2.
EDGAR_NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]*\.[a-z]+")
EVERY_EXPORT = [
    (format, version)
    for version in (ExportVersion.STANDARD, ExportVersion.CONFIDENTIAL, ExportVersion.PUBLIC)
    for format in ExportFormat.values
] + [(format, ExportVersion.FOIA_REQUEST) for format in ("docx", "pdf", "txt")]


@pytest.fixture
def demo():
    return seed_demo()


def counsel(letter):
    return letter.review.company.memberships.get(user__username="counsel").user


def dated(letter, **settings):
    save_response_letter(letter, {"dated": dt.date(2010, 1, 4), **settings}, actor=counsel(letter))
    return letter


def names(letter) -> dict[tuple[str, str, bool], str]:
    found = {}
    for format, version in EVERY_EXPORT:
        context = queries.response_letter_context(letter, version=version)
        for draft in (True, False):
            exporter = exporter_for(format, version)
            found[format, version, draft] = exporter.filename(replace(context, draft=draft))
    return found


def test_file_names_are_edgar_names_of_the_company_code_and_the_date(demo):
    found = names(dated(demo, page_code_prefix="CALX"))
    assert found["html", ExportVersion.PUBLIC, False] == "calx-resp-20100104-pub.htm"
    assert found["txt", ExportVersion.STANDARD, True] == "calx-draft-20100104.txt"
    assert found["docx", ExportVersion.FOIA_REQUEST, False] == "calx-resp-20100104-r83.docx"
    assert all(EDGAR_NAME_RE.fullmatch(name) and len(name) <= 32 for name in found.values())
    assert len(set(found.values())) == len(found)


def test_a_long_company_code_is_shortened_to_keep_every_name_within_32_characters(demo):
    found = names(dated(demo, page_code_prefix="ABCDEFGHIJKL"))
    assert max(map(len, found.values())) == 32
    assert found["docx", ExportVersion.CONFIDENTIAL, True] == "abcdefg-draft-20100104-conf.docx"
    assert found["html", ExportVersion.PUBLIC, False] == "abcdefghij-resp-20100104-pub.htm"
    assert len(set(found.values())) == len(found)


def test_file_names_carry_nothing_of_the_responses(demo):
    approve_all(demo, {1: "Secret merger with Initech"})
    assert not any("initech" in name or "secret" in name for name in names(dated(demo)).values())


@pytest.fixture
def marked(demo):
    """The demo letter with a confidential passage in response 7, dated and coded."""
    approve_all(demo, {7: "The Company expects to spend [[$12.5 million on Osprey]] in 2010."})
    return dated(demo, page_code_prefix="CALX")


def render(letter, format: str, version: str) -> bytes:
    context = queries.response_letter_context(letter, version=version, draft=False)
    return exporter_for(format, version).render(context).data


def html_chunks(data: bytes) -> list[str]:
    """The EDGAR HTML's body, split at its page breaks."""
    body = data.decode("ascii").split("<body", 1)[1]
    return body.split('<p style="margin:0;page-break-before:always">')


def html_pages(data: bytes) -> list[str]:
    """The EDGAR HTML's pages as text."""
    first, *later = html_chunks(data)
    chunks = [f"<body{first}", *(f"<p>{chunk}" for chunk in later)]
    return [flat(BeautifulSoup(chunk, "html.parser").get_text(" ")) for chunk in chunks]


def test_public_copy_opens_with_the_omission_legend_in_every_format(marked):
    legend = flat(OMISSION_LEGEND)
    assert docx_paragraphs(render(marked, "docx", ExportVersion.PUBLIC))[0][1] == legend
    assert flat(pdf_pages(render(marked, "pdf", ExportVersion.PUBLIC))[0]).startswith(legend)
    assert html_pages(render(marked, "html", ExportVersion.PUBLIC))[0].startswith(
        "Certain information in this letter has been omitted from the copy filed on EDGAR"
    )
    text = flat(render(marked, "txt", ExportVersion.PUBLIC).decode("ascii"))
    assert 'Each omission is marked in this copy with "[***]".' in text.split("2010")[0]


def test_confidential_and_plain_copies_carry_no_omission_legend(marked, demo):
    for version in (ExportVersion.CONFIDENTIAL, ExportVersion.FOIA_REQUEST):
        assert b"has been omitted from the copy filed" not in render(marked, "txt", version)
    plain = seed_demo()
    assert b"has been omitted" not in render(plain, "html", ExportVersion.STANDARD)


def test_public_copy_carries_a_page_code_on_every_page_as_the_confidential_one_does(marked):
    for version in (ExportVersion.PUBLIC, ExportVersion.CONFIDENTIAL):
        pages = pdf_pages(render(marked, "pdf", version))
        codes = [f"CALX-{n:03d}" for n in range(1, len(pages) + 1)]
        assert [code in page for code, page in zip(codes, pages, strict=True)] == [True] * len(
            pages
        )
        assert b"CALX-</w:t>" in docx_raw(render(marked, "docx", version))
    html = html_pages(render(marked, "html", ExportVersion.PUBLIC))
    assert [page.endswith(f"CALX-{n:03d}") for n, page in enumerate(html, 1)] == [True] * len(html)
    assert "CALX-001" in render(marked, "txt", ExportVersion.PUBLIC).decode("ascii")
    standard = render(seed_demo(), "pdf", ExportVersion.STANDARD)
    assert "-001" not in "".join(pdf_pages(standard))


def long_letter(demo):
    paragraph = "The Company has revised the disclosure as the Staff asked. " * 12
    approve_all(demo, dict.fromkeys(range(1, 16), f"{paragraph}\n\n{paragraph}"))
    return dated(demo, page_code_prefix="CALX")


def test_edgar_html_breaks_pages_with_the_continuation_head_on_each_later_page(demo):
    data = render(long_letter(demo), "html", ExportVersion.STANDARD)
    assert edgar_problems(data) == []
    pages = html_pages(data)
    assert len(pages) >= 4
    heads = [
        "Securities and Exchange Commission Division of Corporation Finance January 4, 2010 "
        f"Page {n}"
        for n in range(2, len(pages) + 1)
    ]
    assert [page[: len(head)] for page, head in zip(pages[1:], heads, strict=True)] == heads
    assert "Page 1" not in pages[0] and "Ladies and Gentlemen:" in pages[0]


def test_edgar_html_keeps_each_staff_comment_on_the_page_of_its_response(demo):
    chunks = html_chunks(render(long_letter(demo), "html", ExportVersion.STANDARD))
    last_blocks = [chunk.rsplit("<p ", 1)[-1] for chunk in chunks[:-1]]
    # a staff comment is bold italic, a heading indented
    assert not [block for block in last_blocks if "<b><i>" in block or "margin-left" in block]
    assert all("<b><u>Response</u>:</b>" in chunk for chunk in chunks[1:-1])


def test_html_export_of_100_comments_is_paginated():
    # Its time is measured by `make bench` (export_100_comments_html), not here.
    from scripts.bench_exports import approved_letter

    letter = approved_letter(100)
    context = queries.response_letter_context(letter, version=ExportVersion.STANDARD)
    data = exporter_for("html", ExportVersion.STANDARD).render(context).data
    assert data.count(b"page-break-before:always") >= 25
