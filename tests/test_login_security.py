"""Logging in: a locked username after repeated wrong passwords, and the second factor that a
company may require of its members."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CompanyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-1234"


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def log_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.fixture
def strict_member(db):
    """dora: a preparer at a company that requires two-factor login."""
    company = CompanyFactory(require_two_factor=True)
    return MembershipFactory(user=UserFactory(username="dora"), company=company).user


def test_login_without_required_second_factor_goes_straight_in(client, member):
    response = log_in(client, "alice")

    assert response.status_code == 302
    assert response.url == reverse("my_work")
    assert client.get(reverse("my_work")).status_code == 200


def test_login_locks_the_username_after_five_wrong_passwords(client, member):
    for _ in range(4):
        assert log_in(client, "alice", "wrong").status_code == 200

    locked = log_in(client, "alice", "wrong")
    still_locked = log_in(client, "alice")

    assert locked.status_code == 429
    assert "This account is locked" in locked.text
    assert "ask an administrator to unlock it" in locked.text
    assert b'<label class="form-label" for="id_username">Username</label>' in locked.content
    assert still_locked.status_code == 429


def test_login_success_forgets_earlier_wrong_passwords(client, member):
    for _ in range(4):
        log_in(client, "alice", "wrong")

    log_in(client, "alice")
    client.logout()
    for _ in range(4):
        log_in(client, "alice", "wrong")

    assert log_in(client, "alice").status_code == 302


def test_required_second_factor_sends_a_new_member_to_set_up_an_authenticator(
    client, strict_member
):
    log_in(client, "dora")

    page = client.get(reverse("my_work"))
    verify = client.get(page.url)

    assert page.status_code == 302
    assert page.url.startswith(reverse("two_factor_verify"))
    assert verify.status_code == 302
    assert verify.url.startswith(reverse("two_factor_setup"))


def test_setup_confirmed_with_a_real_code_lets_the_member_in(client, strict_member):
    log_in(client, "dora")
    setup = client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=strict_member)

    confirmed = client.post(
        reverse("two_factor_setup"), {"code": current_code(device), "next": "/comments/"}
    )

    device.refresh_from_db()
    assert setup.status_code == 200
    assert setup.context["otpauth_uri"].startswith("otpauth://totp/")
    assert setup.context["qr_code"].startswith("data:image/svg+xml")
    assert device.confirmed is True
    assert confirmed.status_code == 302
    assert confirmed.url == "/comments/"
    assert client.get(reverse("my_work")).status_code == 200


def test_verify_with_the_current_code_lets_the_member_in(client, strict_member):
    device = TOTPDevice.objects.create(user=strict_member, name="phone", confirmed=True)
    log_in(client, "dora")

    refused = client.get(reverse("all_comments"))
    confirmed = client.post(reverse("two_factor_verify"), {"code": current_code(device)})

    assert refused.status_code == 302
    assert refused.url == f"{reverse('two_factor_verify')}?next=%2Fcomments%2F"
    assert confirmed.status_code == 302
    assert client.get(reverse("all_comments")).status_code == 200


def test_verify_refuses_a_wrong_code_with_a_message(client, strict_member):
    device = TOTPDevice.objects.create(user=strict_member, name="phone", confirmed=True)
    log_in(client, "dora")
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("two_factor_verify"), {"code": wrong})

    assert response.status_code == 400
    assert "That code is not right." in response.text
    assert client.get(reverse("my_work")).status_code == 302


def test_setup_is_closed_once_an_authenticator_is_confirmed(client, strict_member):
    """Someone who learnt the password cannot add his own authenticator."""
    TOTPDevice.objects.create(user=strict_member, name="phone", confirmed=True)
    log_in(client, "dora")

    response = client.get(reverse("two_factor_setup"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=strict_member).count() == 1


def test_htmx_request_of_an_unconfirmed_member_is_sent_to_the_code_page(client, strict_member):
    log_in(client, "dora")

    response = client.get(reverse("notification_count"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("two_factor_verify"))


def test_code_pages_send_members_who_need_no_code_on(member_client):
    assert member_client.get(reverse("two_factor_verify")).url == reverse("my_work")
    assert member_client.get(reverse("two_factor_setup")).url == reverse("my_work")


def test_code_pages_show_no_menu_that_would_load_guarded_pages(client, strict_member):
    """The menu's notification bell would ask, through htmx, for a page the code still guards."""
    log_in(client, "dora")

    page = client.get(reverse("two_factor_setup"))

    assert reverse("notification_count") not in page.text
    assert f'action="{reverse("logout")}"' in page.text


def admin_saves(admin_client, url: str, **changes) -> None:
    """Post an admin change or add form as a browser would, with some fields changed."""
    from scripts.webclient import forms_of

    form = next(f for f in forms_of(admin_client.get(url).text) if f.action in {"", url})
    data: dict[str, list[str]] = {}
    for name, value in form.fields:
        data.setdefault(name, []).append(value)
    data |= {name: [value] for name, value in changes.items()}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.text[:2000]


def test_member_already_logged_in_is_asked_for_a_code_once_his_company_requires_one(
    client, member, admin_client
):
    log_in(client, "alice")
    assert client.get(reverse("my_work")).status_code == 200
    company = member.memberships.get().company

    admin_saves(
        admin_client,
        reverse("admin:tracker_company_change", args=[company.pk]),
        require_two_factor="on",
    )
    page = client.get(reverse("my_work"))

    assert page.status_code == 302
    assert page.url.startswith(reverse("two_factor_verify"))


def test_user_logged_in_is_asked_for_a_code_once_he_joins_a_company_requiring_one(
    client, admin_client
):
    newcomer = UserFactory(username="erin")
    MembershipFactory(user=newcomer)
    strict = CompanyFactory(require_two_factor=True)
    log_in(client, "erin")
    assert client.get(reverse("my_work")).status_code == 200

    admin_saves(
        admin_client,
        reverse("admin:tracker_membership_add"),
        user=str(newcomer.pk),
        company=str(strict.pk),
        role="preparer",
    )

    assert client.get(reverse("my_work")).url.startswith(reverse("two_factor_verify"))
