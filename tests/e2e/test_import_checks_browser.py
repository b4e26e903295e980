"""In a browser: a staff letter for another of the user's companies is caught in the preview,
moved to the company it names, and saved there."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import CompanyFactory, MembershipFactory
from tests.test_import_preview_checks import FIRST_LETTER
from tracker.domain.demo import seed_demo
from tracker.models import CommentLetter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_letter_for_another_company_is_caught_and_saved_for_the_company_it_names(
    log_in, live_server, screenshot
):
    demo = seed_demo().review.company
    widget = CompanyFactory(name="Widget Holdings Inc", cik="")
    MembershipFactory(user=get_user_model().objects.get(username="counsel"), company=widget)
    page = log_in("counsel")
    page.goto(f"{live_server.url}/letters/import/")

    page.get_by_label("Company").select_option(label=demo.name)
    page.get_by_label("Or paste the letter's text").fill(FIRST_LETTER)
    page.get_by_label("Received on").fill("2020-03-06")
    page.get_by_role("button", name="Read the letter").click()

    warning = page.locator(".registrant-mismatch")
    expect(warning).to_contain_text(
        f"This letter is addressed to Widget Holdings, Inc., not to {demo.name}"
    )
    expect(page.get_by_label("Import it for")).to_have_value(str(widget.pk))
    screenshot(page, "letter-for-another-company")
    page.get_by_role("button", name="Move this letter").click()

    expect(
        page.get_by_text("This letter will be imported for Widget Holdings Inc.")
    ).to_be_visible()
    expect(warning).to_have_count(0)
    page.get_by_role("button", name="Save the letter").click()
    expect(page.locator(".comment-row")).to_have_count(3)
    letter = CommentLetter.objects.get(letter_date__year=2020)
    assert letter.review.company == widget
