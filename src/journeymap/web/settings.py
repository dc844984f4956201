"""One settings module, driven by environment variables (documented in the README).

The embedded default is SQLite in a data folder; production sets DATABASE_URL,
JOURNEYMAP_SECRET_KEY, JOURNEYMAP_ALLOWED_HOSTS and JOURNEYMAP_HTTPS=1.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured


def _env_flag(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, *, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JOURNEYMAP_DATA_DIR", Path.cwd() / "data")).resolve()

DEBUG = _env_flag("JOURNEYMAP_DEBUG", default=False)
SECRET_KEY = os.environ.get("JOURNEYMAP_SECRET_KEY", "")
if not SECRET_KEY:
    # No fallback key in the repository: the CLI writes a random one into the data folder for
    # the demo, and production must set it. Importing settings without one is refused.
    raise ImproperlyConfigured(
        "JOURNEYMAP_SECRET_KEY is not set. Run `journeymap demo`, which makes one for the demo, "
        "or set it in the environment (see README, 'Production settings')."
    )

ALLOWED_HOSTS = _env_list("JOURNEYMAP_ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("JOURNEYMAP_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "journeymap.web.audit",
    "journeymap.web.accounts",
    "journeymap.web.dashboard",
    "journeymap.web.journeys",
    "journeymap.web.segments",
    "journeymap.web.evidence",
    "journeymap.web.feedback",
    "journeymap.web.datasets",
    "journeymap.web.packs",
    "journeymap.web.indicators",
    "journeymap.web.actions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Deny by default: every page needs a signed-in person unless its view is marked
    # `login_not_required` (the public ones are listed in tests/web/test_public_urls.py).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last, as its documentation asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "journeymap.web.urls"
WSGI_APPLICATION = "journeymap.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'journeymap.sqlite3'}",
        conn_max_age=int(os.environ.get("JOURNEYMAP_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the SQL (server-side binding) let psycopg prepare a statement
    # the fifth time a connection runs it; PostgreSQL then no longer parses and plans it on
    # every request, which took half of its CPU time on the citizen's form (the same few
    # statements, over and over). Connections live for CONN_MAX_AGE, so do their statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "dashboard:landing"

# Login throttling (ASVS V6.3): lock a username from one client after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("JOURNEYMAP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Reverse proxies in front of the server: the client address for the lockout and the audit log.
JOURNEYMAP_PROXY_COUNT = int(os.environ.get("JOURNEYMAP_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "journeymap.web.audit.context.client_address"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "journeymap.web.errors.csrf_failure"

HTTPS = _env_flag("JOURNEYMAP_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if _env_flag("JOURNEYMAP_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy: no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

OTP_TOTP_ISSUER = "journeymap"

LANGUAGE_CODE = "en-gb"
# The languages the product's own words are written in (the citizen's form is translated; the
# staff pages are English). An organisation may translate its map's words into any but the first.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("JOURNEYMAP_STATIC_ROOT", DATA_DIR / "static"))
# Served by WhiteNoise straight from the package, so no collectstatic step is needed to run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Citizens' feedback form (journeymap.web.feedback). Seconds from opening the form before its last
# page may be sent (quicker is a bot); how long a started form stays valid; rate limits as
# (requests, seconds): pages from one client, responses through one link; and the default
# number of ratings below which a step's figures are hidden.
FEEDBACK_MIN_SECONDS = float(os.environ.get("JOURNEYMAP_FEEDBACK_MIN_SECONDS", "5"))
FEEDBACK_FORM_MAX_AGE = int(os.environ.get("JOURNEYMAP_FEEDBACK_FORM_MAX_AGE", str(4 * 60 * 60)))
FEEDBACK_CLIENT_LIMIT = (int(os.environ.get("JOURNEYMAP_FEEDBACK_CLIENT_LIMIT", "300")), 600)
FEEDBACK_LINK_LIMIT = (int(os.environ.get("JOURNEYMAP_FEEDBACK_LINK_LIMIT", "5000")), 3600)
FEEDBACK_SUPPRESS_BELOW = 5
# The form's rate limits are counted in a database table every server process shares (see
# feedback/throttle.py); the cache stays per process.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Background work (imports of contact logs, the retention sweep) runs in a worker process that
# reads its queue from the database: `journeymap manage db_worker` (see README, "Contact data").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Contact logs: the largest upload accepted, how long a dataset is kept by default, and the
# smallest count a report shows (smaller ones are withheld).
DATASET_UPLOAD_MAX_BYTES = int(os.environ.get("JOURNEYMAP_UPLOAD_MAX_MB", "200")) * 1024 * 1024
DATASET_RETENTION_DAYS = int(os.environ.get("JOURNEYMAP_DATASET_RETENTION_DAYS", "365"))
DATASET_SMALL_NUMBER_THRESHOLD = int(os.environ.get("JOURNEYMAP_SMALL_NUMBER_THRESHOLD", "5"))
# An import whose progress has not moved for this long is taken to have lost its worker.
DATASET_STALE_IMPORT_MINUTES = int(os.environ.get("JOURNEYMAP_STALE_IMPORT_MINUTES", "120"))
# Where contact logs are imported and analysed: "duckdb" in the worker's process, or "pyspark"
# at JOURNEYMAP_SPARK_MASTER (local[2] when unset; spark://host:port or sc://host:port for a
# cluster, which must read and write DATA_DIR at the same path: see docs/spark.md).
ANALYTICS_BACKEND = os.environ.get("JOURNEYMAP_ANALYTICS_BACKEND", "duckdb").strip()
if ANALYTICS_BACKEND not in ("duckdb", "pyspark"):
    raise ImproperlyConfigured(
        f"JOURNEYMAP_ANALYTICS_BACKEND={ANALYTICS_BACKEND!r}; expected duckdb or pyspark"
    )
SPARK_MASTER = os.environ.get("JOURNEYMAP_SPARK_MASTER", "").strip() or None
# The organisations' pseudonymisation keys: one file each, outside the database. Point this at
# a separately backed-up folder (see README, "Pseudonymisation keys").
PSEUDONYM_KEYS_DIR = Path(os.environ.get("JOURNEYMAP_PSEUDONYM_KEYS_DIR", DATA_DIR / "keys"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JOURNEYMAP_LOG_LEVEL", "WARNING")},
}
