"""Two-factor login, and forms posted over Django's limits on a request.

Two-factor login: members of companies that require it confirm each login with a code from
their authenticator app before they see anything else.

Whether a user must confirm is decided when he logs in and kept in his session, so that pages
pay no query for it; a session without the answer (from before this rule, or one whose company
changed its rule since: `tracker.domain.sessions`) decides it on its next request.

Pages are never kept by the browser (`NoStoreMiddleware`): back then forward after a save shows
what was saved, and a shared computer's cache holds nothing private.

Forms that take long text (`shows_post_limits`): a POST over DATA_UPLOAD_MAX_MEMORY_SIZE or
DATA_UPLOAD_MAX_NUMBER_FIELDS cannot be read, so Django answers a bare 400; such a page is shown
again instead, as for a GET, with a message naming the limit.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_htmx.http import HttpResponseClientRedirect

from tracker import permissions
from tracker.domain.sessions import PROVIDER_SECOND_FACTOR_KEY, SECOND_FACTOR_KEY, TEAM_LINK_KEY

# Pages an unconfirmed user may still open. Static files never get here: WhiteNoise serves them
# before any of this runs.
EXEMPT_URL_NAMES = {
    "login",
    "logout",
    "two_factor_setup",
    "two_factor_verify",
    "oidc_sign_in",
    "oidc_callback",
}


def remember_requirement(sender, request: HttpRequest, user: AbstractBaseUser, **kwargs) -> None:
    """On login (the user_logged_in signal): note whether this user must confirm with a code,
    and whether the identity provider he signed in through confirmed one (tracker.oidc marks
    the user it returns); a password login never did."""
    if request is not None and hasattr(request, "session"):
        by_provider = getattr(user, "second_factor_by_provider", False)
        request.session[PROVIDER_SECOND_FACTOR_KEY] = by_provider
        request.session[SECOND_FACTOR_KEY] = permissions.must_verify_second_factor(
            user, confirmed_by_provider=by_provider
        )
        request.session[TEAM_LINK_KEY] = permissions.sees_a_team(user)


def team_link(request: HttpRequest) -> dict:
    """Context processor: whether the menu offers "Team". Kept in the session like the second
    factor, so that pages pay no query for it; worked out again once a membership changes."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"team_link": False}
    shown = request.session.get(TEAM_LINK_KEY)
    if shown is None:
        shown = request.session[TEAM_LINK_KEY] = permissions.sees_a_team(user)
    return {"team_link": shown}


def second_factor_required(request: HttpRequest) -> bool:
    required = request.session.get(SECOND_FACTOR_KEY)
    if required is None:
        required = permissions.must_verify_second_factor(
            request.user,
            confirmed_by_provider=request.session.get(PROVIDER_SECOND_FACTOR_KEY, False),
        )
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


def shows_post_limits(view: Callable) -> Callable:
    """Mark a view whose page, when its POST is over Django's limits, is shown again with a
    message naming the limit (status 400) instead of a bare 400. Its GET must change nothing:
    the refused POST is answered as one."""
    view.shows_post_limits = True
    return view


def post_limit_message(error: Exception) -> str:
    if isinstance(error, TooManyFieldsSent):
        limit = f"more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields"
    else:
        limit = f"more than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)} MB"
    return (
        f"The form sent {limit}, the most a page here accepts, so it was not read and nothing "
        "was saved. Upload the letter's file instead of pasting its text, or send less."
    )


class PostLimitsMiddleware:
    """Before the CSRF check, which is the first to read the POST: a POST over the limits to a
    view marked with `shows_post_limits` goes on as a GET carrying the message, and its page is
    answered with status 400. The login, two-factor and permission checks still run."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "post_over_limits", False) and response.status_code == 200:
            response.status_code = 400
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST" or not getattr(view_func, "shows_post_limits", False):
            return None
        try:
            request.POST  # noqa: B018 - reading it is what raises
        except (RequestDataTooBig, TooManyFieldsSent) as error:
            request._mark_post_parse_error()
            request.method = "GET"
            request.post_over_limits = True
            messages.error(request, post_limit_message(error))
        return None


class NoStoreMiddleware:
    """Every page, partial and download Django answers is sent with `Cache-Control: no-store`
    (and Django's other never-cache headers): each has a form or private data, and a page kept
    in the browser's cache or its back/forward cache would show a draft as it was before the
    save. Static files never get here (WhiteNoise answers them first, with its year-long cache);
    the container's health check asks for the login page, which carries a form."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
