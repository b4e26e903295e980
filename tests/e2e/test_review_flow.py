"""The letter's review page in a real browser: the reviewer marks two responses reviewed and
sends one back, the approver approves the ready ones in one action, and previous / next walk
the letter by link and by key. Any browser console error fails the test."""

import pytest
from playwright.sync_api import expect

from tracker.domain.demo import seed_demo
from tracker.domain.responses import save_revision, submit_for_review
from tracker.enums import REVIEWER_SIGN_OFF, Decision, ResponseStatus
from tracker.models import Approval

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watched(page, errors: list[str]):
    """The page, with every console error and uncaught exception noted in `errors`."""
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"),
    )
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    return page


def three_in_review(letter):
    from django.contrib.auth import get_user_model

    counsel = get_user_model().objects.get(username="counsel")
    comments = [letter.comments.get(number=n) for n in (1, 2, 3)]
    for comment in comments:
        text = f"The Company has revised the disclosure asked for in comment {comment.number}."
        save_revision(comment.response, text, author=counsel, based_on=None)
        submit_for_review(comment.response, actor=counsel)
    return comments


def test_review_page_reviewed_sent_back_approved_in_one_action_then_walked(
    log_in, live_server, screenshot
):
    letter = seed_demo()
    letter.required_sign_offs = [REVIEWER_SIGN_OFF]
    letter.save(update_fields=["required_sign_offs"])
    first, second, third = three_in_review(letter)
    errors: list[str] = []
    review_url = f"{live_server.url}/letters/{letter.pk}/review/"

    reviewer = watched(log_in("reviewer"), errors)
    reviewer.goto(f"{live_server.url}/letters/{letter.pk}/")
    reviewer.locator("#review-letter").click()
    expect(reviewer.locator(f"#review-item-{first.pk}")).to_contain_text("comment 1.")
    screenshot(reviewer, "review-1-reviewer-opens-the-review-page")
    for comment in (first, second):
        reviewer.locator(f"#reviewed-{comment.pk}").click()
        expect(reviewer.locator(f"#review-item-{comment.pk}")).to_contain_text(
            f"Comment {comment.number}: reviewed, no changes."
        )
    reviewer.locator(f"#review-item-{third.pk} summary").click()
    reviewer.locator(f"#note-{third.pk}").fill("Say which page of the prospectus changed.")
    reviewer.locator(f"#send-back-{third.pk}").click()
    expect(reviewer.locator(f"#review-item-{third.pk} .badge")).to_contain_text("Changes requested")
    screenshot(reviewer, "review-2-two-reviewed-one-sent-back")

    approver = watched(log_in("approver"), errors)
    approver.goto(review_url)
    approver.locator("#approve-ready").click()
    expect(approver.locator("#ready-count")).to_contain_text("2 responses")
    screenshot(approver, "review-3-approver-confirms-two")
    approver.locator("#confirm-approve-ready").click()
    expect(approver.locator("main")).to_contain_text("Approved 2 responses (comments 1, 2).")
    expect(approver.locator(f"#review-item-{first.pk} .badge")).to_contain_text("Approved")
    screenshot(approver, "review-4-approved-in-one-action")

    approver.goto(f"{live_server.url}/comments/{first.pk}/")
    expect(approver.locator("#walk-order")).to_contain_text("In the order of the letter")
    approver.locator("#walk-next").click()
    expect(approver.locator("#staff-comment")).to_have_text("Comment 2")
    screenshot(approver, "review-5-next-comment-by-link")
    approver.locator("body").press("j")
    expect(approver.locator("#staff-comment")).to_have_text("Comment 3")
    approver.locator("body").press("[")
    expect(approver.locator("#staff-comment")).to_have_text("Comment 2")
    screenshot(approver, "review-6-walked-back-by-key")

    approvals = Approval.objects.filter(decision=Decision.APPROVED).order_by("revision__pk")
    assert [(a.revision.response.comment.number, a.revision.number) for a in approvals] == [
        (1, 1),
        (2, 1),
    ]
    statuses = []
    for comment in (first, second, third):
        comment.response.refresh_from_db()
        statuses.append(comment.response.status)
    assert statuses == [
        ResponseStatus.APPROVED,
        ResponseStatus.APPROVED,
        ResponseStatus.CHANGES_REQUESTED,
    ]
    assert errors == [], errors
