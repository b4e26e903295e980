"""What a morning digest shows, letter by letter, on a varied state: two companies in two time
zones, more letters than a digest details, late and due-soon work, dates set on an assignment,
a letter without a response date, responses in review and approved, a former member and an
inactive user.

Time is frozen at 8 p.m. on Tuesday, March 9, 2010 in Washington: already Wednesday morning in
Tokyo. For the New York company today is March 9 and "due soon" ends Thursday, March 11; for the
Tokyo company today is March 10 and "due soon" ends Friday, March 12.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from tests.factories import (
    CommentFactory,
    CommentLetterFactory,
    CompanyFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain import reminders
from tracker.domain.assignments import assign
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import AssignmentRole, Decision, Role
from tracker.models import Assignment, Membership, Notification

pytestmark = pytest.mark.django_db
# The SEC's closures (is it a business morning?), time zones, the open work ranked in SQL,
# users, preferences, letters; then the claim: a savepoint, the keys present, the insert, the
# failed re-claimed, the pending queued, release.
DIGEST_QUERIES = 12


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run a sweep and the e-mail it queues, as a worker would right after the commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


NEW_YORK, TOKYO = "Calix Networks, Inc.", "Sakura Holdings K.K."
# name: (company, response date, comments)
LETTERS = {
    "N1": (NEW_YORK, date(2010, 3, 1), 1),
    "N2": (NEW_YORK, date(2010, 3, 8), 2),
    "N3": (NEW_YORK, date(2010, 3, 9), 2),
    "N4": (NEW_YORK, date(2010, 3, 11), 1),
    "N5": (NEW_YORK, date(2010, 3, 12), 2),
    "N6": (NEW_YORK, date(2010, 3, 20), 2),
    "N7": (NEW_YORK, None, 1),
    "N8": (NEW_YORK, date(2010, 4, 1), 1),
    "N9": (NEW_YORK, date(2010, 3, 15), 1),
    "T1": (TOKYO, date(2010, 3, 9), 1),
    "T2": (TOKYO, date(2010, 3, 12), 1),
    "T3": (TOKYO, date(2010, 3, 13), 1),
    "T4": (TOKYO, date(2010, 3, 1), 1),
}


def let_preparers_assign(company) -> None:
    company.preparers_may_assign = True
    company.save(update_fields=["preparers_may_assign"])


@pytest.fixture
def state(company):
    """alice drafts in every letter above; bob reviews two New York comments; frank drafts one
    letter in each company but left Tokyo; dave, inactive, drafts N1."""
    # Preparers assign in both companies (a company's setting), as alice does below.
    tokyo = CompanyFactory(name=TOKYO, time_zone="Asia/Tokyo", preparers_may_assign=True)
    let_preparers_assign(company)
    companies = {NEW_YORK: company, TOKYO: tokyo}

    def person(name: str, role: str, *at):
        user = UserFactory(username=name, first_name=name.title())
        for where in at:
            MembershipFactory(user=user, company=where, role=role)
        return user

    people = {
        "alice": person("alice", Role.PREPARER, company, tokyo),
        "bob": person("bob", Role.REVIEWER, company),
        "carol": person("carol", Role.APPROVER, company),
        "dave": person("dave", Role.PREPARER, company),
        "frank": person("frank", Role.PREPARER, company, tokyo),
    }
    letters, comments = {}, {}
    for month_day, (name, (where, due, count)) in enumerate(LETTERS.items(), start=1):
        letters[name] = CommentLetterFactory(
            review__company=companies[where],
            letter_date=date(2010, 2, month_day),
            round=1,
            response_due_on=due,
        )
        comments[name] = [CommentFactory(letter=letters[name], number=n) for n in range(count)]

    alice, bob, carol = people["alice"], people["bob"], people["carol"]
    # A date on the assignment counts instead of the letter's: one late, one not.
    assign(comments["N6"][:1], alice, AssignmentRole.DRAFTER, actor=alice, due_on=date(2010, 3, 5))
    assign(comments["N2"][1:], alice, AssignmentRole.DRAFTER, actor=alice, due_on=date(2010, 3, 20))
    for name in LETTERS:
        assign(comments[name], alice, AssignmentRole.DRAFTER, actor=alice)
    # N3's second comment waits in review with bob; bob also reviews N4's comment, still a draft.
    in_review = comments["N3"][1].response
    save_revision(in_review, "We revised it.", author=alice, based_on=None)
    submit_for_review(in_review, actor=alice)
    assign([comments["N3"][1]], bob, AssignmentRole.REVIEWER, actor=alice)
    assign(comments["N4"], bob, AssignmentRole.REVIEWER, actor=alice)
    # N5's second comment is approved: done work.
    approved = comments["N5"][1].response
    save_revision(approved, "We revised it.", author=alice, based_on=None)
    submit_for_review(approved, actor=alice)
    record_decision(approved, Decision.APPROVED, actor=carol, revision_number=1)

    assign(comments["N8"], people["frank"], AssignmentRole.DRAFTER, actor=alice)
    assign(comments["T2"], people["frank"], AssignmentRole.DRAFTER, actor=alice)
    Membership.objects.filter(user=people["frank"], company=tokyo).delete()
    assign(comments["N1"], people["dave"], AssignmentRole.DRAFTER, actor=alice)
    people["dave"].is_active = False
    people["dave"].save()
    return {"people": people, "letters": letters}


def digest_of(username: str) -> tuple[str, str]:
    [message] = [message for message in mail.outbox if message.to == [f"{username}@example.com"]]
    return message.subject, message.body


def shown(body: str, letters: dict) -> list[tuple[str, str]]:
    """The letters the digest details, in its order: (letter name, its counts line)."""
    names = {heading(letter): name for name, letter in letters.items()}
    lines = body.splitlines()
    return [(names[line], lines[i + 1].strip()) for i, line in enumerate(lines) if line in names]


def heading(letter) -> str:
    return f"{letter.review.company}: {letter} (round 1)"


def test_digest_details_the_ten_most_pressing_letters_and_counts_all_work(state, sweep):
    with time_machine.travel(datetime(2010, 3, 9, 20, tzinfo=ZoneInfo("America/New_York"))):
        sweep(reminders.daily_digests)

    assert sorted(address for m in mail.outbox for address in m.to) == [
        "alice@example.com",
        "bob@example.com",
        "frank@example.com",
    ]
    subject, body = digest_of("alice")
    assert subject == (
        "Your corresp work for Tuesday, March 9: 5 late, 4 due soon, 15 to draft, 0 to review"
    )
    assert "  Responses to draft:            15\n" in body
    assert "  Waiting for your review:       0\n" in body
    assert "  Due within two business days:  4\n" in body
    assert "  Late:                          5\n" in body
    assert shown(body, state["letters"]) == [
        ("N1", "1 to draft. Due Monday, March 1, 2010. LATE: 1."),
        ("T4", "1 to draft. Due Monday, March 1, 2010. LATE: 1."),
        ("N6", "2 to draft. Due Friday, March 5, 2010. LATE: 1."),
        ("N2", "2 to draft. Due Monday, March 8, 2010. LATE: 1."),
        ("T1", "1 to draft. Due Tuesday, March 9, 2010. LATE: 1."),
        ("N3", "1 to draft. Due Tuesday, March 9, 2010. Due soon: 2."),
        ("N4", "1 to draft. Due Thursday, March 11, 2010. Due soon: 1."),
        ("T2", "1 to draft. Due Friday, March 12, 2010. Due soon: 1."),
        ("N5", "1 to draft. Due Friday, March 12, 2010."),
        ("T3", "1 to draft. Due Saturday, March 13, 2010."),
    ]
    assert "\nAnd 3 more letters with work of yours.\n" in body

    subject, body = digest_of("bob")
    assert subject == "Your corresp work for Tuesday, March 9: 2 due soon, 0 to draft, 1 to review"
    assert shown(body, state["letters"]) == [
        ("N3", "1 to review. Due Tuesday, March 9, 2010. Due soon: 1."),
        ("N4", "Due Thursday, March 11, 2010. Due soon: 1."),
    ]
    assert "more letter" not in body

    subject, body = digest_of("frank")
    assert shown(body, state["letters"]) == [("N8", "1 to draft. Due Thursday, April 1, 2010.")]


@pytest.fixture
def eleven_letters(company):
    """erin drafts in eleven New York letters, made in this order: the letter id breaks ties."""
    erin = UserFactory(username="erin", first_name="Erin")
    MembershipFactory(user=erin, company=company, role=Role.PREPARER)
    let_preparers_assign(company)
    dates = {
        "only late": date(2010, 3, 1),
        "late and soon": date(2010, 3, 5),
        "same day, made first": date(2010, 3, 20),
        "same day, made second": date(2010, 3, 20),
        "no date": None,
    }
    dates |= {f"April {day}": date(2010, 4, day) for day in range(1, 7)}
    letters = {}
    for month_day, (name, due) in enumerate(dates.items(), start=1):
        letters[name] = CommentLetterFactory(
            review__company=company,
            letter_date=date(2010, 2, month_day),
            round=1,
            response_due_on=due,
        )
        comments = [CommentFactory(letter=letters[name], number=n) for n in range(2)]
        if name == "late and soon":
            # Its second comment is due Thursday: late and due soon in one letter.
            assign(comments[1:], erin, AssignmentRole.DRAFTER, actor=erin, due_on=date(2010, 3, 11))
        assign(comments, erin, AssignmentRole.DRAFTER, actor=erin)
    return letters


def test_digest_puts_late_and_soon_work_first_breaks_ties_by_letter_and_dateless_last(
    eleven_letters, sweep
):
    with time_machine.travel(datetime(2010, 3, 9, 20, tzinfo=ZoneInfo("America/New_York"))):
        sweep(reminders.daily_digests)

    subject, body = digest_of("erin")
    assert subject == (
        "Your corresp work for Tuesday, March 9: 3 late, 1 due soon, 22 to draft, 0 to review"
    )
    assert [name for name, _ in shown(body, eleven_letters)] == [
        "late and soon",
        "only late",
        "same day, made first",
        "same day, made second",
        "April 1",
        "April 2",
        "April 3",
        "April 4",
        "April 5",
        "April 6",
    ]
    assert shown(body, eleven_letters)[0] == (
        "late and soon",
        "2 to draft. Due Friday, March 5, 2010. LATE: 1.",
    )
    assert "\nAnd 1 more letter with work of yours.\n" in body


def test_digest_queries_do_not_grow_with_people_or_letters(
    state, eleven_letters, django_assert_num_queries
):
    """Four people with two dozen letters in two companies, or one person with one letter:
    the same queries."""
    small = time_machine.travel(datetime(2010, 3, 9, 20, tzinfo=ZoneInfo("America/New_York")))
    with small, django_assert_num_queries(DIGEST_QUERIES):
        assert len(reminders.daily_digests()) == 4
    Notification.objects.all().delete()
    Assignment.objects.exclude(user__username="frank").delete()
    with small, django_assert_num_queries(DIGEST_QUERIES):
        assert len(reminders.daily_digests()) == 1
