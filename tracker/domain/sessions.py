"""What a logged-in session remembers about its second factor, and how a change of the rules
reaches sessions already open.

Whether a user must confirm his login with a code is worked out at login and kept in the
session, so pages pay no query for it. When a company starts (or stops) requiring a code, or
gains a member, the open sessions of the people concerned forget that answer and work it out
again on their next request: a member who is already logged in is asked for a code at once,
not at his next login.
"""

from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_ID_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from tracker.models import Company

SECOND_FACTOR_KEY = "corresp_second_factor_required"
# Whether the menu shows "Team": worked out once, like the second factor, and forgotten with it
# when the user's memberships change.
TEAM_LINK_KEY = "corresp_team_link"
REMEMBERED_KEYS = (SECOND_FACTOR_KEY, TEAM_LINK_KEY)
# Set at login: the identity provider said it asked for a second factor (tracker.oidc). Kept
# when the answer above is forgotten, so that the answer is worked out again the same way.
PROVIDER_SECOND_FACTOR_KEY = "corresp_second_factor_by_provider"


def recheck_second_factor(company: Company) -> int:
    """Make the company's members decide again whether they need a code; returns how many
    open sessions will."""
    return forget_second_factor(company.memberships.values_list("user_id", flat=True))


def forget_second_factor(user_ids: Iterable[int]) -> int:
    """Drop the answers remembered of these users' memberships (the second factor, the Team
    link) from their open sessions. Only sessions kept in the database can be found by user;
    other session engines keep the answers until logout."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return 0
    wanted = {str(user_id) for user_id in user_ids}
    live = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    forgotten = 0
    for row in live.iterator():
        data = row.get_decoded()
        if str(data.get(USER_ID_KEY)) in wanted and any(key in data for key in REMEMBERED_KEYS):
            store = store_class(session_key=row.session_key)
            for key in REMEMBERED_KEYS:
                store.pop(key, None)
            store.save()
            forgotten += 1
    return forgotten
