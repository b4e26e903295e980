"""The Content Security Policy: our own scripts and styles only, none inline, no eval; and
templates that need nothing else."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import CommentFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Rendered into exported documents (PDF, EDGAR HTML), never served as a page under the policy.
DOCUMENT_TEMPLATES = TEMPLATES / "exports"

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)

EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


def page_templates() -> list[Path]:
    return [
        path for path in sorted(TEMPLATES.rglob("*.html")) if DOCUMENT_TEMPLATES not in path.parents
    ]


CHECKS = {
    "inline <script>": INLINE_SCRIPT,
    "on...= handler": EVENT_HANDLER,
    "style= attribute": STYLE_ATTRIBUTE,
    "<style> element": STYLE_ELEMENT,
}


def offences(path: Path, root: Path = TEMPLATES) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [f"{path.relative_to(root)}: {name}" for name, rx in CHECKS.items() if rx.search(text)]


def test_templates_have_no_inline_script_handler_or_style():
    assert [offence for path in page_templates() for offence in offences(path)] == []


def test_template_scan_finds_each_kind_of_inline_code(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<script>go()</script><button onclick="go()"></button><div style="width: 5%"></div>'
        "<style>p {}</style>"
    )

    assert [line.split(": ")[1] for line in offences(page, tmp_path)] == [
        "inline <script>",
        "on...= handler",
        "style= attribute",
        "<style> element",
    ]


def test_script_with_src_is_not_inline():
    assert INLINE_SCRIPT.search('<script src="/static/js/editor.js" defer></script>') is None


@pytest.mark.django_db
def test_pages_send_the_policy_without_unsafe_sources(member_client, letter):
    comment = CommentFactory(letter=letter)
    urls = [reverse("my_work"), reverse("letter", args=[letter.pk])]
    urls.append(reverse("comment", args=[comment.pk]))

    policies = [policy(member_client.get(url)) for url in urls]

    assert policies == [EXPECTED_POLICY] * 3


def test_login_page_sends_the_policy(client, db):
    assert policy(client.get(reverse("login"))) == EXPECTED_POLICY


def test_admin_sends_the_policy(admin_client):
    assert policy(admin_client.get("/admin/tracker/company/")) == EXPECTED_POLICY


def test_htmx_is_configured_without_eval(member_client):
    page = member_client.get(reverse("my_work")).text

    assert """<meta name="htmx-config" content='{"allowEval":false""" in page
