"""Signing in with the firm's identity provider (OpenID Connect), through mozilla-django-oidc.

Off unless OIDC_CLIENT_ID is set (see the settings and README). What corresp adds to the
library's authorisation-code flow (with PKCE):

- the provider's endpoints come from its discovery document (OpenID Connect Discovery 1.0,
  `{issuer}/.well-known/openid-configuration`), fetched at the first sign-in and kept for an
  hour; an endpoint set in the settings wins;
- the id_token is checked in full (OpenID Connect Core 1.0, 3.1.3.7): its signature, issuer,
  audience (and authorised party), expiry and issue time; the library checks the signature only;
- every refusal reaches the person as a message on the login page (SignInRefused), never as an
  error page, and opens no session;
- the account is the one with the provider's verified e-mail address (created on first sign-in),
  and memberships follow the provider's groups (tracker.domain.identity);
- a sign-in for which the provider says it asked for a second factor itself (`amr` or `acr`
  holding one of OIDC_MFA_VALUES) stands for corresp's own code
  (permissions.must_verify_second_factor).
"""

import logging
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core import checks
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from tracker.domain.identity import GroupRoles, ProviderIdentity, SignInRefused, sign_in_member
from tracker.enums import Role

log = logging.getLogger(__name__)

BACKEND_PATH = "tracker.oidc.ProviderBackend"
DISCOVERY_SECONDS = 3600
LEEWAY_SECONDS = 60  # clocks of the provider and of this server may differ a little
# The library's setting -> the discovery document's key.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_END_SESSION_ENDPOINT": "end_session_endpoint",
}
_discovered: dict[str, tuple[float, dict]] = {}


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


def sign_in_button() -> str:
    """The provider's name for the login page's button; "" when no provider is configured."""
    return provider_name() if settings.OIDC_ENABLED else ""


def unreachable() -> SignInRefused:
    return SignInRefused(
        f"{provider_name()} could not be reached, so you are not signed in. Try again in a "
        "moment, or log in with your password."
    )


def unverified(why: str) -> SignInRefused:
    return SignInRefused(
        f"The answer from {provider_name()} could not be trusted ({why}), so you are not signed "
        "in. Start again from the login page."
    )


def discovery() -> dict:
    """The issuer's discovery document, fetched at most once an hour; raises SignInRefused
    when it cannot be had or names another issuer."""
    issuer = settings.OIDC_ISSUER
    if issuer in _discovered and time.monotonic() - _discovered[issuer][0] < DISCOVERY_SECONDS:
        return _discovered[issuer][1]
    try:
        answer = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
        )
        answer.raise_for_status()
        document = answer.json()
    except (requests.RequestException, ValueError) as error:
        log.warning("OIDC discovery at %s failed: %s", issuer, error)
        raise unreachable() from error
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        log.warning("OIDC discovery at %s names another issuer", issuer)
        raise unreachable()
    _discovered[issuer] = (time.monotonic(), document)
    return document


def endpoint(name: str) -> str:
    """One of the provider's endpoints (a DISCOVERED setting name): the settings' value, else
    the discovery document's. Only the end-session endpoint may be missing ("")."""
    value = getattr(settings, name, "") or discovery().get(DISCOVERED[name], "")
    if not value and name != "OIDC_OP_END_SESSION_ENDPOINT":
        log.warning("The identity provider gives no %s", DISCOVERED[name])
        raise unreachable()
    return value


def provider_setting(name: str, *default):
    """The library's settings lookup, with the endpoints filled in from discovery."""
    if name in DISCOVERED:
        return endpoint(name)
    return import_from_settings(name, *default)


def group_roles() -> GroupRoles:
    """OIDC_GROUP_ROLES as {group: (company reference, role)}; malformed entries (reported by
    the system check) are left out."""
    value = settings.OIDC_GROUP_ROLES
    if not isinstance(value, dict):
        return {}
    return {
        str(group): (str(pair[0]).strip(), str(pair[1]))
        for group, pair in value.items()
        if not entry_problem(group, pair)
    }


def entry_problem(group, pair) -> str:
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        return f"{group!r} must map to [company name or id, role]"
    if pair[1] not in Role.values:
        return f"{group!r}: {pair[1]!r} is no role; use one of {', '.join(Role.values)}"
    return ""


@checks.register(checks.Tags.security)
def check_group_roles(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """OIDC_GROUP_ROLES must be an object of [company, role] pairs naming real roles."""
    value = settings.OIDC_GROUP_ROLES
    if not isinstance(value, dict):
        problems = ["it must be a JSON object: {group: [company name or id, role]}"]
    else:
        problems = [p for group, pair in value.items() if (p := entry_problem(group, pair))]
    return [checks.Error(f"OIDC_GROUP_ROLES: {p}", id="corresp.E001") for p in problems]


def is_true(value) -> bool:
    """Claims some providers send as strings ("true")."""
    return value is True or str(value).lower() == "true"


def identity_from(claims: dict) -> ProviderIdentity:
    """The person the provider vouches for; raises SignInRefused without a usable address."""
    email = str(claims.get("email") or "").strip()
    if not email:
        raise SignInRefused(
            f"{provider_name()} did not tell corresp your e-mail address, so you are not signed "
            "in. Ask an administrator to let corresp read it (the email scope)."
        )
    if settings.OIDC_REQUIRE_VERIFIED_EMAIL and not is_true(claims.get("email_verified")):
        raise SignInRefused(
            f"{provider_name()} has not verified your e-mail address {email}, so you are not "
            "signed in. Verify it there, then sign in again."
        )
    return ProviderIdentity(
        email=email,
        username=str(claims.get("preferred_username") or email),
        first_name=str(claims.get("given_name") or ""),
        last_name=str(claims.get("family_name") or ""),
        groups=groups_of(claims),
    )


def groups_of(claims: dict) -> frozenset[str]:
    """The OIDC_GROUPS_CLAIM list; one group alone as a string, as some providers send it."""
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    groups = [groups] if isinstance(groups, str) else groups
    if not isinstance(groups, list):
        return frozenset()
    return frozenset(str(group) for group in groups if isinstance(group, str | int))


def provider_asked_second_factor(id_token_claims: dict) -> bool:
    """Whether the provider says this sign-in passed a second factor of its own: its `amr`
    (RFC 8176 methods) or `acr` holds one of OIDC_MFA_VALUES."""
    wanted = set(settings.OIDC_MFA_VALUES)
    methods = id_token_claims.get("amr") or []
    said = {str(method) for method in methods} if isinstance(methods, list) else set()
    said.add(str(id_token_claims.get("acr") or ""))
    return bool(wanted & said)


class ProviderBackend(OIDCAuthenticationBackend):
    """The library's backend, acting only on a sign-in coming back from the provider."""

    get_settings = staticmethod(provider_setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login, password ones too: nothing of the
        # provider is read (or fetched) until a sign-in comes back from it.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or request is None or "nonce" not in kwargs:
            return None
        super().__init__()
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            log.warning("OIDC sign-in: the provider failed: %s", error)
            raise unreachable() from error
        except SuspiciousOperation as error:
            log.warning("OIDC sign-in refused: %s", error)
            raise unverified("its token does not match this sign-in") from error

    def _verify_jws(self, payload, key):
        """Signature, issuer, audience, expiry and issue time of a token from the provider."""
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidSignatureError as error:
            raise unverified("its signature does not match the provider's keys") from error
        except jwt.ExpiredSignatureError as error:
            raise unverified("it has expired") from error
        except jwt.InvalidAudienceError as error:
            raise unverified("it was issued for another application") from error
        except jwt.InvalidIssuerError as error:
            raise unverified("it was issued by another provider") from error
        except jwt.PyJWTError as error:
            raise unverified(f"its token is not valid: {error}") from error
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise unverified("it was issued for another application")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise unverified("its user information is about someone else")
        # Groups may come in the id_token or in the user information; the latter is fresher.
        identity = identity_from({**payload, **userinfo})
        user = sign_in_member(
            identity,
            provider=provider_name(),
            create=settings.OIDC_CREATE_USER,
            group_roles=group_roles(),
        )
        user.second_factor_by_provider = provider_asked_second_factor(payload)
        return user


def provider_logout_url(request: HttpRequest) -> str:
    """Where to send a person logging out so that the provider ends its session too (OpenID
    Connect RP-Initiated Logout 1.0); "" when he did not sign in through it, or it offers no
    end_session_endpoint. Read before the local session ends."""
    session = request.session
    if not settings.OIDC_ENABLED or session.get(BACKEND_SESSION_KEY) != BACKEND_PATH:
        return ""
    try:
        end_session = endpoint("OIDC_OP_END_SESSION_ENDPOINT")
    except SignInRefused:
        return ""
    if not end_session:
        return ""
    query = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    if session.get("oidc_id_token"):
        query["id_token_hint"] = session["oidc_id_token"]
    return f"{end_session}?{urlencode(query)}"
