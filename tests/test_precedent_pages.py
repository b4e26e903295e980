"""Precedents on the pages: the Similar comments panel, Start from this answer, a public library
comment's page and the Search page, as preparer, read-only member, outsider and anonymous."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import (
    CommentFactory,
    CommentLetterFactory,
    LibraryCommentFactory,
    LibraryDocumentFactory,
    LibraryThreadFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain.precedents import start_from_precedent
from tracker.domain.responses import ActionRefused, save_revision
from tracker.domain.vectors import backfill_vectors
from tracker.enums import Role
from tracker.models import Activity, LibraryComment
from tracker.parsing.characters import printable
from tracker.queries.precedents import LIBRARY, OURS, semantic

pytestmark = pytest.mark.django_db

ANSWER = (
    "The Company recognizes revenue when title passes to the customer.\n\n"
    "We have revised the disclosure on page 41."
)


@pytest.fixture(autouse=True)
def fresh_matrix():
    """The library's vectors are loaded once per process: no test sees another's."""
    semantic.forget()
    yield
    semantic.forget()


@pytest.fixture
def team(company, outsider):
    def member(name, role):
        user = UserFactory(username=name, first_name=name.title())
        MembershipFactory(user=user, company=company, role=role)
        return user

    return {
        "drafter": member("drafter", Role.PREPARER),
        "reader": member("reader", Role.READ_ONLY),
        "outsider": outsider,
    }


@pytest.fixture
def comment(letter):
    return CommentFactory(
        letter=letter, number=4, text="Please expand your revenue recognition policy."
    )


@pytest.fixture
def library_thread():
    """A public review: comment 2 answered, then followed up by the staff's next letter."""
    thread = LibraryThreadFactory(company_name="Northwind Optics, Inc.", form_type="S-1")
    first = LibraryDocumentFactory(
        thread=thread, accession="0000000000-12-000101", letter_date=date(2012, 3, 5)
    )
    second = LibraryDocumentFactory(
        thread=thread, accession="0000000000-12-000202", letter_date=date(2012, 4, 9)
    )
    follow_up = LibraryCommentFactory(
        letter=second,
        number=1,
        text="We note your response to prior comment 2. Please tell us about bill-and-hold.",
        answer="",
        outcome=LibraryComment.CLOSED,
    )
    asked = LibraryCommentFactory(
        letter=first,
        number=2,
        headings=["Critical Accounting Policies", "Revenue Recognition, page 40"],
        text="Please expand your revenue recognition policy for multiple-element arrangements.",
        answer=ANSWER,
        outcome=LibraryComment.FOLLOWED_UP,
        followed_up_by=follow_up,
    )
    return {"asked": asked, "follow_up": follow_up}


def url(name: str, obj) -> str:
    return reverse(name, args=[obj.pk])


def as_user(client, user):
    client.force_login(user)
    return client


# The panel


def test_comment_page_loads_the_panel_from_its_own_url(client, team, comment):
    page = as_user(client, team["drafter"]).get(url("comment", comment)).text
    assert f'hx-get="{url("comment_similar", comment)}"' in page


def test_panel_shows_a_library_precedent_with_its_answer_and_follow_up(
    client, team, comment, library_thread
):
    asked = library_thread["asked"]
    panel = as_user(client, team["drafter"]).get(url("comment_similar", comment)).text
    assert "Northwind Optics, Inc." in panel
    assert "March 5, 2012" in panel
    assert "Revenue Recognition, page 40" in panel
    assert "multiple-element arrangements" in panel
    assert "The Company recognizes revenue when title passes to the customer." in panel
    assert "The staff came back to it" in panel
    assert url("library_comment", library_thread["follow_up"]) in panel
    assert f'name="pk" value="{asked.pk}"' in panel
    assert "Start from this answer" in panel


def test_panel_offers_no_start_from_a_comment_without_an_answer(
    client, team, comment, library_thread
):
    panel = as_user(client, team["drafter"]).get(url("comment_similar", comment)).text
    follow_up = library_thread["follow_up"]
    assert f'name="pk" value="{follow_up.pk}"' not in panel


def test_read_only_member_sees_the_panel_without_the_button(client, team, comment, library_thread):
    response = as_user(client, team["reader"]).get(url("comment_similar", comment))
    assert response.status_code == 200
    assert "Northwind Optics, Inc." in response.text
    assert "Start from this answer" not in response.text


def test_outsider_never_sees_the_panel(client, team, comment, library_thread):
    response = as_user(client, team["outsider"]).get(url("comment_similar", comment))
    assert response.status_code == 404


def test_anonymous_user_is_sent_to_log_in(client, comment, library_thread):
    for target in [
        url("comment_similar", comment),
        url("library_comment", library_thread["asked"]),
        reverse("search") + "?q=revenue",
    ]:
        response = client.get(target)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("size", [1, 5])
def test_panel_reads_a_fixed_number_of_queries(
    client, team, comment, size, django_assert_num_queries
):
    for number in range(size):
        LibraryCommentFactory(number=number + 1, text=f"Revenue recognition question {number}.")
    drafter = as_user(client, team["drafter"])
    drafter.get(url("comment_similar", comment))  # the process loads the library's vectors once
    # The session, the user, the comment with the user's role, and the ranking's own five (six
    # on PostgreSQL, which stems the comment's words for the full-text match in a query of its own).
    ranking = 6 if connection.vendor == "postgresql" else 5
    with django_assert_num_queries(3 + ranking):
        panel = drafter.get(url("comment_similar", comment)).text
    assert panel.count('class="precedent card') == size


def test_panel_shows_our_earlier_answer_linked_to_its_page_and_never_another_companys(
    client, team, comment, company
):
    earlier = CommentFactory(
        letter=CommentLetterFactory(review__company=company, letter_date=date(2008, 6, 2)),
        text="Please expand your revenue recognition policy for bundled arrangements.",
    )
    save_revision(
        earlier.response, "We recognize revenue on delivery.", author=team["drafter"], based_on=None
    )
    elsewhere = CommentFactory(text="Please expand your revenue recognition policy, elsewhere.")
    backfill_vectors()
    panel = as_user(client, team["drafter"]).get(url("comment_similar", comment)).text
    assert url("comment", earlier) in panel
    assert "We recognize revenue on delivery." in panel
    assert "Our review" in panel
    assert url("comment", elsewhere) not in panel
    assert "elsewhere" not in panel


# Start from this answer


def test_start_from_a_library_answer_keeps_the_draft_and_says_where_it_came_from(
    client, team, comment, library_thread
):
    save_revision(comment.response, "My own draft.", author=team["drafter"], based_on=None)
    asked = library_thread["asked"]
    drafter = as_user(client, team["drafter"])
    response = drafter.post(
        url("comment_start_from", comment), {"source": LIBRARY, "pk": asked.pk}, follow=True
    )
    source = (
        "Public library: Northwind Optics, Inc., staff letter of March 5, 2012 "
        "(0000000000-12-000101), comment 2"
    )
    revisions = list(comment.response.revisions.order_by("number"))
    assert [(r.number, r.text, r.source) for r in revisions] == [
        (1, "My own draft.", ""),
        (2, ANSWER, source),
    ]
    assert revisions[1].based_on == revisions[0]
    page = response.text
    assert f"Started from {source}" in page
    assert f"Comment 4: saved revision 2, started from {source}" in page
    entry = Activity.objects.get(verb="revision.saved", target_id=revisions[1].pk)
    assert entry.detail == {"source": source}


def test_start_from_our_own_earlier_answer(client, team, comment, company):
    earlier = CommentFactory(
        letter=CommentLetterFactory(review__company=company, letter_date=date(2008, 6, 2)),
        number=9,
    )
    save_revision(earlier.response, "Our answer of 2008.", author=team["drafter"], based_on=None)
    revision = start_from_precedent(comment.response, OURS, earlier.pk, actor=team["drafter"])
    assert revision.text == "Our answer of 2008."
    assert revision.source == (
        "Our review: Calix Networks, Inc., staff letter of June 2, 2008, comment 9"
    )


def test_start_from_another_companys_comment_is_refused_and_changes_nothing(client, team, comment):
    elsewhere = CommentFactory()
    save_revision(
        elsewhere.response,
        "Their confidential answer.",
        author=MembershipFactory(company=elsewhere.letter.review.company).user,
        based_on=None,
    )
    drafter = as_user(client, team["drafter"])
    response = drafter.post(
        url("comment_start_from", comment), {"source": OURS, "pk": elsewhere.pk}
    )
    assert response.status_code == 400
    assert "not in the library or in a review you may see" in response.text
    assert not comment.response.revisions.exists()


def test_read_only_member_cannot_start_a_draft(client, team, comment, library_thread):
    reader = as_user(client, team["reader"])
    response = reader.post(
        url("comment_start_from", comment), {"source": LIBRARY, "pk": library_thread["asked"].pk}
    )
    assert response.status_code == 403
    assert not comment.response.revisions.exists()


def test_outsider_cannot_start_a_draft_on_our_comment(client, team, comment, library_thread):
    response = as_user(client, team["outsider"]).post(
        url("comment_start_from", comment), {"source": LIBRARY, "pk": library_thread["asked"].pk}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "data, message",
    [
        ({"source": LIBRARY, "pk": "x"}, "Choose a precedent to start from."),
        ({"source": "elsewhere", "pk": "1"}, "Choose a precedent to start from."),
        ({"source": LIBRARY, "pk": "999999"}, "not in the library"),
    ],
)
def test_start_from_a_bad_post_gives_a_message(client, team, comment, data, message):
    response = as_user(client, team["drafter"]).post(url("comment_start_from", comment), data)
    assert response.status_code == 400
    assert message in response.text
    assert not comment.response.revisions.exists()


def test_start_from_a_precedent_without_an_answer_is_refused(team, comment, library_thread):
    with pytest.raises(ActionRefused, match="No answer to that comment is known"):
        start_from_precedent(
            comment.response, LIBRARY, library_thread["follow_up"].pk, actor=team["drafter"]
        )


def test_start_from_cleans_the_answer_like_typed_text(team, comment):
    pasted = LibraryCommentFactory(answer="We revised\x07 the\u200b disclosure.\x1b")
    revision = start_from_precedent(comment.response, LIBRARY, pasted.pk, actor=team["drafter"])
    assert revision.text == printable("We revised\x07 the\u200b disclosure.\x1b").strip()
    assert "\x07" not in revision.text and "\x1b" not in revision.text


# The library comment's page


def test_library_comment_page_shows_the_thread_to_anyone_logged_in(client, team, library_thread):
    asked = library_thread["asked"]
    page = as_user(client, team["outsider"]).get(url("library_comment", asked)).text
    assert "Northwind Optics, Inc.: comment 2 of the staff letter of March 5, 2012" in page
    assert "The Company recognizes revenue when title passes to the customer." in page
    assert "Please tell us about bill-and-hold." in page
    assert "0000000000-12-000202" in page
    follow_up_page = client.get(url("library_comment", library_thread["follow_up"])).text
    assert "Follows up" in follow_up_page and url("library_comment", asked) in follow_up_page


def test_library_comment_page_has_no_form_to_change_it(client, team, library_thread):
    page = as_user(client, team["drafter"]).get(url("library_comment", library_thread["asked"]))
    assert 'method="post"' not in page.text.split('id="main"')[1].split("</main>")[0]


# The Search page


def test_search_is_in_the_main_navigation(client, team):
    page = as_user(client, team["drafter"]).get(reverse("my_work")).text
    assert f'href="{reverse("search")}"' in page


def test_search_finds_a_library_comment(client, team, library_thread):
    page = as_user(client, team["drafter"]).get(reverse("search"), {"q": "bill-and-hold"}).text
    assert "Northwind Optics, Inc." in page
    assert url("library_comment", library_thread["follow_up"]) in page


def test_search_shows_a_comment_holding_a_script_as_text(client, team):
    LibraryCommentFactory(text="Revenue <script>alert(1)</script> recognition.")
    page = as_user(client, team["drafter"]).get(reverse("search"), {"q": "recognition"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_search_never_shows_our_comments_to_another_company(client, team, comment):
    outsider_page = as_user(client, team["outsider"]).get(reverse("search"), {"q": "expand"}).text
    assert url("comment", comment) not in outsider_page
    member_page = as_user(client, team["drafter"]).get(reverse("search"), {"q": "expand"}).text
    assert url("comment", comment) in member_page


def test_search_pages_keep_the_filters(client, team):
    for number in range(25):
        LibraryCommentFactory(number=number + 1, text=f"Revenue recognition question {number}.")
    drafter = as_user(client, team["drafter"])
    first = drafter.get(reverse("search"), {"q": "revenue", "source": LIBRARY}).text
    assert first.count('class="search-hit card') == 20
    assert 'href="?q=revenue&amp;source=library&amp;page=2">Next' in first
    second = drafter.get(reverse("search"), {"q": "revenue", "source": LIBRARY, "page": 2}).text
    assert second.count('class="search-hit card') == 5
    assert 'href="?q=revenue&amp;source=library&amp;page=1">Previous' in second
    assert ">Next<" not in second


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"year": "1850"}, {"form_type": "X-99"}, {"page": "-3"}]
)
def test_search_with_a_bad_criterion_gives_a_message(client, team, query):
    response = as_user(client, team["drafter"]).get(reverse("search"), {"q": "revenue", **query})
    assert response.status_code == 400
    assert "Correct the search as shown above" in response.text


def test_empty_search_page_asks_for_criteria(client, team):
    response = as_user(client, team["drafter"]).get(reverse("search"))
    assert response.status_code == 200
    assert "Search the staff's comments" in response.text


@pytest.mark.parametrize("size", [1, 5])
def test_search_page_reads_a_fixed_number_of_queries(client, team, size, django_assert_num_queries):
    for number in range(size):
        LibraryCommentFactory(number=number + 1, text=f"Revenue recognition question {number}.")
    drafter = as_user(client, team["drafter"])
    drafter.get(reverse("search"), {"q": "revenue"})  # the process loads the library's vectors once
    # The session, the user, and the search's own four.
    with django_assert_num_queries(6):
        page = drafter.get(reverse("search"), {"q": "revenue"}).text
    assert page.count('class="search-hit card') == size
