"""Rule 83 decides what may be exported: once a response holds a confidential passage, the plain
letter is no longer offered, and EDGAR's formats (HTML, text) come only as the public version.
The same rule on the page, in a crafted POST, in the domain and in the command."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.exports_helpers import approve_all
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.domain.responses import ActionRefused, save_revision
from tracker.enums import ExportFormat, ExportVersion
from tracker.models import Activity, Export

pytestmark = pytest.mark.django_db

SECRET = "41.7 dollars per port"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plain():
    letter = seed_demo()
    approve_all(letter)
    return letter


@pytest.fixture
def marked():
    letter = seed_demo()
    approve_all(letter, {7: f"We expect to price at [[{SECRET}]]."})
    return letter


def log_in(client, letter):
    user = letter.review.company.memberships.get(user__username="counsel").user
    client.force_login(user)
    return client


def page(letter) -> str:
    return reverse("letter_export", args=[letter.pk])


def offered(client, letter) -> list[str]:
    soup = BeautifulSoup(client.get(page(letter)).text, "html.parser")
    return [option["value"] for option in soup.select("select[name=version] option")]


def test_page_offers_the_plain_letter_only_without_confidential_passages(client, plain):
    assert offered(log_in(client, plain), plain) == [ExportVersion.STANDARD]


def test_page_offers_only_the_rule_83_versions_with_confidential_passages(client, marked):
    assert offered(log_in(client, marked), marked) == [
        ExportVersion.CONFIDENTIAL,
        ExportVersion.PUBLIC,
        ExportVersion.FOIA_REQUEST,
    ]
    text = client.get(page(marked)).text
    assert "Confidential version (for the staff): Word (.docx) or PDF." in text


@pytest.mark.parametrize(
    ("version", "format", "message"),
    [
        ("standard", "pdf", "which the plain letter would print unmarked"),
        ("standard", "html", "which the plain letter would print unmarked"),
        ("confidential", "html", "never to EDGAR: choose Word (.docx) or PDF."),
        ("confidential", "txt", "never to EDGAR: choose Word (.docx) or PDF."),
        ("foia_request", "html", "sent on paper: choose Word (.docx), PDF or Text."),
    ],
)
def test_crafted_post_of_a_pair_rule_83_forbids_is_refused(
    client, marked, version, format, message
):
    response = log_in(client, marked).post(page(marked), {"format": format, "version": version})

    assert response.status_code == 200
    assert message in response.text
    assert (Export.objects.count(), Activity.objects.filter(verb="export.created").count()) == (
        0,
        0,
    )


def test_public_version_is_exported_in_each_edgar_format(client, marked):
    log_in(client, marked)
    for format in ("html", "txt"):
        answer = client.post(page(marked), {"format": format, "version": "public"})
        assert answer.status_code == 200 and answer["Content-Disposition"].startswith("attachment")
    assert set(Export.objects.values_list("format", "version")) == {
        ("html", "public"),
        ("txt", "public"),
    }
    assert all(SECRET.encode() not in export.file.read() for export in Export.objects.all())


@pytest.mark.parametrize(
    ("version", "format"),
    [
        (ExportVersion.STANDARD, ExportFormat.DOCX),
        (ExportVersion.CONFIDENTIAL, ExportFormat.HTML),
        (ExportVersion.CONFIDENTIAL, ExportFormat.TXT),
    ],
)
def test_domain_refuses_what_rule_83_forbids_and_exports_nothing(marked, version, format):
    with pytest.raises(ActionRefused):
        export_letter(marked, format, version=version, actor=None)

    assert Export.objects.count() == 0


def test_letter_without_confidential_passages_keeps_the_plain_letter(plain):
    export = export_letter(plain, ExportFormat.HTML, actor=None)

    assert export.version == ExportVersion.STANDARD


def test_command_refuses_the_plain_letter_with_confidential_passages(marked, tmp_path):
    target = tmp_path / "letter.txt"

    with pytest.raises(CommandError, match="the plain letter would print unmarked"):
        call_command("export_letter", marked.pk, "--format", "txt", "-o", str(target))

    assert (target.exists(), Export.objects.count()) == (False, 0)


def test_command_refuses_the_confidential_version_as_edgar_html(marked, tmp_path):
    target = tmp_path / "letter.htm"

    with pytest.raises(CommandError, match="never to EDGAR"):
        call_command(
            "export_letter", marked.pk, "--format", "html", "--confidential", "-o", str(target)
        )

    assert (target.exists(), Export.objects.count()) == (False, 0)


@pytest.mark.parametrize("hidden", ["\x0b", "\x01", "\x0c", "\u202e"])
def test_a_control_character_inside_the_marks_cannot_hide_a_passage_from_rule_83(client, hidden):
    letter = seed_demo()
    counsel = letter.review.company.memberships.get(user__username="counsel").user
    response = letter.comments.get(number=7).response
    text = f"We expect to price at [{hidden}[{SECRET}]{hidden}] per unit."
    latest = response.revisions.order_by("-number").first()
    save_revision(response, text, author=counsel, based_on=latest.number if latest else None)

    assert offered(log_in(client, letter), letter) == [
        ExportVersion.CONFIDENTIAL,
        ExportVersion.PUBLIC,
        ExportVersion.FOIA_REQUEST,
    ]
    for format in (ExportFormat.HTML, ExportFormat.TXT):
        with pytest.raises(ActionRefused):
            export_letter(letter, format, version=ExportVersion.STANDARD, actor=None)
    public = export_letter(letter, ExportFormat.TXT, version=ExportVersion.PUBLIC, actor=None)
    assert SECRET.encode() not in public.file.read()


def test_a_passage_hidden_by_a_control_character_in_older_text_is_still_refused_the_plain_letter():
    letter = seed_demo()
    approve_all(letter, {7: f"We expect to price at [\x0b[{SECRET}]\x0b] per unit."})

    with pytest.raises(ActionRefused, match="confidential"):
        export_letter(letter, ExportFormat.TXT, version=ExportVersion.STANDARD, actor=None)
    assert not Export.objects.exists()
