"""One settings module, configured by the environment.

MACE_ENV selects the mode: ``demo`` (the default: SQLite under var/, DEBUG on, printed demo
password), ``test`` (what pytest uses) or ``production`` (refuses to start without its
secrets, secure cookies, HSTS). See docs/adr/0002-settings-from-environment.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("MACE_PROJECT_DIR", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("MACE_VAR_DIR", PROJECT_DIR / "var"))

# Under pytest (which sets PYTEST_VERSION) the default mode is "test".
MACE_ENV = os.environ.get("MACE_ENV") or ("test" if "PYTEST_VERSION" in os.environ else "demo")
if MACE_ENV not in {"demo", "test", "production"}:
    raise ImproperlyConfigured("MACE_ENV must be one of demo, test, production")
DEMO = MACE_ENV == "demo"
PRODUCTION = MACE_ENV == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when MACE_ENV={MACE_ENV}")
    return value


if PRODUCTION:
    SECRET_KEY = _required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in _required("MACE_ALLOWED_HOSTS").split(",") if h.strip()]
    _database_url = _required("DATABASE_URL")
else:
    # Demo and test only: a fixed, obviously non-secret key. Production has no default.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-secret-" + "x" * 40)
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]
    _database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'mace.sqlite3'}"

# DEBUG is off by default everywhere, the demo included, so that every error page a user can
# reach is the service's own (Django's technical 404 lists every URL pattern). A developer
# who wants the technical pages sets MACE_DEBUG=1 in demo mode; production never has them.
DEBUG = DEMO and _env_bool("MACE_DEBUG", False)

DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    "csp",
    "mace.core",
    "mace.accounts",
    "mace.audit",
    "mace.people",
    "mace.risk",
    "mace.referrals",
    "mace.meetings",
    "mace.contexts",
    "mace.governance",
    "mace.administration",
    "mace.casefile",
    "mace.web",
    "mace.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "mace.audit.middleware.AuditContextMiddleware",
    "mace.accounts.middleware.LoginRequiredMiddleware",
    "mace.accounts.middleware.TwoFactorRequiredMiddleware",
    "mace.people.middleware.RestrictedRecordMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mace.urls"
WSGI_APPLICATION = "mace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mace.web.context_processors.service",
                "mace.casefile.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if MACE_ENV == "test":
    # Argon2 is deliberately slow; tests that check the hasher set it back explicitly.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
    # Browser tests: the live server answers the page's requests on several threads at once
    # (an autosave while the user moves on). An in-memory SQLite test database is one
    # connection shared by all of them; a file gives each thread its own connection.
    _test_db_file = os.environ.get("MACE_TEST_SQLITE_FILE")
    if _test_db_file and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["TEST"] = {"NAME": _test_db_file}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle timeout: the session expires after this many minutes without a request.
IDLE_TIMEOUT_MINUTES = int(os.environ.get("MACE_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Two-factor authentication (TOTP) is required for every role but referrer. The demo may
# waive it, and says so on every page.
MACE_WAIVE_2FA = DEMO and _env_bool("MACE_DEMO_WAIVE_2FA", True)
OTP_TOTP_ISSUER = "MACE"

# Lockout (django-axes): 5 failures on one account lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("MACE_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("MACE_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "mace.accounts.ratelimit.axes_username"
AXES_VERBOSE = False
AXES_ENABLED = _env_bool("MACE_AXES_ENABLED", True)

# Rate limits, counted from the audit log (docs/adr/0012-sign-in-links-and-rate-limits.md).
# Sign-in link requests (a link or a "use your password" email): per address and per client.
MACE_SIGNIN_LINK_PER_ADDRESS = int(os.environ.get("MACE_SIGNIN_LINK_PER_ADDRESS", "3"))
MACE_SIGNIN_LINK_PER_ADDRESS_MINUTES = int(
    os.environ.get("MACE_SIGNIN_LINK_PER_ADDRESS_MINUTES", "15")
)
MACE_SIGNIN_LINK_PER_CLIENT = int(os.environ.get("MACE_SIGNIN_LINK_PER_CLIENT", "30"))
MACE_SIGNIN_LINK_PER_CLIENT_MINUTES = int(
    os.environ.get("MACE_SIGNIN_LINK_PER_CLIENT_MINUTES", "60")
)
# Wrong two-factor codes (verifying or confirming enrolment) per user.
MACE_TWO_FACTOR_FAILURES = int(os.environ.get("MACE_TWO_FACTOR_FAILURES", "5"))
MACE_TWO_FACTOR_FAILURES_MINUTES = int(os.environ.get("MACE_TWO_FACTOR_FAILURES_MINUTES", "15"))

# Break-glass access to a restricted record lasts this long.
MACE_BREAK_GLASS_HOURS = int(os.environ.get("MACE_BREAK_GLASS_HOURS", "4"))
# An invitation to a meeting gives access to the child's papers until this many days after.
MACE_INVITATION_ACCESS_DAYS = 28

MACE_SERVICE_NAME = os.environ.get("MACE_SERVICE_NAME", "Multi-Agency Child Exploitation (MACE)")
MACE_PARTNERSHIP_NAME = os.environ.get(
    "MACE_PARTNERSHIP_NAME", "Leeds Safeguarding Children Partnership"
)
MACE_GUIDANCE_URL = os.environ.get("MACE_GUIDANCE_URL", "https://leeds.proceduresonline.com/")
MACE_DEMO_PASSWORD = os.environ.get("MACE_DEMO_PASSWORD", "mace-demo-2026")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Production and the demo serve collected, hashed, compressed files with WhiteNoise (`mace
# demo` runs collectstatic first); tests, and a demo run with MACE_DEBUG=1, serve from the
# finders so that no collect step is needed.
COLLECTED_STATIC = PRODUCTION or (DEMO and not DEBUG)
STATIC_ROOT = VAR_DIR / "static" if COLLECTED_STATIC else None
STATICFILES_DIRS = [
    ("govuk", PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    # The network drawing and the map (contextual MACE), from npm.
    ("vendor/cytoscape", PROJECT_DIR / "node_modules" / "cytoscape" / "dist"),
    ("vendor/leaflet", PROJECT_DIR / "node_modules" / "leaflet" / "dist"),
    # Our stylesheet, compiled from src/mace/web/scss by `make assets`.
    PROJECT_DIR / "var" / "build",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if COLLECTED_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not COLLECTED_STATIC

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _tile_source(url: str) -> list[str]:
    """The CSP source of a map tile URL template (``https://{s}.tile.example/{z}/{x}/{y}.png``
    is ``https://*.tile.example``): the map page loads its tiles from there."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return []
    host = parts.netloc
    if host.startswith("{"):
        host = "*." + host.split("}.", 1)[-1]
    return [f"{parts.scheme}://{host}"]


_map_tile_sources = _tile_source(os.environ.get("MACE_MAP_TILES_URL", ""))

# Content-Security-Policy: no inline script or style anywhere (and the map's tile host).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_map_tile_sources],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("MACE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"

EMAIL_BACKEND = os.environ.get(
    "MACE_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if not PRODUCTION
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("MACE_FROM_EMAIL", "mace@demo.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MACE_LOG_LEVEL", "WARNING")},
}
MACE_TRUST_X_FORWARDED_FOR = _env_bool("MACE_TRUST_X_FORWARDED_FOR", False)
CSRF_FAILURE_VIEW = "mace.web.views.csrf_failure"

# axes.W006 asks for ip_address in the lockout parameters. We lock per account on purpose
# (an office behind one address must not be locked out by one person's typing); rotating
# user agents or cookies cannot bypass a per-account lock. See docs/adr/0004.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Referrers without accounts: email domains allowed to ask for a sign-in link, besides the
# administrator's list (AllowedDomain). The demo allows its own domain.
MACE_REFERRER_DOMAINS = os.environ.get(
    "MACE_REFERRER_DOMAINS", "demo.example,test.example" if not PRODUCTION else ""
)
# Triage target: referrals not decided within this many working days are overdue.
MACE_TRIAGE_TARGET_WORKING_DAYS = int(os.environ.get("MACE_TRIAGE_TARGET_WORKING_DAYS", "5"))
# Contextual MACE: an order is flagged this many days before it expires; a child newly
# linked to a person or place already linked to this many other children raises an alert.
MACE_DISRUPTION_EXPIRY_WARNING_DAYS = int(
    os.environ.get("MACE_DISRUPTION_EXPIRY_WARNING_DAYS", "28")
)
MACE_COOCCURRENCE_CHILDREN = int(os.environ.get("MACE_COOCCURRENCE_CHILDREN", "2"))
# Maps: a tile server URL template ({z}/{x}/{y}); empty (the default) shows a ward table.
MACE_MAP_TILES_URL = os.environ.get("MACE_MAP_TILES_URL", "")
MACE_MAP_TILES_ATTRIBUTION = os.environ.get("MACE_MAP_TILES_ATTRIBUTION", "")
