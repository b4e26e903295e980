"""Pages are never kept by the browser; static files are; `make run` links e-mails to itself."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
HTMX = {"HTTP_HX_REQUEST": "true"}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


def test_pages_with_forms_and_private_data_are_not_stored(member_client, letter):
    comment = CommentFactory(letter=letter)
    for url in [
        reverse("my_work"),
        reverse("letter", args=[letter.pk]),
        reverse("comment", args=[comment.pk]),
        reverse("letter_export", args=[letter.pk]),
    ]:
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in cache_control(response), url


def test_htmx_parts_and_refusals_are_not_stored(member_client, letter):
    comment = CommentFactory(letter=letter)
    part = member_client.get(reverse("comment_similar", args=[comment.pk]), **HTMX)
    missing = member_client.get(reverse("comment", args=[comment.pk + 1000]))
    assert part.status_code == 200 and "no-store" in cache_control(part)
    assert missing.status_code == 404 and "no-store" in cache_control(missing)


def test_login_page_the_health_check_asks_for_is_not_stored(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "no-store" in cache_control(response)


def test_static_files_keep_their_cache(client, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/js/editor.js")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)


def test_make_run_links_e_mails_to_the_address_it_serves():
    # Run from `make test`, the inner make would print "Leaving directory" lines of its own.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    dry_run = subprocess.run(
        [shutil.which("make"), "--no-print-directory", "-n", "run", "HOST=127.0.0.2", "PORT=8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    [serve] = [line for line in dry_run.splitlines() if "manage.py runserver" in line]
    assert serve.startswith("SITE_URL=http://127.0.0.2:8123 ")
    assert serve.endswith("manage.py runserver 127.0.0.2:8123")
