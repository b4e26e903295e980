"""What only a browser shows: a draft kept through a reload, a letter pasted and saved, and
comments assigned in bulk with "select all" and htmx."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tracker.domain.assignments import assign
from tracker.domain.demo import seed_demo
from tracker.enums import AssignmentRole
from tracker.models import Assignment, CommentLetter
from tracker.parsing.samples import synthetic_letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
User = get_user_model()


def test_unsaved_draft_comes_back_after_a_reload_and_goes_once_saved(
    log_in, live_server, screenshot
):
    comment = seed_demo().comments.get(number=5)
    page = log_in("counsel")
    page.goto(f"{live_server.url}/comments/{comment.pk}/")
    draft = "The Company has revised page 1 to describe its customers."

    page.locator("#id_text").fill(draft)
    page.reload()

    expect(page.locator("#id_text")).to_have_value(draft)
    expect(page.locator("[data-draft-notice]")).to_contain_text("Unsaved text restored")
    screenshot(page, "draft-restored")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#our-response .badge").first).to_contain_text("Drafting")
    page.reload()
    expect(page.locator("[data-draft-notice]")).to_be_hidden()
    assert comment.response.revisions.get().text == draft


def test_pasted_letter_is_previewed_then_saved_with_its_comments(log_in, live_server, screenshot):
    seed_demo()
    page = log_in("counsel")
    page.goto(f"{live_server.url}/letters/import/")

    page.get_by_label("Or paste the letter's text").fill(synthetic_letter(3))
    page.get_by_role("button", name="Read the letter").click()
    expect(page.get_by_role("button", name="Save the letter")).to_be_visible()
    screenshot(page, "letter-preview")
    page.get_by_role("button", name="Save the letter").click()

    expect(page.locator(".comment-row")).to_have_count(3)
    assert CommentLetter.objects.get(letter_date__year=2021).comments.count() == 3


def test_select_all_assigns_every_comment_shown_without_a_page_load(
    log_in, live_server, screenshot
):
    letter = seed_demo()
    page = log_in("reviewer")  # the general counsel assigns the work
    page.goto(f"{live_server.url}/letters/{letter.pk}/?heading=Exhibit+Index")
    expect(page.locator(".comment-row")).to_have_count(2)

    page.locator("#select-all").check()
    page.get_by_label("Assign to").select_option(label="Miguel Ortega")
    page.get_by_label("As", exact=True).select_option(AssignmentRole.DRAFTER)
    page.evaluate("window.loadedOnce = true")
    page.get_by_role("button", name="Assign selected").click()

    expect(page.get_by_role("status")).to_contain_text("assigned as drafter to 2 of 2")
    assert page.evaluate("window.loadedOnce") is True  # htmx swapped the table in place
    screenshot(page, "bulk-assigned")
    assigned = Assignment.objects.filter(
        user__username="controller", role=AssignmentRole.DRAFTER, comment__number__in=[25, 26]
    )
    assert assigned.count() == 2


def test_bell_counts_a_new_assignment_until_it_is_marked_read(log_in, live_server, screenshot):
    letter = seed_demo()
    controller = User.objects.get(username="controller")
    assign(
        [letter.comments.get(number=1)],
        controller,
        AssignmentRole.DRAFTER,
        actor=User.objects.get(username="reviewer"),
    )
    page = log_in("controller")

    expect(page.locator(".notification-bell .badge")).to_have_text("1 unread")
    page.locator(".notification-bell").click()
    item = page.locator(".notification-unread")
    expect(item).to_have_count(1)
    screenshot(page, "notification-centre")
    item.get_by_role("button", name="Mark read").click()

    expect(page.locator(".notification-unread")).to_have_count(0)
    page.reload()
    expect(page.locator(".notification-bell")).to_have_text("Notifications")
    assert controller.notifications.get().read_at is not None
