"""Signing in with the firm's identity provider (OpenID Connect), against a provider these tests
start on 127.0.0.1 (tests/oidc_provider.py): accounts and memberships from the provider's
groups, refused tokens, the second factor, logging out, and an installation without one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.urls import reverse
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice
from joserfc.jwk import RSAKey

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider
from tracker.domain.sessions import recheck_second_factor
from tracker.enums import Role
from tracker.models import Activity, Membership

pytestmark = pytest.mark.django_db

DANA = {
    "sub": "00u-dana",
    "email": "dana@whitfield-law.example",
    "email_verified": True,
    "preferred_username": "dana.whitfield",
    "given_name": "Dana",
    "family_name": "Whitfield",
    "groups": ["calix-legal", "everyone"],
}


@pytest.fixture
def calix(company):
    return company


@pytest.fixture
def harbor(db):
    return CompanyFactory(name="Harbor Lights Corp")


@pytest.fixture
def provider(settings, calix, harbor):
    """The provider, configured as an installation would be: its issuer (endpoints found by
    discovery), the client, and groups mapped to Calix by name and to Harbor by id."""
    with running_provider() as provider:
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_ISSUER = provider.issuer
        settings.OIDC_PROVIDER_NAME = "Whitfield Login"
        settings.OIDC_GROUP_ROLES = {
            "calix-approvers": ["Calix Networks, Inc.", "approver"],
            "calix-legal": ["Calix Networks, Inc.", "reviewer"],
            "harbor-drafters": [str(harbor.pk), "preparer"],
        }
        provider.person = dict(DANA)
        yield provider


ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "/token",
    "OIDC_OP_USER_ENDPOINT": "/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "/jwks",
}


def sign_in(client, provider, start: str | None = None):
    """The login page's button followed through the provider: the callback's answer."""
    return client.get(provider.sign_in(client, start or reverse("oidc_sign_in")))


def roles_of(user) -> dict[str, str]:
    memberships = Membership.objects.filter(user=user).select_related("company")
    return {m.company.name: m.role for m in memberships}


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def message_after(client, response) -> str:
    """The text of the page the refused sign-in lands on."""
    assert response.status_code == 302
    assert response.url == reverse("login")
    return client.get(response.url).text


# --- an installation without a provider ---


def test_unconfigured_login_page_offers_no_provider(client):
    page = client.get(reverse("login"))

    assert page.status_code == 200
    assert "Sign in with" not in page.text
    assert reverse("oidc_sign_in") not in page.text


def test_unconfigured_provider_addresses_are_not_found(client, member):
    names = ["oidc_sign_in", "oidc_callback"]
    anonymous = [client.get(reverse(name)).status_code for name in names]
    client.force_login(member)
    logged_in = client.get(reverse("oidc_callback"), {"code": "x", "state": "y"}).status_code

    assert anonymous == [404, 404]
    assert logged_in == 404


def test_password_login_still_works_with_a_provider(client, provider, member):
    member.set_password("pass-word-1234")
    member.save()

    page = client.get(reverse("login"))
    response = client.post(reverse("login"), {"username": "alice", "password": "pass-word-1234"})

    assert 'name="password"' in page.text
    assert "Sign in with Whitfield Login" in page.text
    assert response.status_code == 302
    assert response.url == reverse("my_work")


# --- accounts and memberships ---


def test_first_sign_in_creates_the_user_with_the_mapped_memberships(client, provider, calix):
    response = sign_in(client, provider)

    user = get_user_model().objects.get(email="dana@whitfield-law.example")
    added = Activity.objects.get(verb="team.joined")
    assert response.status_code == 302
    assert response.url == reverse("my_work")
    assert signed_in(client)
    assert (user.username, user.get_full_name()) == ("dana.whitfield", "Dana Whitfield")
    assert not user.has_usable_password()
    assert roles_of(user) == {"Calix Networks, Inc.": Role.REVIEWER}
    assert added.company == calix
    assert added.summary == (
        "Dana Whitfield joined as reviewer: group calix-legal at Whitfield Login"
    )
    assert client.get(reverse("my_work")).status_code == 200


def test_sign_in_lands_on_the_page_the_person_was_going_to(client, provider, calix):
    start = client.get(reverse("login"), {"next": "/reviews/"})
    link = f"{reverse('oidc_sign_in')}?next=/reviews/"

    response = sign_in(client, provider, link)

    assert f'href="{link}">Sign in with Whitfield Login</a>' in start.text
    assert response.url == "/reviews/"


def test_sign_in_refuses_to_land_on_another_site(client, provider):
    response = sign_in(client, provider, f"{reverse('oidc_sign_in')}?next=https://evil.example/")

    assert response.url == reverse("my_work")


def test_group_change_on_a_later_sign_in_changes_the_role(client, provider, calix):
    sign_in(client, provider)
    client.logout()
    provider.person["groups"] = ["calix-approvers", "calix-legal"]

    sign_in(client, provider)

    user = get_user_model().objects.get(email=DANA["email"])
    changed = Activity.objects.get(verb="team.role_changed")
    assert roles_of(user) == {"Calix Networks, Inc.": Role.APPROVER}
    assert changed.company == calix
    assert changed.actor is None
    assert changed.detail == {
        "user": user.pk,
        "before": "reviewer",
        "after": "approver",
        "group": "calix-approvers",
    }
    assert get_user_model().objects.filter(email=DANA["email"]).count() == 1


def test_leaving_the_groups_removes_mapped_memberships_only(client, provider, calix, harbor):
    elsewhere = CompanyFactory(name="Unmapped Co")
    user = UserFactory(username="dana", email="Dana@Whitfield-Law.example")
    MembershipFactory(user=user, company=calix, role=Role.APPROVER)
    MembershipFactory(user=user, company=elsewhere, role=Role.PREPARER)
    provider.person["groups"] = ["harbor-drafters"]

    sign_in(client, provider)

    assert roles_of(user) == {"Harbor Lights Corp": Role.PREPARER, "Unmapped Co": Role.PREPARER}
    assert Activity.objects.get(verb="team.left").company == calix
    assert Activity.objects.get(verb="team.joined").company == harbor
    assert not Activity.objects.filter(company=elsewhere).exists()
    assert int(client.session["_auth_user_id"]) == user.pk


def test_one_group_sent_alone_as_text_counts(client, provider):
    provider.person["groups"] = "calix-approvers"

    sign_in(client, provider)

    user = get_user_model().objects.get(email=DANA["email"])
    assert roles_of(user) == {"Calix Networks, Inc.": Role.APPROVER}


def test_without_a_mapping_memberships_are_left_as_they_are(client, provider, settings, calix):
    settings.OIDC_GROUP_ROLES = {}
    user = UserFactory(username="dana", email=DANA["email"])
    MembershipFactory(user=user, company=calix, role=Role.APPROVER)

    sign_in(client, provider)

    assert roles_of(user) == {"Calix Networks, Inc.": Role.APPROVER}
    assert signed_in(client)


def test_endpoints_set_in_the_settings_need_no_discovery(client, provider, settings):
    provider.discoverable = False
    for name, path in ENDPOINTS.items():
        setattr(settings, name, f"{provider.issuer}{path}")

    sign_in(client, provider)

    assert signed_in(client)


def test_unverified_email_address_is_refused(client, provider):
    provider.person["email_verified"] = False

    response = sign_in(client, provider)

    text = message_after(client, response)
    assert "Whitfield Login has not verified your e-mail address" in text
    assert not signed_in(client)
    assert not get_user_model().objects.filter(email=DANA["email"]).exists()


def test_deactivated_account_is_refused(client, provider):
    UserFactory(username="dana", email=DANA["email"], is_active=False)

    response = sign_in(client, provider)

    assert "Your corresp account is deactivated" in message_after(client, response)
    assert not signed_in(client)


# --- tokens and states that must be refused ---


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"signing_key": "other"}, "its signature does not match the provider's keys"),
        ({"audience": "another-application"}, "it was issued for another application"),
        ({"lifetime": -600}, "it has expired"),
    ],
)
def test_untrustworthy_id_token_is_refused_with_no_session(client, provider, change, reason):
    if change.get("signing_key"):
        change = {"signing_key": RSAKey.generate_key(2048)}
    for name, value in change.items():
        setattr(provider.token, name, value)

    response = sign_in(client, provider)

    text = message_after(client, response)
    assert escape(f"could not be trusted ({reason}), so you are not signed in") in text
    assert not signed_in(client)
    assert not get_user_model().objects.filter(email=DANA["email"]).exists()
    assert client.get(reverse("my_work")).status_code == 302


def test_callback_with_a_state_this_browser_did_not_start_is_refused(client, provider):
    provider.sign_in(client, reverse("oidc_sign_in"))

    response = client.get(reverse("oidc_callback"), {"code": "stolen", "state": "forged"})

    assert "was not started from this browser" in message_after(client, response)
    assert not signed_in(client)


def test_a_code_used_twice_signs_in_once(client, provider):
    back = provider.sign_in(client, reverse("oidc_sign_in"))
    client.get(back)
    client.logout()

    replayed = client.get(back)

    assert "was not started from this browser, or was already used" in message_after(
        client, replayed
    )
    assert not signed_in(client)


def test_provider_refusing_the_sign_in_is_shown(client, provider):
    provider.sign_in(client, reverse("oidc_sign_in"))
    state = next(iter(client.session["oidc_states"]))

    response = client.get(
        reverse("oidc_callback"),
        {"error": "access_denied", "error_description": "<b>Not assigned</b>", "state": state},
    )

    text = message_after(client, response)
    assert "Whitfield Login did not sign you in: &lt;b&gt;Not assigned&lt;/b&gt;" in text
    assert not signed_in(client)


def test_unreachable_provider_gives_a_message(client, provider, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"

    response = client.get(reverse("oidc_sign_in"))

    assert "Whitfield Login could not be reached" in message_after(client, response)


# --- the second factor ---


def test_provider_multi_factor_sign_in_stands_for_the_code(client, provider, calix):
    calix.require_two_factor = True
    calix.save()
    provider.token.extra = {"amr": ["pwd", "mfa"]}

    sign_in(client, provider)

    assert client.get(reverse("my_work")).status_code == 200


def test_provider_multi_factor_still_stands_once_a_company_requires_a_code(client, provider, calix):
    provider.token.extra = {"acr": "mfa"}
    sign_in(client, provider)
    calix.require_two_factor = True
    calix.save()

    recheck_second_factor(calix)

    assert client.get(reverse("my_work")).status_code == 200


def test_sign_in_without_the_providers_second_factor_still_asks_for_the_code(
    client, provider, calix
):
    calix.require_two_factor = True
    calix.save()
    provider.token.extra = {"amr": ["pwd"]}

    sign_in(client, provider)
    page = client.get(reverse("my_work"))

    assert page.status_code == 302
    assert page.url.startswith(reverse("two_factor_verify"))
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


# --- logging out ---


def test_logout_ends_the_session_here_and_at_the_provider(client, provider):
    sign_in(client, provider)
    id_token = client.session["oidc_id_token"]

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url.startswith(f"{provider.issuer}/logout?")
    assert f"id_token_hint={id_token}" in response.url
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Flogin%2F" in response.url
    assert not signed_in(client)


def test_settings_let_the_logout_form_end_at_the_provider_and_need_its_secret():
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "OIDC_CLIENT_ID": "corresp",
        "OIDC_ISSUER": "https://login.example.com/realms/firm",
        "OIDC_END_SESSION_ENDPOINT": "https://logout.example.com/end",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_CSP['form-action'])"
    )

    missing_secret = run_settings(code, environment)
    configured = run_settings(code, environment | {"OIDC_CLIENT_SECRET": "s"})

    assert "OIDC_CLIENT_SECRET and OIDC_ISSUER must be set" in missing_secret.stderr
    assert configured.stdout.strip() == (
        "[\"'self'\", 'https://login.example.com', 'https://logout.example.com']"
    )


def run_settings(code: str, environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_password_logout_stays_here_with_a_provider(client, provider, member):
    client.force_login(member)

    response = client.post(reverse("logout"))

    assert response.url == reverse("login")


# --- the mapping's checks ---


def test_system_check_names_a_mapping_to_no_role(settings):
    settings.OIDC_GROUP_ROLES = {"legal": ["Calix", "boss"], "cfo": "Calix"}

    messages = [m.msg for m in run_checks() if m.id == "corresp.E001"]

    assert messages == [
        "OIDC_GROUP_ROLES: 'legal': 'boss' is no role; use one of " + ", ".join(Role.values),
        "OIDC_GROUP_ROLES: 'cfo' must map to [company name or id, role]",
    ]
