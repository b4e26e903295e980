"""In a browser: the demo's administrator invites a drafter and a reviewer from the Team page;
the drafter sets his password from the e-mailed link and logs in. The browser's console must
stay clean throughout."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tracker.domain.demo import seed_demo
from tracker.enums import Role
from tracker.permissions import role_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "brisk-Harbor-4417"


def listen(page, errors: list[str]) -> None:
    """Collect every console error and uncaught exception of the page."""
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))


def invite(page, email: str, first: str, last: str, role: str) -> None:
    form = page.locator("form[action$='/team/invite/']")
    form.get_by_label("E-mail address").fill(email)
    form.get_by_label("First name").fill(first)
    form.get_by_label("Last name").fill(last)
    form.get_by_label("Role").select_option(label=role)
    form.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text(f"Invited {first} {last} ({email})")


def test_administrator_invites_a_team_and_the_drafter_sets_his_password(
    browser, log_in, live_server, screenshot
):
    company = seed_demo().review.company
    errors: list[str] = []
    page = log_in("approver")  # Grace Lin, the demo company's administrator
    listen(page, errors)

    page.get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name=f"{company.name}’s team")).to_be_visible()
    screenshot(page, "team-page")
    invite(page, "dana.reyes@example.com", "Dana", "Reyes", "Preparer")
    screenshot(page, "team-invited-drafter")
    invite(page, "sam.okafor@example.com", "Sam", "Okafor", "Reviewer")
    expect(page.locator(".team-member", has_text="Sam Okafor")).to_contain_text("Invited")
    screenshot(page, "team-invited-reviewer")

    (letter,) = [m for m in mail.outbox if m.to == ["dana.reyes@example.com"]]
    link = re.search(r"http://\S+/invitation/\S+/", letter.body).group(0)
    drafter = browser.new_page(viewport={"width": 1366, "height": 900})
    listen(drafter, errors)
    drafter.goto(live_server.url + "/" + link.split("/", 3)[3])
    expect(drafter.get_by_role("heading", name="Choose your password")).to_be_visible()
    screenshot(drafter, "invitation-choose-password")
    drafter.get_by_label("New password", exact=True).fill(PASSWORD)
    drafter.get_by_label("New password confirmation").fill(PASSWORD)
    drafter.get_by_role("button", name="Set my password").click()
    expect(drafter.get_by_role("status")).to_contain_text("Your password is set.")
    screenshot(drafter, "invitation-password-set")

    drafter.get_by_label("Username").fill("dana.reyes@example.com")
    drafter.get_by_label("Password").fill(PASSWORD)
    drafter.get_by_role("button", name="Log in").click()
    expect(drafter.get_by_role("navigation", name="Main")).to_contain_text("Dana Reyes")
    screenshot(drafter, "invitation-logged-in")

    dana = company.memberships.get(user__email="dana.reyes@example.com").user
    assert role_in(dana, company) == Role.PREPARER
    assert errors == []
