"""Two-factor login: members of companies that require it confirm each login with a code from
their authenticator app before they see anything else.

Whether a user must confirm is decided when he logs in and kept in his session, so that pages
pay no query for it; a session without the answer (from before this rule, or one whose company
changed its rule since: `tracker.domain.sessions`) decides it on its next request.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from tracker import permissions
from tracker.domain.sessions import SECOND_FACTOR_KEY

# Pages an unconfirmed user may still open. Static files never get here: WhiteNoise serves them
# before any of this runs.
EXEMPT_URL_NAMES = {"login", "logout", "two_factor_setup", "two_factor_verify"}


def remember_requirement(sender, request: HttpRequest, user: AbstractBaseUser, **kwargs) -> None:
    """On login (the user_logged_in signal): note whether this user must confirm with a code."""
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_KEY] = permissions.must_verify_second_factor(user)


def second_factor_required(request: HttpRequest) -> bool:
    required = request.session.get(SECOND_FACTOR_KEY)
    if required is None:
        required = permissions.must_verify_second_factor(request.user)
        request.session[SECOND_FACTOR_KEY] = required
    return required


def awaits_second_factor(request: HttpRequest) -> bool:
    """Logged in with a password, but not yet confirmed with a code where a code is required."""
    user = request.user
    return user.is_authenticated and not user.is_verified() and second_factor_required(request)


class TwoFactorMiddleware:
    """Sends a member who has not confirmed his login to the code page (or, without an
    authenticator yet, to set one up); htmx requests are told to load that page instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name in EXEMPT_URL_NAMES:
            return None
        if not awaits_second_factor(request):
            return None
        url = f"{reverse('two_factor_verify')}?{urlencode({'next': request.get_full_path()})}"
        if request.htmx:
            return HttpResponseClientRedirect(url)
        return redirect(url)
