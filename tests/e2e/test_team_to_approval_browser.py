"""The whole of a review, from the team's invitation to the approvals, in a browser: the demo
company's administrator invites a drafter and a reviewer from the Team page; the drafter sets
his password from the e-mailed link and drafts three responses; the reviewer marks two reviewed
and sends one back from the letter's review page; the administrator approves the ready ones in
one action; previous / next walk the letter. Any console error fails the test (conftest)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.test_team_browser import invite
from tracker.domain.demo import seed_demo
from tracker.enums import REVIEWER_SIGN_OFF, Decision, ResponseStatus
from tracker.models import Approval

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "steady-Lantern-2291"


def join(new_page, live_server, email: str, name: str):
    """The invited person opens the link of his e-mail, sets his password and logs in."""
    (invitation,) = [message for message in mail.outbox if message.to == [email]]
    link = re.search(r"http://\S+/invitation/\S+/", invitation.body).group(0)
    page = new_page()
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is set.")
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(name)
    return page


def test_from_invitation_to_approval(new_page, log_in, live_server, screenshot):
    letter = seed_demo()
    letter.required_sign_offs = [REVIEWER_SIGN_OFF]  # the reviewer's "reviewed" is a sign-off
    letter.save(update_fields=["required_sign_offs"])
    first, second, third = (letter.comments.get(number=n) for n in (1, 2, 3))

    admin = log_in("approver")  # Grace Lin, the demo company's administrator
    admin.get_by_role("link", name="Team").click()
    invite(admin, "dana.reyes@example.com", "Dana", "Reyes", "Preparer")
    invite(admin, "sam.okafor@example.com", "Sam", "Okafor", "Reviewer")
    screenshot(admin, "team-review-1-invited")

    drafter = join(new_page, live_server, "dana.reyes@example.com", "Dana Reyes")
    screenshot(drafter, "team-review-2-drafter-logged-in")
    for comment in (first, second, third):
        drafter.goto(f"{live_server.url}/comments/{comment.pk}/")
        drafter.locator("#id_text").fill(
            f"The Company has revised the disclosure as asked in comment {comment.number}."
        )
        drafter.locator("#save-and-submit").click()
        expect(drafter.locator("#our-response .badge").first).to_contain_text("In review")
    screenshot(drafter, "team-review-3-three-drafted")

    reviewer = join(new_page, live_server, "sam.okafor@example.com", "Sam Okafor")
    reviewer.goto(f"{live_server.url}/letters/{letter.pk}/")
    reviewer.locator("#review-letter").click()
    for comment in (first, second):
        reviewer.locator(f"#reviewed-{comment.pk}").click()
        expect(reviewer.locator(f"#review-item-{comment.pk}")).to_contain_text(
            f"Comment {comment.number}: reviewed, no changes."
        )
    reviewer.locator(f"#review-item-{third.pk} summary").click()
    reviewer.locator(f"#note-{third.pk}").fill("Say which page of the prospectus changed.")
    reviewer.locator(f"#send-back-{third.pk}").click()
    expect(reviewer.locator(f"#review-item-{third.pk} .badge")).to_contain_text("Changes requested")
    screenshot(reviewer, "team-review-4-two-reviewed-one-sent-back")

    admin.goto(f"{live_server.url}/letters/{letter.pk}/review/")
    admin.locator("#approve-ready").click()
    expect(admin.locator("#ready-count")).to_contain_text("2 responses")
    admin.locator("#confirm-approve-ready").click()
    expect(admin.locator("main")).to_contain_text("Approved 2 responses (comments 1, 2).")
    screenshot(admin, "team-review-5-approved-in-one-action")

    admin.goto(f"{live_server.url}/comments/{first.pk}/")
    admin.locator("#walk-next").click()
    expect(admin.locator("#staff-comment")).to_have_text("Comment 2")
    admin.locator("body").press("j")
    expect(admin.locator("#staff-comment")).to_have_text("Comment 3")
    admin.locator("body").press("k")
    expect(admin.locator("#staff-comment")).to_have_text("Comment 2")
    screenshot(admin, "team-review-6-walked")

    approved = Approval.objects.filter(decision=Decision.APPROVED)
    assert sorted(a.revision.response.comment.number for a in approved) == [1, 2]
    assert {a.revision.author.email for a in approved} == {"dana.reyes@example.com"}
    statuses = []
    for comment in (first, second, third):
        comment.response.refresh_from_db()
        statuses.append(comment.response.status)
    assert statuses == [
        ResponseStatus.APPROVED,
        ResponseStatus.APPROVED,
        ResponseStatus.CHANGES_REQUESTED,
    ]
