"""Pages that take a `next` value: once the change is saved, a value that is not a page of this
site is ignored and the user lands on the page's normal place, never on an error or elsewhere."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CommentFactory, CompanyFactory, FilingFactory, MembershipFactory
from tracker.domain.linking import add_link
from tracker.enums import LinkMethod
from tracker.models import Section, SectionLink
from tracker.views.next_page import local_url

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-1234"
NOT_LOCAL = [
    "abc",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/no/such/page/",
]
GOOD = "/comments/?status=draft"


@pytest.mark.parametrize("value", NOT_LOCAL)
def test_local_url_refuses_what_is_not_a_page_of_this_site(value):
    assert local_url(value) is None


def test_local_url_keeps_a_page_of_this_site_with_its_query():
    assert local_url(GOOD) == GOOD


# Two-factor code pages


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


@pytest.fixture
def awaiting_code(client):
    """dora has entered her password at a company requiring a code; her app is set up."""
    member = MembershipFactory(company=CompanyFactory(require_two_factor=True))
    client.post(reverse("login"), {"username": member.user.username, "password": PASSWORD})
    return TOTPDevice.objects.create(user=member.user, name="phone", confirmed=True)


@pytest.fixture
def setting_up(client):
    """dora has entered her password; her authenticator is being set up."""
    member = MembershipFactory(company=CompanyFactory(require_two_factor=True))
    client.post(reverse("login"), {"username": member.user.username, "password": PASSWORD})
    client.get(reverse("two_factor_setup"))
    return TOTPDevice.objects.get(user=member.user)


@pytest.mark.parametrize("value", NOT_LOCAL)
def test_code_page_ignores_a_next_that_is_not_local(client, awaiting_code, value):
    response = client.post(
        reverse("two_factor_verify"), {"code": current_code(awaiting_code), "next": value}
    )

    assert response.status_code == 302
    assert response.url == reverse("my_work")
    assert client.get(reverse("my_work")).status_code == 200


def test_code_page_goes_on_to_a_local_next(client, awaiting_code):
    response = client.post(
        reverse("two_factor_verify"), {"code": current_code(awaiting_code), "next": GOOD}
    )

    assert response.url == GOOD


@pytest.mark.parametrize("value", ["abc", "//evil.example", GOOD])
def test_code_page_carries_only_a_local_next_in_its_form(client, awaiting_code, value):
    response = client.get(reverse("two_factor_verify"), {"next": value})

    assert response.status_code == 200
    assert response.context["next"] == (GOOD if value == GOOD else reverse("my_work"))


@pytest.mark.parametrize("value", ["abc", "https://evil.example/", "//evil.example"])
def test_setup_page_ignores_a_next_that_is_not_local(client, setting_up, value):
    response = client.post(
        reverse("two_factor_setup"), {"code": current_code(setting_up), "next": value}
    )

    setting_up.refresh_from_db()
    assert setting_up.confirmed is True
    assert response.url == reverse("my_work")


def test_setup_page_goes_on_to_a_local_next(client, setting_up):
    response = client.post(
        reverse("two_factor_setup"), {"code": current_code(setting_up), "next": GOOD}
    )

    assert response.url == GOOD


# Login and logout


@pytest.mark.parametrize("value", NOT_LOCAL)
def test_login_ignores_a_next_that_is_not_local(client, member, value):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD, "next": value}
    )

    assert response.url == reverse("my_work")


def test_login_goes_on_to_a_local_next(client, member):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD, "next": GOOD}
    )

    assert response.url == GOOD


@pytest.mark.parametrize("value", ["abc", "//evil.example"])
def test_logout_ignores_a_next_that_is_not_local(member_client, value):
    response = member_client.post(reverse("logout"), {"next": value})

    assert response.url == reverse("login")


# Section links


@pytest.fixture
def linked(company, member):
    """Comment 1 of alice's company, linked by hand to the Business section of its S-1."""
    section = Section.objects.create(
        filing=FilingFactory(company=company), order=1, title="Business", first_page="3"
    )
    comment = CommentFactory(letter__review__company=company, number=1)
    return add_link(comment, section, actor=member)


def link_posts(link: SectionLink) -> dict[str, tuple[str, dict]]:
    return {
        "confirm": (reverse("link_confirm", args=[link.pk]), {}),
        "remove": (reverse("link_remove", args=[link.pk]), {}),
        "add": (reverse("comment_sections", args=[link.comment_id]), {"section": link.section_id}),
    }


@pytest.mark.parametrize("action", ["confirm", "remove", "add"])
@pytest.mark.parametrize("value", ["abc", "https://evil.example/", "//evil.example"])
def test_section_link_change_is_saved_and_a_bad_next_ignored(member_client, linked, action, value):
    url, data = link_posts(linked)[action]

    response = member_client.post(url, {**data, "next": value})

    assert response.status_code == 302
    assert response.url == reverse("comment", args=[linked.comment_id])
    expected = [] if action == "remove" else [("Business", LinkMethod.MANUAL)]
    assert list(SectionLink.objects.values_list("section__title", "method")) == expected


@pytest.mark.parametrize("action", ["confirm", "remove", "add"])
def test_section_link_change_goes_back_to_a_local_next(member_client, linked, action):
    section_page = reverse("section", args=[linked.section_id])
    url, data = link_posts(linked)[action]

    response = member_client.post(url, {**data, "next": section_page})

    assert response.url == section_page
