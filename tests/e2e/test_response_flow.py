"""A drafter and an approver take a response from draft to approval in a real browser."""

import pytest
from playwright.sync_api import expect

from tracker.domain.demo import seed_demo
from tracker.enums import ResponseStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_comment(page, live_server, comment) -> None:
    page.goto(f"{live_server.url}/comments/{comment.pk}/")


def badge(page) -> str:
    return page.locator("#our-response .badge").first.inner_text()


def test_drafter_and_approver_take_a_response_to_approval(log_in, live_server, screenshot):
    letter = seed_demo()
    comment = letter.comments.get(number=7)

    drafter = log_in("counsel")
    open_comment(drafter, live_server, comment)
    drafter.locator("#id_text").fill("We have revised page 29 to quantify the uses of proceeds.")
    drafter.locator("#save-and-submit").click()
    expect(drafter.locator("#our-response .badge").first).to_contain_text("In review")
    screenshot(drafter, "1-drafter-submitted")

    approver = log_in("approver")
    open_comment(approver, live_server, comment)
    approver.locator("#id_decision_note").fill("Please give the dollar amounts.")
    approver.locator("#request-changes").click()
    expect(approver.locator("#our-response .badge").first).to_contain_text("Changes requested")
    screenshot(approver, "2-approver-requested-changes")

    open_comment(drafter, live_server, comment)
    assert "Please give the dollar amounts." in drafter.content()
    drafter.locator("#id_text").fill(
        "We have revised page 29: **$20 million** for research and development."
    )
    drafter.locator("#save-and-submit").click()
    expect(drafter.locator("#our-response .badge").first).to_contain_text("In review")
    screenshot(drafter, "3-drafter-resubmitted")

    open_comment(approver, live_server, comment)
    approver.locator("#approve").click()
    expect(approver.locator("#our-response .badge").first).to_contain_text("Approved")
    screenshot(approver, "4-approved")

    approver.goto(f"{live_server.url}/letters/{letter.pk}/")
    assert "1 / 26 approved" in approver.content()
    screenshot(approver, "5-letter-progress")

    comment.response.refresh_from_db()
    assert comment.response.status == ResponseStatus.APPROVED
    assert list(comment.response.revisions.values_list("number", "author__username")) == [
        (1, "counsel"),
        (2, "counsel"),
        (3, "counsel"),
    ]
