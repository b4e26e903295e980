"""SEC business days: weekdays that are not U.S. federal holidays (observed dates), nor one of
the days the Commission closed for another reason (`closed`: a day of mourning, Christmas Eve by
executive order), which the caller gives."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[date]:
    # Observed days matter: July 4 on a Saturday closes the Commission on Friday July 3.
    return frozenset(holidays.US(years=year, observed=True).keys())


NO_CLOSURES: frozenset[date] = frozenset()


def is_business_day(d: date, closed: frozenset[date] = NO_CLOSURES) -> bool:
    """True when the Commission is open: a weekday that is not a federal holiday nor in
    `closed`."""
    return d.weekday() < 5 and d not in _federal_holidays(d.year) and d not in closed


def add_business_days(start: date, days: int, closed: frozenset[date] = NO_CLOSURES) -> date:
    """The date ``days`` business days after ``start`` (before it when ``days`` is negative).

    ``start`` itself is never counted, as in "respond within ten business days".
    """
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    current = start
    while remaining:
        current += step
        if is_business_day(current, closed):
            remaining -= 1
    return current
