"""corresp settings: one file, driven by environment variables.

With nothing set the app runs on a SQLite file, runs Celery tasks eagerly in-process and prints
e-mail to the console, so `make run` works on a bare machine. Production sets DEBUG=0,
SECRET_KEY, RECORD_SIGNING_KEY, DATABASE_URL, CELERY_BROKER_URL and the e-mail variables (see
README).
"""

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.contrib.messages import constants as message_levels
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """The variable's value; an empty value counts as unset."""
    return os.environ.get(name, "").strip() or default


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    return value.lower() in {"1", "true", "yes", "on"} if value else default


def json_value(name: str, text: str):
    try:
        return json.loads(text)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be JSON ({error}), not {text!r}.") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off corresp refuses to start without one: "
            "set the SECRET_KEY environment variable to a long random string."
        )
    SECRET_KEY = "corresp-development-only-key-never-use-in-production"  # noqa: S105

# Signs review records (export_review) so that import_review restores only records this
# installation, or one sharing the key, wrote. A key of its own, not SECRET_KEY: it is given to
# whoever restores records elsewhere, and changing SECRET_KEY must not orphan the archives.
RECORD_SIGNING_KEY = env_str("RECORD_SIGNING_KEY", "")
if not RECORD_SIGNING_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "RECORD_SIGNING_KEY is not set. With DEBUG off corresp refuses to start without one: "
            "set the RECORD_SIGNING_KEY environment variable to a long random string."
        )
    RECORD_SIGNING_KEY = "corresp-development-only-record-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "tracker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so that static files keep their cache: see tracker.middleware.
    "tracker.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, the first to read a POST: see tracker.middleware.
    "tracker.middleware.PostLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tracker.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Bootstrap calls the error alert "danger".
MESSAGE_TAGS = {message_levels.ERROR: "danger"}

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.middleware.team_link",
            ],
        },
    },
]

# --- Database: SQLite file by default, PostgreSQL (psycopg 3) when DATABASE_URL says so ---
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several request threads (runserver) write one file: wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# An invitation's link to set a password works once, for this long (tracker.domain.invitations).
PASSWORD_RESET_TIMEOUT = env_int("INVITATION_DAYS", 7) * 24 * 60 * 60
LOGIN_REDIRECT_URL = "my_work"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Login lockout (django-axes): repeated wrong passwords lock the username for a while ---
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
# By username, not address: a firm's staff share one address behind its proxy.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns when the address is not part of the lock. Behind the firm's proxy every login comes
# from one address, so locking by it would lock everyone out after anyone's five mistakes; the
# username lock also holds against guesses spread over many addresses.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tracker.views.two_factor.locked_out"

# --- Signing in with the firm's identity provider (OpenID Connect): off unless configured ---
# mozilla-django-oidc reads the OIDC_OP_* / OIDC_RP_* names; tracker.oidc fills the endpoints
# left empty from the issuer's discovery document at the first sign-in, not at start.
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "your identity provider")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_URI")
OIDC_OP_END_SESSION_ENDPOINT = env_str("OIDC_END_SESSION_ENDPOINT")
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGORITHM", "RS256")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
# {"group": ["company name or id", "role"], ...}: checked by tracker.oidc's system check.
OIDC_GROUP_ROLES = json_value("OIDC_GROUP_ROLES", env_str("OIDC_GROUP_ROLES", "{}"))
OIDC_REQUIRE_VERIFIED_EMAIL = env_bool("OIDC_REQUIRE_VERIFIED_EMAIL", True)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", True)
# `amr` or `acr` values by which the provider says it asked for a second factor itself;
# "none" for none, so that companies requiring a code always ask for corresp's own.
OIDC_MFA_VALUES = [value for value in env_list("OIDC_MFA_VALUES", "mfa") if value != "none"]
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's own logout
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
if OIDC_ENABLED and not (OIDC_RP_CLIENT_SECRET and OIDC_ISSUER):
    raise ImproperlyConfigured(
        "OIDC_CLIENT_ID is set, so OIDC_CLIENT_SECRET and OIDC_ISSUER must be set too "
        "(the issuer, e.g. https://login.example.com, names the provider and its tokens)."
    )
AUTHENTICATION_BACKENDS.append("tracker.oidc.ProviderBackend")

# --- Second factor (django-otp): TOTP for the members of companies that require it ---
OTP_TOTP_ISSUER = "corresp"

# --- Content Security Policy: our own files only; no inline script or style, no eval ---
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
# Logging out is a form post that ends at the provider's own logout page when it has one.
SECURE_CSP["form-action"] += sorted(
    {
        f"{parts.scheme}://{parts.netloc}"
        for parts in map(urlsplit, [OIDC_ISSUER, OIDC_OP_END_SESSION_ENDPOINT])
        if OIDC_ENABLED and parts.scheme and parts.netloc
    }
)

# The SEC counts business days in Washington: Eastern time.
LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "media/"
# A pasted staff letter or a long preview must reach the form, which gives the real limits; a
# POST over these gets its page back with a message (tracker.middleware.PostLimitsMiddleware).
# The preview posts up to 11 fields a comment, so 20,000 fields carry 1,816 comments
# (tracker.forms.letters.MAX_COMMENTS).
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail: the console by default ---
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "corresp <corresp@localhost>")
# The file-based backend (django.core.mail.backends.filebased.EmailBackend) writes mail here.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
# Where people reach corresp: the links in e-mail start with it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Notices of one kind to one person on one letter within this many seconds of the first go
# out as one e-mail when the window ends ("12 responses ... are waiting for your review").
# 0 sends each at once; without a broker (make run) no worker waits, so make run sets 0.
NOTICE_WINDOW_SECONDS = env_int("NOTICE_WINDOW_SECONDS", 300)

# --- Celery: eager in-process unless a broker is configured ---
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Reading uploads: each file is read in a child process with these limits ---
# A file past them is refused with a message; a real staff letter needs a small part of them.
# The wall-clock limit is three times the CPU limit (a busy machine shares its cores).
PARSE_CPU_SECONDS = env_int("PARSE_CPU_SECONDS", 20)
PARSE_MEMORY_MB = env_int("PARSE_MEMORY_MB", 1024)
FILING_PARSE_CPU_SECONDS = env_int("FILING_PARSE_CPU_SECONDS", 120)
FILING_PARSE_MEMORY_MB = env_int("FILING_PARSE_MEMORY_MB", 2048)

# --- EDGAR (fetch_correspondence): the SEC asks automated clients to declare themselves ---
# "corresp <contact e-mail>"; fetching refuses to start without it.
EDGAR_USER_AGENT = env_str("EDGAR_USER_AGENT", "")
EDGAR_WWW_URL = env_str("EDGAR_WWW_URL", "https://www.sec.gov")
EDGAR_DATA_URL = env_str("EDGAR_DATA_URL", "https://data.sec.gov")
EDGAR_REQUESTS_PER_SECOND = env_int("EDGAR_REQUESTS_PER_SECOND", 10)  # the SEC's fair-access cap
EDGAR_TIMEOUT_SECONDS = env_int("EDGAR_TIMEOUT_SECONDS", 30)
EDGAR_MAX_BYTES = env_int("EDGAR_MAX_BYTES", 50 * 1024 * 1024)
EDGAR_BACKOFF_SECONDS = float(env_str("EDGAR_BACKOFF_SECONDS", "1"))

# --- Production hardening, on whenever DEBUG is off ---
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Cookies travel over HTTPS only. SECURE_COOKIES=0 is for a local check over plain HTTP
    # (scripts/prod-smoke), never for a real server.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes announces its version at every start, commands included; its lockouts still log.
    "loggers": {"axes.apps": {"level": "WARNING"}},
}
