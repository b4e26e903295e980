"""The redline between two revisions reads as the responses read: styles shown, no markup."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, MembershipFactory, UserFactory
from tracker.domain.responses import save_revision
from tracker.parsing.markup import Run
from tracker.parsing.rendered_redline import rendered_redline

pytestmark = pytest.mark.django_db


def test_making_a_year_bold_shows_as_the_year_changed_not_as_asterisks():
    chunks = rendered_redline("Revenue grew in 2018.", "Revenue grew in **2018**.")
    assert chunks == [
        ("equal", [Run("Revenue grew in ")]),
        ("delete", [Run("2018")]),
        ("insert", [Run("2018", bold=True)]),
        ("equal", [Run(".")]),
    ]


def test_bullets_and_paragraphs_read_as_printed():
    chunks = rendered_redline("- one\n- two\n\n*Note*", "- one\n- three\n\n*Note*")
    assert chunks == [
        ("equal", [Run("• one\n• ")]),
        ("delete", [Run("two")]),
        ("insert", [Run("three")]),
        ("equal", [Run("\n\n"), Run("Note", italic=True)]),
    ]


def test_redline_page_shows_rendered_text_with_user_text_escaped(client, company, letter):
    drafter = MembershipFactory(company=company, user=UserFactory(username="dana")).user
    comment = CommentFactory(letter=letter)
    save_revision(comment.response, "Sales of <b>chips</b> in 2018.", author=drafter, based_on=None)
    save_revision(
        comment.response,
        "Sales of <b>chips</b> in **2018** [[at cost]].",
        author=drafter,
        based_on=1,
    )
    client.force_login(drafter)

    page = client.get(reverse("comment_redline", args=[comment.pk]), {"from": 1, "to": 2}).text

    redline = page[page.index('<div class="redline"') :].split("</div>")[0]
    assert "**" not in redline and "[[" not in redline
    assert (
        "Sales of &lt;b&gt;chips&lt;/b&gt; in <del>2018</del><ins><strong>2018</strong>" in redline
    )
    assert 'title="Confidential (Rule 83)">at cost</mark>' in redline
    assert "<b>" not in redline
