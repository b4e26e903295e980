"""Files kept under MEDIA_ROOT: random names, extensions read from the content (or, for what
corresp made, from its format), and never under STATIC_ROOT where they would be served."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import CompanyFactory, MembershipFactory
from tracker.domain import filing_imports, uploads
from tracker.domain.exports import export_letter
from tracker.domain.letters import import_letter
from tracker.enums import ExportFormat, FormType
from tracker.parsing import parse_letter

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "data" / "sec-staff-letter_calix_s-1_2009-12-17.txt"
RANDOM_NAME = re.compile(r"^[0-9a-f]{32}\.(txt|html|pdf|docx)$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def preparer(db):
    return MembershipFactory(company=CompanyFactory(name="Calix Networks, Inc.")).user


def kept_where(field) -> tuple[str, bool, bool]:
    """The file's own name; whether it lies under MEDIA_ROOT; whether under STATIC_ROOT."""
    path = Path(field.path).resolve()
    media = Path(django_settings.MEDIA_ROOT).resolve()
    static = Path(django_settings.STATIC_ROOT).resolve()
    return path.name, media in path.parents, static in path.parents


def test_letter_upload_and_saved_letter_get_random_names_from_their_content(preparer):
    company = preparer.memberships.get().company
    upload = uploads.stage_upload(
        company=company,
        user=preparer,
        received_on=date(2009, 12, 17),
        data=SEED.read_bytes(),
        filename="calix-letter.pdf",
    )
    staged = kept_where(upload.source_file)
    upload = uploads.read_staged(upload.pk)
    letter = uploads.save_upload(
        upload, parse_letter(SEED.read_text()), received_on=date(2009, 12, 17), user=preparer
    )

    saved = kept_where(letter.source_file)
    assert [RANDOM_NAME.match(name) is not None for name, _, _ in (staged, saved)] == [True] * 2
    assert [name.endswith(".txt") for name, _, _ in (staged, saved)] == [True, True]
    assert [place[1:] for place in (staged, saved)] == [(True, False), (True, False)]
    assert staged[0] != saved[0]


def test_filing_import_keeps_the_file_under_a_random_name_from_its_content(preparer):
    company = preparer.memberships.get().company
    record = filing_imports.start_import(
        company=company,
        user=preparer,
        data=b"<html><body><h1>Risk Factors</h1><p>Our business.</p></body></html>",
        filename="../../static/s-1.pdf",
        form_type=FormType.S1,
        queue=False,
    )

    name, in_media, in_static = kept_where(record.source_file)
    assert RANDOM_NAME.match(name) is not None
    assert (name.endswith(".html"), in_media, in_static) == (True, True, False)
    assert record.source_name == "../../static/s-1.pdf"


def test_export_is_kept_under_a_random_name_and_downloaded_under_its_own():
    letter = import_letter(parse_letter(SEED.read_text()), company=CompanyFactory())

    export = export_letter(letter, ExportFormat.TXT, actor=None)

    name, in_media, in_static = kept_where(export.file)
    assert RANDOM_NAME.match(name) is not None
    assert (name.endswith(".txt"), in_media, in_static) == (True, True, False)
    assert not RANDOM_NAME.match(export.filename)
