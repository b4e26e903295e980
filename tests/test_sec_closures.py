"""Days the SEC closed besides federal holidays: not business days, and a closure declared
later moves the response dates it falls within."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import CommentLetterFactory, UserFactory
from tracker import clock
from tracker.domain.closures import remove_closures, save_closure
from tracker.domain.extensions import record_extension
from tracker.enums import ReviewStatus
from tracker.models import Activity, SecClosure

pytestmark = pytest.mark.django_db


def test_the_known_closures_are_there_from_the_start():
    assert set(SecClosure.objects.values_list("day", flat=True)) >= {
        date(2019, 12, 24),
        date(2020, 12, 24),
        date(2024, 12, 24),
        date(2025, 1, 9),
    }


def test_a_day_of_mourning_is_no_business_day():
    """Received Thursday, January 2, 2025: ten business days without Thursday the 9th."""
    assert not clock.is_business_day(date(2025, 1, 9))
    assert clock.response_date(date(2025, 1, 2), 10) == date(2025, 1, 17)


def test_christmas_eve_stretches_due_soon():
    """Monday, December 23, 2024: the 24th closed, the 25th a holiday."""
    assert clock.due_soon_until(date(2024, 12, 23)) == date(2024, 12, 27)


def letter_received(day: date, **kwargs):
    return CommentLetterFactory(
        received_on=day, response_due_on=clock.response_date(day, 10), **kwargs
    )


def test_a_closure_declared_later_moves_the_open_letters_it_falls_within():
    spanned = letter_received(date(2030, 3, 1))  # due March 15, 2030
    before = letter_received(date(2030, 2, 1))  # due February 15: before the closure
    closed_review = letter_received(date(2030, 3, 1), review__status=ReviewStatus.COMPLETE)
    assert spanned.response_due_on == date(2030, 3, 15)
    clerk = UserFactory()

    moved = save_closure(
        SecClosure(day=date(2030, 3, 8), reason="Day of mourning"), previous_day=None, actor=clerk
    )

    assert moved == 1
    for letter in (spanned, before, closed_review):
        letter.refresh_from_db()
    assert spanned.response_due_on == date(2030, 3, 18)
    assert before.response_due_on == date(2030, 2, 15)
    assert closed_review.response_due_on == date(2030, 3, 15)
    (history,) = Activity.objects.filter(verb="response_date_recounted")
    assert history.summary == (
        "Response date moved from March 15, 2030 to March 18, 2030: the SEC closed on "
        "March 8, 2030 (Day of mourning)"
    )
    assert history.actor == clerk

    remove_closures(SecClosure.objects.filter(day=date(2030, 3, 8)), actor=clerk)
    spanned.refresh_from_db()
    assert spanned.response_due_on == date(2030, 3, 15)


def test_a_date_the_staff_extended_stays(db):
    letter = letter_received(date(2030, 3, 1))
    member = UserFactory()
    letter.review.company.memberships.create(user=member, role="preparer")
    record_extension(
        letter,
        new_due_on=date(2030, 3, 29),
        granted_on=date(2026, 1, 5),
        granted_by="Jay Knight",
        actor=member,
    )
    save_closure(SecClosure(day=date(2030, 3, 8), reason="Closed"), previous_day=None, actor=None)
    letter.refresh_from_db()
    assert letter.response_due_on == date(2030, 3, 29)


def test_adding_a_closure_in_the_admin_moves_the_dates(client):
    letter = letter_received(date(2030, 3, 1))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    answer = client.post(
        reverse("admin:tracker_secclosure_add"),
        {"day": "2030-03-08", "reason": "National day of mourning"},
        follow=True,
    )
    assert "1 open letter(s) got a new response date." in answer.content.decode()
    letter.refresh_from_db()
    assert letter.response_due_on == date(2030, 3, 18)
