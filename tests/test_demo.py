"""The demo a newcomer opens: the SEC staff's letter of December 17, 2009 on Calix's S-1."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tracker.domain.demo import DEMO_PASSWORD, seed_demo
from tracker.enums import FormType, ResponseStatus
from tracker.models import (
    Activity,
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Filing,
    LibraryComment,
    LibraryDocument,
    LibraryThread,
    Membership,
    Revision,
    Section,
    SectionLink,
)
from tracker.queries.precedents import LIBRARY, similar_to

pytestmark = pytest.mark.django_db

INNERMOST_HEADINGS = {
    1: "General",
    5: "Our Company, page 1",
    7: "Use of Proceeds, page 29",
    8: "Selected Financial Data, page 35",
    9: "Significant Factors, Assumptions and Methodologies Used in Determining Fair Value, page 41",
    11: "Impairment of Goodwill, Intangible Assets and Other Long-Lived Assets, page 45",
    12: "Overview",
    13: "Liquidity, page 84",
    14: "The Calix Solution, page 64",
    17: "Competitive Market Review, page 89",
    19: "Certain Relationships and Related Transactions, page 115",
    20: "Balance Sheets, page F-3",
    21: "Unaudited Interim Financial Information, page F-8",
    24: "Customer Contracts and Lists, page F-20",
    25: "Exhibit Index",
    26: "Exhibit Index",
}


def counts() -> dict[str, int]:
    models = [Company, Filing, Section, SectionLink, CommentLetter, Comment, Membership]
    models += [Assignment, Revision, Activity, LibraryThread, LibraryDocument, LibraryComment]
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_loads_the_letter_with_its_26_comments():
    letter = seed_demo()
    numbers = list(letter.comments.values_list("number", flat=True))
    assert numbers == list(range(1, 27))
    headings = {c.number: c.heading for c in letter.comments.filter(number__in=INNERMOST_HEADINGS)}
    assert headings == INNERMOST_HEADINGS
    assert letter.letter_date == date(2009, 12, 17)
    assert letter.response_due_on == date(2010, 1, 4)


def test_seed_demo_ties_the_letter_to_the_s1():
    letter = seed_demo()
    filing = letter.review.filings.get()
    assert (filing.form_type, filing.file_number) == (FormType.S1, "333-163252")
    assert filing.filed_on == date(2009, 11, 20)
    assert letter.review.company.name == "Calix Networks, Inc."
    use_of_proceeds = letter.comments.get(number=7).sections.get()
    assert (use_of_proceeds.title, use_of_proceeds.first_page) == ("Use of Proceeds, page 29", "29")


def test_seed_demo_has_the_10k_note_to_browse(client):
    letter = seed_demo()
    annual = Filing.objects.get(form_type=FormType.TEN_K)
    note = annual.sections.get()
    assert annual.company == letter.review.company
    assert (annual.file_number, annual.filed_on) == ("001-34674", date(2016, 2, 29))
    assert note.title == "Stockholders' Equity"
    assert "2-for-3 reverse stock split" in note.text
    client.force_login(Membership.objects.get(user__username="controller").user)
    page = client.get(reverse("filing", args=[annual.pk]))
    assert "Stockholders&#x27; Equity</a>" in page.text
    assert "Form 10-K for the Fiscal Year Ended December 31, 2015" in page.text


def test_seed_demo_has_a_review_of_the_10k_commenting_on_its_note():
    seed_demo()
    letter = CommentLetter.objects.get(letter_date=date(2016, 4, 12))
    annual = Filing.objects.get(form_type=FormType.TEN_K)
    assert list(letter.review.filings.all()) == [annual]
    assert list(letter.comments.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert letter.comments.get(number=5).heading == "Stockholders' Equity, page 99"
    assert letter.asks_acknowledgment is True
    linked = annual.sections.get().comments.values_list("number", flat=True)
    assert sorted(linked) == [5, 6]
    drafting = letter.comments.filter(response__status=ResponseStatus.DRAFTING)
    assert sorted(drafting.values_list("number", flat=True)) == [1, 3, 5]
    assert letter.review.company == Company.objects.get()


def test_seed_demo_twice_leaves_the_same_counts():
    seed_demo()
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert first["Comment"] == 26 + 6
    assert first["Filing"] == 2
    assert first["CommentLetter"] == 2


def test_seed_demo_has_work_in_progress():
    letter = seed_demo()
    draft = letter.comments.get(number=7).response
    assert draft.status == ResponseStatus.DRAFTING
    assert draft.revisions.get().author.username == "counsel"
    assert Assignment.objects.filter(comment__letter=letter, role="drafter").count() == 9


def test_demo_login_reaches_the_letter_page(client):
    letter = seed_demo()
    response = client.post(reverse("login"), {"username": "counsel", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("letter", args=[letter.pk]))
    assert page.text.count('class="comment-row"') == 26
    assert "Use of Proceeds, page 29" in page.text


def test_letter_page_names_the_staff_to_call_and_links_the_filing(client):
    letter = seed_demo()
    client.force_login(Membership.objects.get(user__username="counsel").user)

    page = client.get(reverse("letter", args=[letter.pk])).text

    s1 = letter.review.filings.get()
    assert 'Sharon Virga, Staff Accountant, <a href="tel:2025513385">(202) 551-3385</a>' in page
    assert f'<a href="{reverse("filing", args=[s1.pk])}">{s1}</a> (File No. 333-163252)' in page


def test_seed_demo_fills_the_library_with_answered_reviews():
    seed_demo()
    assert LibraryThread.objects.count() == 6
    assert LibraryThread.objects.exclude(closed_on=None).count() == 6
    comments = LibraryComment.objects.all()
    assert comments.count() == 23
    assert comments.exclude(answer="").count() == 23
    followed_up = comments.filter(outcome=LibraryComment.FOLLOWED_UP)
    assert sorted(followed_up.values_list("company_name", "number")) == [
        ("Brightwater Networks, Inc.", 3),
        ("Harborline Systems Corp.", 3),
        ("Meridian Fiberworks, Inc.", 3),
    ]
    assert not comments.filter(outcome=LibraryComment.UNKNOWN).exists()


@pytest.mark.parametrize(
    "number, company, heading",
    [
        (7, "Brightwater Networks, Inc.", "Use of Proceeds, page 31"),
        (11, "Cedar Peak Software, Inc.", "Goodwill, page 55"),
        (23, "Harborline Systems Corp.", "Concentration of Credit Risk, page F-12"),
    ],
)
def test_calix_comments_have_similar_comments_in_the_demo_library(number, company, heading):
    letter = seed_demo()
    counsel = Membership.objects.get(user__username="counsel").user
    precedents = similar_to(letter.comments.get(number=number), counsel)
    library = [(p.company, p.heading) for p in precedents if p.source == LIBRARY]
    assert (company, heading) in library


def test_demo_preparer_starts_from_a_public_answer_found_in_the_panel(client):
    """The browser test's path, without the browser: the page names the panel's URL, the panel
    offers the answer, the post makes a new revision on top of counsel's draft."""
    comment = seed_demo().comments.get(number=7)
    client.force_login(Membership.objects.get(user__username="counsel").user)
    page = client.get(reverse("comment", args=[comment.pk])).text
    panel_url = reverse("comment_similar", args=[comment.pk])
    assert f'hx-get="{panel_url}"' in page
    panel = client.get(panel_url).text
    offered = LibraryComment.objects.get(company_name="Brightwater Networks, Inc.", number=3)
    assert f'name="pk" value="{offered.pk}"' in panel
    after = client.post(
        reverse("comment_start_from", args=[comment.pk]),
        {"source": "library", "pk": offered.pk},
        follow=True,
    ).text
    texts = list(comment.response.revisions.order_by("number").values_list("text", flat=True))
    assert len(texts) == 2
    assert texts[1] == offered.answer
    assert (
        "Started from Public library: Brightwater Networks, Inc., staff letter of May 27" in after
    )


def test_seed_demo_prints_the_administrator_who_runs_the_team(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert (
        "  approver    Chief Financial Officer "
        "(administrator: approves, and invites the team from its Team page)"
    ) in out.getvalue()
    client.force_login(get_user_model().objects.get(username="approver"))
    page = client.get(reverse("team_index"), follow=True)
    assert "Calix Networks, Inc.’s team" in page.text
    assert "Send the invitation" in page.text
