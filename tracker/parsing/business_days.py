"""SEC business days: weekdays that are not U.S. federal holidays (observed dates)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[date]:
    # Observed days matter: July 4 on a Saturday closes the Commission on Friday July 3.
    return frozenset(holidays.US(years=year, observed=True).keys())


def is_business_day(d: date) -> bool:
    """True when the Commission is open: a weekday that is not a federal holiday."""
    return d.weekday() < 5 and d not in _federal_holidays(d.year)


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` business days after ``start`` (before it when ``days`` is negative).

    ``start`` itself is never counted, as in "respond within ten business days".
    """
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    current = start
    while remaining:
        current += step
        if is_business_day(current):
            remaining -= 1
    return current
