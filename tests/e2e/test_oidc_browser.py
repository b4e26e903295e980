"""Signing in with the firm's identity provider in a browser: the button on the login page, the
round trip through a provider served on 127.0.0.1 (tests/oidc_provider.py), My work, and
logging out of both."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import CompanyFactory
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(settings):
    with running_provider() as provider:
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_ISSUER = provider.issuer
        settings.OIDC_PROVIDER_NAME = "Whitfield Login"
        settings.OIDC_GROUP_ROLES = {"calix-legal": ["Calix Networks, Inc.", "reviewer"]}
        # What the settings allow when OIDC_ISSUER is set: the logout form may end there.
        settings.SECURE_CSP = settings.SECURE_CSP | {"form-action": ["'self'", provider.issuer]}
        provider.person = {
            "sub": "00u-dana",
            "email": "dana@whitfield-law.example",
            "email_verified": True,
            "given_name": "Dana",
            "family_name": "Whitfield",
            "groups": ["calix-legal"],
        }
        yield provider


def test_sign_in_with_the_provider_then_log_out_of_both(browser, live_server, provider, screenshot):
    CompanyFactory(name="Calix Networks, Inc.")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_label("Password")).to_be_visible()
    screenshot(page, "oidc-login-page")

    page.get_by_role("link", name="Sign in with Whitfield Login").click()

    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.locator(".navbar-text")).to_have_text("Dana Whitfield")
    screenshot(page, "oidc-signed-in")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Sign in with Whitfield Login")).to_be_visible()
    dana = get_user_model().objects.get(email="dana@whitfield-law.example")
    assert dana.memberships.get().role == "reviewer"
    assert len(provider.ended) == 1 and provider.ended[0]
    assert violations == []
