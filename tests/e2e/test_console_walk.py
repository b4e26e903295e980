"""Every page of the demo in a browser, as its users see it, before and after htmx swaps: the
console fixture fails the test on any console error (a Content Security Policy violation, a
404), any script error and any 404 or server error of what a page loads.

The pages are taken from the resolver, as tests/test_url_walk.py takes them: a new page is
walked without being listed here, and one whose URL needs an object the demo lacks fails."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse
from playwright.sync_api import expect

from tests.test_url_walk import MOVED, OK, ROUTES, STAFF_ONLY, walk
from tracker.domain import filing_imports
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.domain.library.runs import start_run
from tracker.domain.responses import save_revision
from tracker.enums import AssignmentRole, ExportFormat, FormType
from tracker.models import LetterUpload, LibraryComment, Notification, Section
from tracker.parsing.samples import synthetic_letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
User = get_user_model()
PREPARER = 3  # the preparer's column in ROUTES' statuses
CONSOLE_PROBE = "<div style='color: red'>inline</div>"


def demo_objects() -> dict:
    """The demo's objects behind each URL argument, with what the demo alone does not make: an
    export, a notification, a filing being imported and a letter upload awaiting its preview."""
    letter = seed_demo()
    counsel = User.objects.get(username="counsel")
    company = letter.review.company
    comment = letter.comments.filter(response__revisions__number=1).first()
    first = comment.response.revisions.get()
    save_revision(comment.response, f"{first.text} More.", author=first.author, based_on=1)
    section = Section.objects.filter(filing__company=company).select_related("filing").first()
    return {
        "letter": letter,
        "company": company,
        "comment": comment,
        "export": export_letter(letter, ExportFormat.TXT, actor=counsel),
        "library_comment": LibraryComment.objects.first(),
        "notification": Notification.objects.filter(recipient=counsel).first(),
        "filing": section.filing,
        "section": section,
        "filing_import": filing_imports.start_import(
            company=company,
            user=counsel,
            data=b"<html><body><h1>Business</h1><p>We make chips.</p></body></html>",
            filename="s-1.htm",
            form_type=FormType.S1,
            queue=False,
        ),
        "library_import": start_run("demo library", threads_total=0),
    }


def pages_to_walk(objects: dict) -> list[tuple[str, str]]:
    """(who, URL) of every page a GET shows: as the preparer, or the staff-only ones as admin."""
    pages = []
    for name, arguments in walk(get_resolver()):
        route = ROUTES[name]
        who = "admin" if route.get == STAFF_ONLY or name == "admin:index" else "counsel"
        if who == "counsel" and route.get[PREPARER] not in (OK, MOVED):
            continue  # posts only
        if name == "letter_preview":
            continue  # reached by uploading a letter, below
        if name == "export_download":
            continue  # a file, not a page
        if name == "invitation":
            continue  # reached from an e-mail's link: tests/e2e/test_team_browser.py opens it
        kwargs = {}
        for argument in arguments:
            found = objects.get(route.ids[argument])
            assert found is not None, f"{name}: the demo has no {route.ids[argument]}"
            kwargs[argument] = found.pk
        pages.append((who, reverse(name, kwargs=kwargs)))
    return pages


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")  # parts loaded by htmx after the page


def test_every_page_of_the_demo_has_a_clean_console(log_in, live_server, screenshot):
    objects = demo_objects()
    browsers = {"counsel": log_in("counsel"), "admin": log_in("admin")}
    for who, url in pages_to_walk(objects):
        visit(browsers[who], f"{live_server.url}{url}")
    page = browsers["counsel"]
    visit(page, f"{live_server.url}{reverse('letter_upload')}")
    page.get_by_label("Or paste the letter's text").fill(synthetic_letter(3))
    page.get_by_role("button", name="Read the letter").click()
    expect(page.get_by_role("button", name="Save the letter")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert LetterUpload.objects.count() == 1
    screenshot(page, "walk-letter-preview")


def test_letter_and_comment_pages_stay_clean_after_htmx_swaps(log_in, live_server, screenshot):
    letter = seed_demo()
    page = log_in("reviewer")  # who may assign in the demo company (its setting)
    visit(page, f"{live_server.url}/letters/{letter.pk}/?heading=Exhibit+Index")
    page.locator("#select-all").check()
    page.get_by_label("Assign to").select_option(label="Miguel Ortega")
    page.get_by_label("As", exact=True).select_option(AssignmentRole.DRAFTER)
    page.get_by_role("button", name="Assign selected").click()
    expect(page.get_by_role("status")).to_contain_text("assigned as drafter to 2 of 2")
    page.locator("#select-all").check()
    page.get_by_role("button", name="Assign selected").click()  # a second swap, same page
    page.wait_for_load_state("networkidle")
    screenshot(page, "walk-letter-after-swaps")

    comment = letter.comments.get(number=5)
    page = log_in("counsel")  # a preparer drafts
    visit(page, f"{live_server.url}/comments/{comment.pk}/")
    page.locator("#id_text").fill("The Company has revised page 1.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#our-response .badge").first).to_contain_text("Drafting")
    page.locator("#id_text").fill("The Company has revised pages 1 and 2.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved revision 2")
    page.wait_for_load_state("networkidle")
    screenshot(page, "walk-comment-after-swaps")


def test_the_console_check_catches_an_inline_style(new_page, console, live_server):
    """The check itself: an inline style put into a page is reported (then cleared, so that
    this test passes while proving the check would fail another)."""
    seed_demo()
    page = new_page()
    visit(page, f"{live_server.url}/login/")
    page.evaluate(
        f"document.querySelector('main').insertAdjacentHTML('beforeend', {CONSOLE_PROBE!r})"
    )
    page.wait_for_timeout(200)
    assert [error for error in console.errors if "inline style" in error] != []
    console.errors.clear()
