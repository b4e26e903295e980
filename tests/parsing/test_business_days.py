from datetime import date

from tracker.parsing import add_business_days, is_business_day


def test_add_business_days_skips_christmas_and_new_year():
    assert add_business_days(date(2009, 12, 17), 10) == date(2010, 1, 4)


def test_add_business_days_friday_plus_one_is_monday():
    assert add_business_days(date(2021, 3, 5), 1) == date(2021, 3, 8)


def test_add_business_days_skips_observed_july_fourth():
    # July 4, 2020 was a Saturday, so Friday July 3 was the holiday.
    assert add_business_days(date(2020, 7, 2), 1) == date(2020, 7, 6)


def test_add_business_days_skips_july_fourth_on_weekday():
    assert add_business_days(date(2019, 7, 3), 1) == date(2019, 7, 5)


def test_add_business_days_zero_returns_start():
    assert add_business_days(date(2009, 12, 17), 0) == date(2009, 12, 17)


def test_add_business_days_negative_counts_back():
    assert add_business_days(date(2010, 1, 4), -10) == date(2009, 12, 17)


def test_is_business_day_holidays_and_weekends():
    assert [
        is_business_day(date(2020, 7, 3)),
        is_business_day(date(2020, 7, 4)),
        is_business_day(date(2020, 7, 6)),
        is_business_day(date(2009, 12, 25)),
    ] == [False, False, True, False]
