"""Saving over the draft of the preparer a response is assigned to asks first, and says whose."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import AssignmentFactory, CommentFactory, MembershipFactory, UserFactory
from tracker.domain.precedents import OURS
from tracker.domain.responses import DraftOfAnother, save_revision
from tracker.enums import AssignmentRole, Role
from tracker.models import Activity

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
WARNING = "This response is assigned to Ana Ruiz, whose draft of 3 December you would replace."


@pytest.fixture
def team(company):
    def member(username, first, last, role=Role.PREPARER):
        user = UserFactory(username=username, first_name=first, last_name=last)
        MembershipFactory(user=user, company=company, role=role)
        return user

    return {
        "ana": member("ana", "Ana", "Ruiz"),
        "bob": member("bob", "Bob", "Stone"),
        "reviewer": member("priya", "Priya", "Raman", Role.REVIEWER),
    }


@pytest.fixture
def comment(letter, team):
    comment = CommentFactory(letter=letter, number=4)
    AssignmentFactory(comment=comment, user=team["ana"], role=AssignmentRole.DRAFTER)
    with time_machine.travel(datetime(2026, 12, 3, 15, tzinfo=UTC), tick=False):
        save_revision(comment.response, "Ana's draft.", author=team["ana"], based_on=None)
    return comment


def save(client, user, comment, text, **extra):
    client.force_login(user)
    data = {"text": text, "based_on": 1, **extra}
    return client.post(reverse("comment_save", args=[comment.pk]), data, **extra.pop("headers", {}))


def texts(comment) -> list[tuple[int, str, str]]:
    return [(r.number, r.text, r.author.username) for r in comment.response.revisions.all()]


@time_machine.travel(datetime(2026, 12, 5, 12, tzinfo=UTC), tick=False)
def test_saving_over_the_assigned_drafters_draft_asks_and_saves_nothing(client, team, comment):
    response = save(client, team["bob"], comment, "Bob's text.")
    assert response.status_code == 409
    page = response.text
    assert WARNING in page
    assert ">Save over Ana Ruiz's draft</button>" in page
    assert 'name="replacing" value="1"' in page
    assert "Bob&#x27;s text." in page  # his words are kept in the editor
    assert texts(comment) == [(1, "Ana's draft.", "ana")]


@time_machine.travel(datetime(2026, 12, 5, 12, tzinfo=UTC), tick=False)
def test_confirmed_save_replaces_the_draft_and_the_history_says_whose(client, team, comment):
    response = save(client, team["bob"], comment, "Bob's text.", replacing=1)
    assert response.status_code == 302
    assert texts(comment) == [(1, "Ana's draft.", "ana"), (2, "Bob's text.", "bob")]
    page = client.get(reverse("comment", args=[comment.pk])).text
    assert "Comment 4: saved revision 2 over Ana Ruiz&#x27;s draft (revision 1)" in page
    entry = Activity.objects.get(verb="revision.saved", actor=team["bob"])
    assert entry.detail == {"replaced_draft_of": "Ana Ruiz", "replaced_revision": 1}


def test_htmx_save_answers_the_panel_with_the_confirm_step(client, team, comment):
    client.force_login(team["bob"])
    url = reverse("comment_save", args=[comment.pk])
    response = client.post(url, {"text": "Bob's text.", "based_on": 1}, **HTMX)
    assert response.status_code == 409
    assert 'id="response-panel"' in response.text
    assert "whose draft of 3 December you would replace" in response.text
    confirmed = client.post(url, {"text": "Bob's text.", "based_on": 1, "replacing": 1}, **HTMX)
    assert confirmed.status_code == 200
    assert "Saved revision 2." in confirmed.text


def test_a_stale_confirmation_is_refused_as_stale(client, team, comment):
    """Ana saves again while Bob reads the warning: his confirmation names her old draft, and
    his form started from it; nothing of hers is overwritten."""
    save_revision(comment.response, "Ana's second draft.", author=team["ana"], based_on=1)
    response = save(client, team["bob"], comment, "Bob's text.", replacing=1)
    assert response.status_code == 409
    assert "Ana Ruiz saved revision 2 while you were editing" in response.text
    assert texts(comment)[-1] == (2, "Ana's second draft.", "ana")


def test_a_confirmation_of_an_older_draft_does_not_cover_a_newer_one(team, comment):
    save_revision(comment.response, "Ana's second draft.", author=team["ana"], based_on=1)
    with pytest.raises(DraftOfAnother) as refused:
        save_revision(comment.response, "Bob's text.", author=team["bob"], based_on=2, replacing=1)
    assert refused.value.draft.number == 2


def test_the_assigned_drafter_saves_over_others_without_a_question(client, team, comment):
    save_revision(comment.response, "Bob's edit.", author=team["bob"], based_on=1, replacing=1)
    response = save(client, team["ana"], comment, "Ana again.", based_on=2)
    assert response.status_code == 302
    assert texts(comment)[-1] == (3, "Ana again.", "ana")


def test_a_draft_by_a_preparer_not_assigned_needs_no_confirmation(client, team, letter):
    comment = CommentFactory(letter=letter)
    save_revision(comment.response, "Ana's draft.", author=team["ana"], based_on=None)
    response = save(client, team["bob"], comment, "Bob's text.")
    assert response.status_code == 302
    assert texts(comment)[-1] == (2, "Bob's text.", "bob")


def test_starting_from_a_precedent_over_the_draft_asks_too(client, team, comment, company):
    earlier = CommentFactory(letter__review__company=company, number=9)
    save_revision(earlier.response, "Our earlier answer.", author=team["bob"], based_on=None)
    client.force_login(team["bob"])
    url = reverse("comment_start_from", args=[comment.pk])
    asked = client.post(url, {"source": OURS, "pk": earlier.pk})
    assert asked.status_code == 409
    assert "whose draft of 3 December you would replace" in asked.text
    assert texts(comment) == [(1, "Ana's draft.", "ana")]
    client.post(url, {"source": OURS, "pk": earlier.pk, "replacing": 1})
    assert texts(comment)[-1] == (2, "Our earlier answer.", "bob")
