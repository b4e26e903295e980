"""EDGAR's ASCII text: every character outside ASCII spelled as a lawyer would, and the export
page says which ones were replaced."""

import pytest
from django.urls import reverse

from tests.exports_helpers import approve_all
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.enums import ExportFormat
from tracker.exporters.base import ascii_replacements, to_ascii
from tracker.models import Export

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "ascii"),
    [
        ("\u20ac150 million", "EUR 150 million"),
        ("\u00a3 40 million", "GBP 40 million"),
        ("\u00bd of the shares", "1/2 of the shares"),
        ("margins \u2265 10%", "margins >= 10%"),
        ("a 2 \u00d7 3 grid", "a 2 x 3 grid"),
        ("heated to 40\u00b0", "heated to 40deg"),
        ("\u201cCompany\u201d\u2019s", '"Company"\'s'),
        ("Item 7 \u2014 MD&A", "Item 7 -- MD&A"),
        ("\u00a7 13(a) and \u00a7\u00a7 5-6", "Section 13(a) and Sections 5-6"),
        ("Z\u00fcrich Caf\u00e9", "Zurich Cafe"),
    ],
)
def test_text_is_spelled_in_ascii_as_a_legal_letter_would(typed, ascii):
    assert to_ascii(typed) == ascii


def test_replacements_list_each_character_once_with_its_stand_in():
    assert ascii_replacements("\u20ac5 and \u20ac6, \u00bd, plain") == [
        ("\u20ac", "EUR"),
        ("\u00bd", "1/2"),
    ]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_text_export_carries_euro_and_fractions_spelled_out():
    letter = seed_demo()
    approve_all(letter, {1: "Revenue of \u20ac150 million rose by \u00bd; margins \u2265 10%."})
    export = export_letter(letter, ExportFormat.TXT, actor=None)
    text = export.file.read().decode("ascii")
    assert "Revenue of EUR 150 million rose by 1/2; margins >= 10%." in " ".join(text.split())
    assert "?150" not in text and "1?2" not in text


def test_export_page_lists_the_characters_the_text_export_replaced(client):
    letter = seed_demo()
    approve_all(letter, {1: "Revenue of \u20ac150 million rose by \u00bd."})
    client.force_login(letter.review.company.memberships.get(user__username="counsel").user)
    url = reverse("letter_export", args=[letter.pk])
    client.post(url, {"format": "txt", "version": "standard"})
    page = client.get(url)  # the post answered with the file; the page lists what it replaced
    assert Export.objects.count() == 1
    assert f"{Export.objects.get().filename}: replaced for EDGAR\u2019s ASCII: " in page.text
    assert "\u20ac \u2192 EUR" in page.text and "\u00bd \u2192 1/2" in page.text


def test_export_page_lists_no_replacement_for_a_word_export(client):
    letter = seed_demo()
    approve_all(letter, {1: "Revenue of \u20ac150 million."})
    client.force_login(letter.review.company.memberships.get(user__username="counsel").user)
    url = reverse("letter_export", args=[letter.pk])
    client.post(url, {"format": "docx", "version": "standard"})
    page = client.get(url)
    assert "replaced for EDGAR" not in page.text
