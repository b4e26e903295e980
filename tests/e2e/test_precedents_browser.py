"""A preparer opens a Calix comment, reads how other companies answered comments like it, and
starts a new revision from one of those answers."""

import pytest
from playwright.sync_api import expect

from tracker.domain.demo import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_preparer_starts_a_revision_from_a_public_answer(log_in, live_server, screenshot):
    letter = seed_demo()
    comment = letter.comments.get(number=7)  # Use of Proceeds; counsel has a draft already
    drafts_before = comment.response.revisions.count()

    page = log_in("counsel")
    page.goto(f"{live_server.url}/comments/{comment.pk}/")
    panel = page.locator("#similar")
    precedent = panel.locator("article.precedent").filter(has_text="Brightwater Networks, Inc.")
    precedent = precedent.filter(has_text="Use of Proceeds").first
    expect(precedent).to_contain_text("no current specific plan")
    screenshot(page, "precedents-1-similar-comments")

    precedent.get_by_role("button", name="Start from this answer").click()
    expect(page.locator("#history")).to_contain_text("Started from Public library: Brightwater")

    revisions = list(comment.response.revisions.order_by("number"))
    assert len(revisions) == drafts_before + 1
    latest = revisions[-1]
    assert latest.source.startswith("Public library: Brightwater Networks, Inc., staff letter of")
    expect(page.locator("#id_text")).to_have_value(latest.text)
    expect(page.locator("#history")).to_contain_text(f"Started from {latest.source}")
    expect(page.locator("#activity")).to_contain_text(f"started from {latest.source}")
    screenshot(page, "precedents-2-started-from-the-answer")
