"""An extension recorded in the browser moves the letter's response date and its place in My
work."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tracker import clock
from tracker.domain.demo import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_extension_moves_the_response_date_everywhere(log_in, live_server, screenshot):
    letter = seed_demo()  # the Calix letter of 2009: every response of it is long overdue
    counsel = log_in("counsel")
    counsel.goto(f"{live_server.url}/")
    calix_overdue = counsel.locator("#section-waiting tr.work-row", has_text="Calix").filter(
        has=counsel.locator(".text-bg-danger", has_text="Overdue")
    )
    before = calix_overdue.count()
    assert before > 0
    screenshot(counsel, "extension-1-my-work-overdue")

    counsel.goto(f"{live_server.url}/letters/{letter.pk}/")
    counsel.get_by_role("link", name="Record an extension").click()
    new_date = clock.sec_today() + timedelta(days=30)
    counsel.get_by_label("New response date").fill(new_date.isoformat())
    counsel.get_by_label("Granted by").fill("Jay Knight")
    counsel.get_by_label("Asked on").fill(clock.sec_today().isoformat())
    screenshot(counsel, "extension-2-form")
    counsel.get_by_role("button", name="Record the extension").click()
    expect(counsel.get_by_role("status")).to_contain_text("The response is now due on")
    expect(counsel.locator(".response-due")).to_contain_text(
        "extended from Monday, January 4, 2010: granted by Jay Knight"
    )
    screenshot(counsel, "extension-3-letter-page")

    counsel.goto(f"{live_server.url}/")
    expect(calix_overdue).to_have_count(0)
    screenshot(counsel, "extension-4-my-work-after")
    letter.refresh_from_db()
    assert letter.response_due_on == new_date
