"""Signing in with the firm's identity provider: the button's link, which sends the browser to
the provider, and the address the provider sends it back to. Both are "not found" when no
provider is configured. The checks themselves are in tracker.oidc."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from mozilla_django_oidc import views as library

from tracker import oidc
from tracker.domain.identity import SignInRefused

from . import next_page

NEXT_KEY = "oidc_login_next"  # where the library keeps the page to open after signing in


def require_provider() -> None:
    if not settings.OIDC_ENABLED:
        raise Http404("No identity provider is configured.")


def refused(request: HttpRequest, refusal: SignInRefused) -> HttpResponse:
    """The login page again, with the reason; no session is opened."""
    messages.error(request, refusal.message)
    return redirect("login")


class SignInView(library.OIDCAuthenticationRequestView):
    """Sends the browser to the provider's authorisation endpoint with a new state, nonce and
    PKCE challenge kept in the session."""

    get_settings = staticmethod(oidc.provider_setting)

    def __init__(self, **kwargs):
        # The library reads the endpoint when the view is built; here, only once a provider
        # is known to be configured, and a failing discovery becomes a message.
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        require_provider()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc.endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except SignInRefused as refusal:
            return refused(request, refusal)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response = super().get(request)
        # The site's one rule for `next` (a page of this site), not the library's.
        request.session[NEXT_KEY] = next_page.local_url(request.GET.get("next", ""))
        return response


class CallbackView(library.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back with a code (or an error): the library trades
    the code for tokens and logs the person in; every refusal becomes a message."""

    get_settings = staticmethod(oidc.provider_setting)

    @property
    def success_url(self) -> str:
        return self.request.session.get(NEXT_KEY) or reverse(settings.LOGIN_REDIRECT_URL)

    def get(self, request: HttpRequest) -> HttpResponse:
        require_provider()
        if request.GET.get("error"):
            super().get(request)  # forgets the state and ends any session, as the library does
            return refused(request, provider_error(request))
        if request.GET.get("state") not in request.session.get("oidc_states", {}):
            return refused(request, STATE_UNKNOWN)
        try:
            return super().get(request)
        except SignInRefused as refusal:
            return refused(request, refusal)
        except SuspiciousOperation:
            return refused(request, STATE_UNKNOWN)

    def login_failure(self) -> HttpResponse:
        return refused(self.request, NOT_SIGNED_IN)


STATE_UNKNOWN = SignInRefused(
    "This sign-in was not started from this browser, or was already used, so you are not "
    "signed in. Start again from the login page."
)
NOT_SIGNED_IN = SignInRefused("You are not signed in. Start again from the login page.")


def provider_error(request: HttpRequest) -> SignInRefused:
    """The provider's own refusal (e.g. access_denied), in its words, shown as text."""
    reason = request.GET.get("error_description") or request.GET["error"]
    return SignInRefused(f"{oidc.provider_name()} did not sign you in: {reason[:200]}")
