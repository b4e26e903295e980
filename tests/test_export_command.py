"""`manage.py export_letter`: the same export as the button, from the command line."""

import pytest
from django.core.management import CommandError, call_command

from tests.exports_helpers import approve_all, pdf_pages
from tracker.domain.demo import seed_demo
from tracker.models import Activity, Export

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_command_writes_the_final_pdf_and_records_it(tmp_path, capsys):
    letter = seed_demo()
    approve_all(letter)
    target = tmp_path / "letter.pdf"
    call_command("export_letter", letter.pk, "--format", "pdf", "--final", "-o", str(target))
    export = Export.objects.get()
    assert target.read_bytes() == export.file.read()
    assert (export.is_final, export.created_by) == (True, None)
    assert "Page 2" in pdf_pages(target.read_bytes())[1]
    assert Activity.objects.get(verb="export.created").actor is None
    assert capsys.readouterr().out.startswith("Wrote the final letter to")


def test_command_public_version_replaces_confidential_passages(tmp_path):
    letter = seed_demo()
    approve_all(letter, {5: "Our share is [[31 percent]] of the market."})
    target = tmp_path / "public.txt"
    call_command("export_letter", letter.pk, "--format", "txt", "--public", "-o", str(target))
    text = target.read_text(encoding="ascii")
    assert "31 percent" not in text
    assert "Our share is [***] of the market." in text


def test_command_refuses_a_letter_that_does_not_exist(tmp_path, db):
    with pytest.raises(CommandError, match="There is no staff letter with id 999"):
        call_command("export_letter", 999, "--format", "txt", "-o", str(tmp_path / "x.txt"))


def test_command_refuses_a_missing_output_folder(tmp_path, db):
    target = tmp_path / "missing" / "x.txt"
    with pytest.raises(CommandError, match="No folder .*missing to write x.txt into"):
        call_command("export_letter", 1, "--format", "txt", "-o", str(target))


def test_command_refuses_the_final_letter_while_responses_wait(tmp_path):
    letter = seed_demo()
    with pytest.raises(CommandError, match="not yet approved"):
        call_command(
            "export_letter", letter.pk, "--format", "txt", "--final", "-o", str(tmp_path / "x")
        )


def test_command_exits_non_zero_with_one_line(tmp_path, db):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "export_letter", "999", "--format", "txt", "-o", "/nope/x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "CommandError: No folder /nope to write x into."
