"""The export page and downloads: as owner, member, reader and outsider."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.exports_helpers import approve_all, edgar_problems
from tests.factories import MembershipFactory
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.enums import ExportFormat, Role
from tracker.models import Activity, Export, ResponseLetter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo():
    return seed_demo()


def member(letter, username: str):
    return letter.review.company.memberships.get(user__username=username).user


def page(letter) -> str:
    return reverse("letter_export", args=[letter.pk])


def test_export_page_sends_anonymous_visitors_to_log_in(client, demo):
    response = client.get(page(demo))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_export_page_and_download_are_404_for_an_outsider(outsider_client, demo):
    export = export_letter(demo, ExportFormat.TXT, actor=None)
    download = reverse("export_download", args=[demo.pk, export.pk])
    assert outsider_client.get(page(demo)).status_code == 404
    assert outsider_client.post(page(demo), {"format": "txt"}).status_code == 404
    assert outsider_client.get(download).status_code == 404


def test_reader_sees_the_page_but_gets_403_on_export(client, demo):
    reader = MembershipFactory(company=demo.review.company, role=Role.READ_ONLY).user
    client.force_login(reader)
    assert client.get(page(demo)).status_code == 200
    response = client.post(page(demo), {"format": "txt", "version": "standard"})
    assert response.status_code == 403
    assert Export.objects.count() == 0


def test_letter_page_links_to_the_export_page(client, demo):
    client.force_login(member(demo, "counsel"))
    assert f'href="{page(demo)}"' in client.get(reverse("letter", args=[demo.pk])).text


def test_member_exports_a_draft_and_downloads_it(client, demo):
    client.force_login(member(demo, "reviewer"))
    response = client.post(page(demo), {"format": "html", "version": "standard"})
    export = Export.objects.get()
    exported = b"".join(response.streaming_content)  # the file itself, in one step
    download = client.get(reverse("export_download", args=[demo.pk, export.pk]))
    data = b"".join(download.streaming_content)
    assert data == exported
    for answer in (response, download):
        assert answer["Content-Type"] == "text/html; charset=us-ascii"
        assert answer["Content-Disposition"] == (
            f'attachment; filename="calx-draft-{timezone.localdate():%Y%m%d}.htm"'
        )
    assert edgar_problems(data) == []
    assert b"DRAFT - NOT FOR FILING" in data
    listed = client.get(page(demo)).text
    assert export.filename in listed
    assert (
        Activity.objects.filter(verb="export.created", actor=member(demo, "reviewer")).count() == 1
    )


def test_final_export_is_refused_on_the_page_while_responses_wait(client, demo):
    client.force_login(member(demo, "approver"))
    response = client.post(page(demo), {"format": "pdf", "version": "standard", "final": "on"})
    assert response.status_code == 200
    assert "not yet approved: 1, 2, 3" in response.text
    assert Export.objects.count() == 0


def test_final_is_ticked_once_every_response_is_approved(client, demo):
    client.force_login(member(demo, "approver"))
    assert 'name="final"' in client.get(page(demo)).text
    assert "checked" not in client.get(page(demo)).text
    approve_all(demo)
    assert 'id="id_final" checked' in client.get(page(demo)).text


def test_approver_exports_the_final_word_letter(client, demo):
    approve_all(demo)
    client.force_login(member(demo, "approver"))
    client.post(page(demo), {"format": "docx", "version": "standard", "final": "on"})
    export = Export.objects.get()
    assert (export.is_final, export.filename) == (
        True,
        f"calx-resp-{timezone.localdate():%Y%m%d}.docx",
    )


def test_rule_83_versions_are_offered_only_with_confidential_passages(client, demo):
    client.force_login(member(demo, "counsel"))
    assert "Public version (for EDGAR)" not in client.get(page(demo)).text
    approve_all(demo, {7: "We expect [[12 units]]."})
    assert "Public version (for EDGAR)" in client.get(page(demo)).text


def test_preparer_saves_the_letter_settings(client, demo):
    client.force_login(member(demo, "counsel"))
    data = {
        "action": "settings",
        "signer_name": "Ann Lee",
        "attention": "Jay Knight\n\nLarry Spirgel",
        "page_code_prefix": "calx",
    }
    assert client.post(page(demo), data).status_code == 302
    settings = ResponseLetter.objects.get(letter=demo)
    assert (settings.signer_name, settings.attention, settings.page_code_prefix) == (
        "Ann Lee",
        ["Jay Knight", "Larry Spirgel"],
        "CALX",
    )


def test_reviewer_cannot_change_the_letter_settings(client, demo):
    client.force_login(member(demo, "reviewer"))
    response = client.post(page(demo), {"action": "settings", "signer_name": "X"})
    assert response.status_code == 403
    assert ResponseLetter.objects.get(letter=demo).signer_name == "Dana Whitfield"
