"""manage.py precedents "TEXT": the most similar staff comments, their source, score and answer."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CommentFactory, LibraryCommentFactory, MembershipFactory
from tracker.domain.vectors import backfill_vectors
from tracker.queries.precedents import semantic

pytestmark = pytest.mark.django_db

GOODWILL = "Explain why no reporting unit failed step one of the goodwill impairment test."
AUDIT = "Please expand your disclosure of the critical audit matters the auditor communicated."


@pytest.fixture(autouse=True)
def fresh_matrix():
    semantic.forget()
    yield
    semantic.forget()


def run(*args: str) -> str:
    out = StringIO()
    call_command("precedents", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_closest_library_comment_first_with_its_answer():
    best = LibraryCommentFactory(
        text=GOODWILL, answer="Each unit's fair value exceeded its carrying amount."
    )
    LibraryCommentFactory(text=AUDIT)

    printed = run("goodwill impairment of a reporting unit", "--limit", "1")

    source = f"library {best.letter.accession}, comment {best.number}"
    assert printed.startswith(f"1. {best.company_name}, March 1, 2018 ({source})")
    assert "Answer:  Each unit's fair value exceeded its carrying amount." in printed
    assert "2." not in printed


def test_command_json_gives_source_score_and_answer():
    best = LibraryCommentFactory(text=GOODWILL, answer="We tested goodwill annually.")

    found = json.loads(run("goodwill impairment", "--json"))

    assert [(f["source"], f["accession"], f["answer"]) for f in found] == [
        ("library", best.letter.accession, "We tested goodwill annually.")
    ]
    assert found[0]["score"] > 0


def test_command_shows_our_comments_only_for_a_user_who_may_see_them():
    ours = CommentFactory(text=GOODWILL)
    alice = MembershipFactory(company=ours.letter.review.company).user
    bob = MembershipFactory().user
    backfill_vectors()

    assert json.loads(run(GOODWILL, "--json")) == []
    assert json.loads(run(GOODWILL, "--json", "--user", bob.username)) == []
    assert [f["id"] for f in json.loads(run(GOODWILL, "--json", "--user", alice.username))] == [
        ours.pk
    ]


def test_command_says_when_nothing_is_found():
    assert run("goodwill") == "No precedent found (is the library imported?).\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["  "], "Give the text of a staff comment to compare with."),
        (["goodwill", "--limit", "0"], "--limit must be between 1 and 100."),
        (["goodwill", "--user", "nobody"], "There is no user 'nobody'."),
    ],
)
def test_command_refuses_bad_input_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
