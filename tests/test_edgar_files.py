"""What EDGAR asks of the files themselves: names, pages, and the public copy's legend."""

import datetime as dt
import re
from dataclasses import replace

import pytest

from tests.exports_helpers import approve_all
from tracker import queries
from tracker.domain.demo import seed_demo
from tracker.domain.exports import save_response_letter
from tracker.enums import ExportFormat, ExportVersion
from tracker.exporters import exporter_for

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
