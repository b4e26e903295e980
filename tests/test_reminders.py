"""Who is told what, once: the morning digest, the deadline sweep and the immediate notices.

Time is frozen on fixed dates around the Calix letter (received Thursday December 17, 2009,
response date Monday January 4, 2010: ten business days, Christmas and New Year's Day skipped).
"""

from datetime import date, datetime
from io import StringIO
from smtplib import SMTPServerDisconnected
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from tests.factories import (
    AssignmentFactory,
    CommentFactory,
    CommentLetterFactory,
    CompanyFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain import notifications, reminders
from tracker.domain.assignments import assign
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import (
    AssignmentRole,
    Decision,
    DeliveryStatus,
    NotificationKind,
    ResponseStatus,
    ReviewStatus,
    Role,
)
from tracker.models import Membership, Notification, NotificationPreference
from tracker.parsing import add_business_days
from tracker.tasks import SEND_RETRIES

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


def at(year: int, month: int, day: int, hour: int = 8, minute: int = 0):
    """Frozen time: that morning in Washington."""
    moment = datetime(year, month, day, hour, minute, tzinfo=EASTERN)
    return time_machine.travel(moment, tick=False)


class BrokenSMTP(BaseEmailBackend):
    """The relay is down: every send fails the way smtplib fails."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def team(company):
    # dave, a preparer, assigns below: this company lets preparers assign (its setting).
    company.preparers_may_assign = True
    company.save(update_fields=["preparers_may_assign"])

    def member(name: str, role: str):
        user = UserFactory(username=name, first_name=name.title())
        MembershipFactory(user=user, company=company, role=role)
        return user

    return {
        "alice": member("alice", Role.PREPARER),
        "bob": member("bob", Role.REVIEWER),
        "carol": member("carol", Role.APPROVER),
        "dave": member("dave", Role.PREPARER),
    }


@pytest.fixture
def work(team, letter):
    """alice drafts comment 1; comment 2 is in review with bob; dave has nothing open."""
    first = CommentFactory(letter=letter, number=1)
    second = CommentFactory(letter=letter, number=2)
    second.response.status = ResponseStatus.IN_REVIEW
    second.response.save()
    AssignmentFactory(comment=first, user=team["alice"], role=AssignmentRole.DRAFTER)
    AssignmentFactory(comment=second, user=team["bob"], role=AssignmentRole.REVIEWER)
    return {"first": first, "second": second}


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run a sweep and the e-mail it queues, as a worker would right after the commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def window_ends(sweep):
    """Five minutes after the 08:00 events: their notices' window ends and the sweep sends
    them (the send each one queued for then does the same)."""

    def run():
        with at(2009, 12, 30, 8, 5):
            sweep(notifications.sweep_unsent)

    return run


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_ten_business_days_from_december_17_2009_skip_christmas_and_new_year():
    assert add_business_days(date(2009, 12, 17), 10) == date(2010, 1, 4)
    assert add_business_days(date(2009, 12, 30), 2) == date(2010, 1, 4)


def test_digest_tells_each_person_his_own_work(work, sweep):
    with at(2009, 12, 30):
        sweep(reminders.daily_digests)

    assert recipients() == ["alice@example.com", "bob@example.com"]
    alice = next(message for message in mail.outbox if message.to == ["alice@example.com"])
    assert "Responses to draft:            1" in alice.body
    assert "Waiting for your review:       0" in alice.body
    assert "Due within two business days:  1" in alice.body
    assert "\n" not in alice.subject
    assert Notification.objects.filter(status=DeliveryStatus.SENT).count() == 2


def test_digest_counts_late_work_after_the_response_date(work, sweep):
    with at(2010, 1, 5):
        sweep(reminders.daily_digests)

    bob = next(message for message in mail.outbox if message.to == ["bob@example.com"])
    assert "Waiting for your review:       1" in bob.body
    assert "Late:                          1" in bob.body


@pytest.mark.parametrize(
    ("zone", "late", "warning"),
    [
        ("America/New_York", 0, NotificationKind.DEADLINE_NEAR),
        ("Asia/Tokyo", 1, NotificationKind.DEADLINE_PASSED),
    ],
)
def test_late_is_counted_from_today_in_the_companys_time_zone(
    company, work, sweep, zone, late, warning
):
    """8 p.m. on Monday, January 4, 2010 in Washington, the response date, is already Tuesday
    morning in Tokyo: a company there is late, one in New York is still on time."""
    company.time_zone = zone
    company.save()
    with at(2010, 1, 4, hour=20):
        sweep(reminders.daily_digests)
        sweep(reminders.deadline_sweep)

    bob = next(message for message in mail.outbox if message.to == ["bob@example.com"])
    assert f"Late:                          {late}" in bob.body
    assert set(
        Notification.objects.filter(kind__startswith="deadline").values_list("kind", flat=True)
    ) == {warning}


@pytest.mark.parametrize(
    ("zone", "late", "due_soon"),
    [("America/Chicago", 0, 2), ("Asia/Tokyo", 1, 1)],
)
def test_one_digest_counts_each_company_by_its_own_day(
    team, letter, work, sweep, zone, late, due_soon
):
    """8 p.m. on the response date in Washington is still that Monday in Chicago (both
    companies count the same days) but Tuesday in Tokyo: bob's review there is late, his
    New York one only due soon."""
    other = CompanyFactory(name="Other Registrant", time_zone=zone)
    MembershipFactory(user=team["bob"], company=other, role=Role.REVIEWER)
    comment = CommentFactory(
        letter=CommentLetterFactory(review__company=other, response_due_on=letter.response_due_on),
        number=1,
    )
    comment.response.status = ResponseStatus.IN_REVIEW
    comment.response.save()
    AssignmentFactory(comment=comment, user=team["bob"], role=AssignmentRole.REVIEWER)
    with at(2010, 1, 4, hour=20):
        sweep(reminders.daily_digests)

    bob = next(message for message in mail.outbox if message.to == ["bob@example.com"])
    assert "Waiting for your review:       2" in bob.body
    assert f"Due within two business days:  {due_soon}" in bob.body
    assert f"Late:                          {late}" in bob.body


def test_digest_run_twice_sends_nothing_the_second_time(work, sweep):
    with at(2009, 12, 30):
        first = sweep(reminders.daily_digests)
        second = sweep(reminders.daily_digests)

    assert (len(first), len(second)) == (2, 0)
    assert len(mail.outbox) == 2
    assert Notification.objects.count() == 2


@pytest.mark.parametrize("day", [date(2009, 12, 25), date(2009, 12, 26), date(2010, 1, 1)])
def test_no_digest_on_weekends_and_federal_holidays(work, sweep, day):
    with at(day.year, day.month, day.day):
        assert sweep(reminders.daily_digests) == []
    assert mail.outbox == []


def test_closed_work_gets_no_digest(team, letter, work, sweep):
    work["first"].response.status = ResponseStatus.APPROVED
    work["first"].response.save()
    Membership.objects.filter(user=team["bob"]).delete()
    with at(2009, 12, 30):
        sweep(reminders.daily_digests)
    assert mail.outbox == []


def test_completed_review_and_inactive_user_get_no_digest(team, letter, work, sweep):
    letter.review.status = ReviewStatus.COMPLETE
    letter.review.save()
    with at(2009, 12, 30):
        sweep(reminders.daily_digests)
    assert mail.outbox == []

    letter.review.status = ReviewStatus.OPEN
    letter.review.save()
    team["alice"].is_active = False
    team["alice"].save()
    with at(2009, 12, 31):
        sweep(reminders.daily_digests)
    assert recipients() == ["bob@example.com"]


def test_digest_off_keeps_it_in_the_centre_but_sends_no_email(team, work, sweep):
    NotificationPreference.objects.create(user=team["alice"], daily_digest=False)
    with at(2009, 12, 30):
        sweep(reminders.daily_digests)

    assert recipients() == ["bob@example.com"]
    kept = Notification.objects.get(recipient=team["alice"])
    assert (kept.by_email, kept.status, kept.kind) == (False, "sent", NotificationKind.DIGEST)


def test_deadline_near_warns_the_owners_of_the_review(team, work, sweep):
    with at(2009, 12, 29):
        assert sweep(reminders.deadline_sweep) == []
    with at(2009, 12, 30):
        sweep(reminders.deadline_sweep)
        sweep(reminders.deadline_sweep)

    assert recipients() == ["bob@example.com", "carol@example.com"]
    assert {message.subject.split(":")[0] for message in mail.outbox} == {"Response date near"}


def test_deadline_passed_warns_again_once(team, work, sweep):
    with at(2009, 12, 30):
        sweep(reminders.deadline_sweep)
    with at(2010, 1, 5):
        sweep(reminders.deadline_sweep)
    with at(2010, 1, 6):
        sweep(reminders.deadline_sweep)

    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == ["deadline_near"] * 2 + ["deadline_passed"] * 2
    assert len(mail.outbox) == 4


def test_deadline_sweep_skips_approved_letters(team, work, sweep):
    for comment in work.values():
        comment.response.status = ResponseStatus.APPROVED
        comment.response.save()
    with at(2009, 12, 30):
        assert sweep(reminders.deadline_sweep) == []


def test_smtp_failure_is_retried_recorded_then_sent_by_the_next_sweep(
    work, sweep, settings, admin_client
):
    settings.EMAIL_BACKEND = "tests.test_reminders.BrokenSMTP"
    with at(2009, 12, 30, 7):
        sweep(reminders.daily_digests)

    failed = Notification.objects.filter(status=DeliveryStatus.FAILED)
    assert failed.count() == 2
    assert {row.attempts for row in failed} == {SEND_RETRIES + 1}
    assert failed.first().last_error.startswith("SMTPServerDisconnected")
    changelist = admin_client.get("/admin/tracker/notification/?status__exact=failed")
    assert changelist.text.count("Daily digest") >= 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with at(2009, 12, 30, 8):
        sweep(reminders.deadline_sweep)
    assert Notification.objects.filter(kind="digest", status=DeliveryStatus.SENT).count() == 2
    assert recipients().count("alice@example.com") == 1


def test_assignment_notifies_the_assignee_but_not_the_actor(team, work, sweep, window_ends):
    third = CommentFactory(letter=work["first"].letter, number=3)
    with at(2009, 12, 30):
        sweep(assign, [third], team["alice"], AssignmentRole.DRAFTER, actor=team["dave"])
        sweep(assign, [third], team["dave"], AssignmentRole.DRAFTER, actor=team["dave"])
    window_ends()

    assert recipients() == ["alice@example.com"]
    assert mail.outbox[0].subject.startswith("Assigned to you as drafter: 1 comment")
    assert "Comment 3" in mail.outbox[0].body


def test_submission_asks_the_reviewers_and_a_decision_tells_the_drafter(
    team, work, sweep, window_ends
):
    response = work["first"].response
    AssignmentFactory(comment=work["first"], user=team["carol"], role=AssignmentRole.APPROVER)
    with at(2009, 12, 30):
        sweep(save_revision, response, "We revised it.", author=team["alice"], based_on=None)
        sweep(submit_for_review, response, actor=team["alice"])
    window_ends()
    assert recipients() == ["carol@example.com"]
    mail.outbox.clear()
    with at(2009, 12, 30, 8, 1):
        sweep(
            record_decision,
            response,
            Decision.APPROVED,
            actor=team["carol"],
            revision_number=1,
        )
    with at(2009, 12, 30, 8, 6):
        sweep(notifications.sweep_unsent)

    assert recipients() == ["alice@example.com"]
    assert mail.outbox[0].subject.startswith("Approved: comment 1")


def test_immediate_notices_off_sends_no_email(team, work, sweep, window_ends):
    NotificationPreference.objects.create(user=team["alice"], immediate_notices=False)
    third = CommentFactory(letter=work["first"].letter, number=3)
    with at(2009, 12, 30):
        sweep(assign, [third], team["alice"], AssignmentRole.DRAFTER, actor=team["dave"])
    window_ends()

    assert mail.outbox == []
    kept = Notification.objects.get()
    assert (kept.kind, kept.status) == (NotificationKind.ASSIGNED, DeliveryStatus.SENT)


@pytest.mark.django_db(transaction=True)
def test_send_reminders_prints_each_notification_then_sends_nothing_twice(work):
    out = StringIO()
    with at(2009, 12, 30):
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=out)

    lines = out.getvalue().splitlines()
    assert [line.split("\t")[:3] for line in lines[:-2]] == [
        ["sent", "bob", "deadline_near"],
        ["sent", "carol", "deadline_near"],
        ["sent", "alice", "digest"],
        ["sent", "bob", "digest"],
    ]
    assert lines[-2] == "4 notification(s) claimed: 4 sent."
    assert lines[-1] == "0 notification(s) claimed."
    assert len(mail.outbox) == 4


def test_send_reminders_dry_run_claims_nothing(work):
    out = StringIO()
    call_command("send_reminders", "--date", "2009-12-30", "--dry-run", stdout=out)

    assert out.getvalue().count("would send\t") == 4
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_setup_schedule_is_idempotent():
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    call_command("setup_schedule", stdout=StringIO())
    call_command("setup_schedule", stdout=StringIO())

    tasks = sorted(PeriodicTask.objects.values_list("task", flat=True))
    assert tasks == [
        "tracker.tasks.run_deadline_sweep",
        "tracker.tasks.send_daily_digests",
        "tracker.tasks.send_unsent_notices",
    ]
    morning = CrontabSchedule.objects.get()
    assert (morning.hour, morning.minute, morning.day_of_week) == ("7", "0", "1-5")
    assert str(morning.timezone) == "America/New_York"


def test_a_company_name_with_a_line_break_and_markup_is_mailed_as_one_plain_line(
    team, work, sweep, company, window_ends
):
    company.name = 'Acme <b onmouseover="x">\nBcc: everyone@example.com'
    company.save()
    third = CommentFactory(letter=work["first"].letter, number=3)
    with at(2009, 12, 30):
        sweep(assign, [third], team["alice"], AssignmentRole.DRAFTER, actor=team["dave"])
    window_ends()

    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "\n" not in message.subject
    assert 'Acme <b onmouseover="x"> Bcc: everyone@example.com' in message.subject
    assert "&lt;" not in message.body and '<b onmouseover="x">' in message.body


def test_a_company_time_zone_must_be_a_real_one(company):
    from django.core.exceptions import ValidationError

    company.time_zone = "Mars/Olympus"
    with pytest.raises(ValidationError, match="not a time zone name"):
        company.full_clean()


def test_one_company_with_an_unknown_time_zone_stops_nobody_s_reminders(team, work, sweep):
    from tests.factories import CommentLetterFactory, CompanyFactory

    # A zone saved before names were checked, or one the tz database dropped since.
    odd = CompanyFactory(name="Odd Zone, Inc.")
    CommentLetterFactory(review__company=odd)
    type(odd).objects.filter(pk=odd.pk).update(time_zone="Mars/Olympus")
    with at(2009, 12, 30):
        sweep(reminders.daily_digests)

    assert "alice@example.com" in recipients()


@pytest.mark.parametrize("more_letters", [0, 3])
def test_deadline_sweep_queries_do_not_grow_with_letters_and_a_second_run_claims_nothing(
    team, work, letter, more_letters, django_assert_num_queries
):
    """Letters, the SEC's closures (for "due soon"), approvers, reviewers, users, preferences,
    the keys claimed; then a savepoint, the insert, the failed re-claimed, the pending queued,
    release. Run again, the sweep finds every warning claimed and inserts nothing."""
    for _ in range(more_letters):
        other = CommentLetterFactory(
            review__company=letter.review.company, response_due_on=letter.response_due_on
        )
        comment = CommentFactory(letter=other, number=1)
        AssignmentFactory(comment=comment, user=team["bob"], role=AssignmentRole.REVIEWER)
    with at(2009, 12, 30), django_assert_num_queries(12):
        assert len(reminders.deadline_sweep()) == 2 * (1 + more_letters)
    with at(2009, 12, 30), django_assert_num_queries(11):
        assert reminders.deadline_sweep() == []


def test_claimed_rows_hold_the_message_its_day_and_the_time_of_the_claim(team, work):
    """E-mail on: claimed, for a sender to take; e-mail off: already sent, shown in the centre."""
    NotificationPreference.objects.create(
        user=team["bob"], daily_digest=False, immediate_notices=True
    )
    with at(2009, 12, 30):
        reminders.daily_digests()

    rows = Notification.objects.order_by("recipient__username")
    assert [
        (r.recipient.username, r.kind, r.subject_key, r.day, r.status, r.by_email) for r in rows
    ] == [
        ("alice", "digest", f"user:{team['alice'].pk}", date(2009, 12, 30), "claimed", True),
        ("bob", "digest", f"user:{team['bob'].pk}", date(2009, 12, 30), "sent", False),
    ]
    assert {(r.attempts, r.last_error, r.sent_at, r.read_at) for r in rows} == {(0, "", None, None)}
    assert {r.created_at for r in rows} == {datetime(2009, 12, 30, 8, tzinfo=EASTERN)}
    assert rows[0].subject.startswith("Your corresp work for Wednesday, December 30:")
    assert rows[0].link == "/notifications/"


def test_deadline_warnings_read_the_same_near_with_two_open_and_passed_with_one(
    team, work, letter, sweep, settings
):
    settings.SITE_URL = "https://corresp.example.com"
    with at(2009, 12, 30):
        sweep(reminders.deadline_sweep)
    work["first"].response.status = ResponseStatus.APPROVED
    work["first"].response.save()
    with at(2010, 1, 5):
        sweep(reminders.deadline_sweep)

    near, passed = [message for message in mail.outbox if message.to == ["carol@example.com"]]
    company, link = letter.review.company, f"https://corresp.example.com/letters/{letter.pk}/"
    assert near.subject == (
        f"Response date near: {company}, Staff letter of December 17, 2009 (due January 4, 2010)"
    )
    assert near.body == (
        f"The response date of {company}'s Staff letter of December 17, 2009 is Monday, "
        "January 4, 2010, and 2 responses are still not approved.\n\n"
        f"The letter: {link}\n\n"
    )
    assert passed.subject == (
        f"Response date passed: {company}, Staff letter of December 17, 2009 (due January 4, 2010)"
    )
    assert passed.body == (
        f"The response date of {company}'s Staff letter of December 17, 2009 passed on Monday, "
        "January 4, 2010, and 1 response is still not approved. Consider asking the staff for "
        "more time.\n\n"
        f"The letter: {link}\n\n"
    )
