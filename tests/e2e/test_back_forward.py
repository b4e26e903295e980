"""Back then forward after saving a draft shows the saved draft, not the page as first loaded."""

import pytest
from playwright.sync_api import expect

from tracker.domain.demo import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_back_then_forward_after_saving_shows_the_saved_draft(log_in, live_server, screenshot):
    comment = seed_demo().comments.get(number=5)
    page = log_in("counsel")
    page.goto(f"{live_server.url}/comments/{comment.pk}/")
    expect(page.get_by_text("No response drafted yet.")).to_be_visible()
    page.locator("#id_text").fill("The Company has revised page 1.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#our-response .badge").first).to_contain_text("Drafting")
    page.go_back()
    page.go_forward()
    page.wait_for_load_state()

    expect(page.locator("#our-response .badge").first).to_contain_text("Drafting")
    expect(page.get_by_text("No response drafted yet.")).to_have_count(0)
    screenshot(page, "back-forward-saved-draft")
