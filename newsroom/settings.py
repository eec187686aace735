"""Newsroom settings, read from the environment.

Every variable is documented in `.env.example` and in README.md. Local use works
with no variables at all; with DJANGO_DEBUG off the site refuses to start
without a real secret key and allowed hosts.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from shared.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_float(name, default):
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def fail(message):
    # One line naming the variable: the traceback of ImproperlyConfigured says the rest.
    raise ImproperlyConfigured(message)


DEBUG = env_bool("DJANGO_DEBUG", False)

# Local state (SQLite file, media, cache, generated secret) lives in one ignored folder.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR") or BASE_DIR / "var")
if not VAR_DIR.is_absolute():
    VAR_DIR = BASE_DIR / VAR_DIR
VAR_DIR.mkdir(parents=True, exist_ok=True)


def local_secret_key():
    """A key generated once for local use and kept in an ignored file, so sessions survive."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        fail("DJANGO_SECRET_KEY is not set; set it to a long random value (or DJANGO_DEBUG=1).")
    SECRET_KEY = local_secret_key()
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    fail("DJANGO_SECRET_KEY is insecure: use at least 50 random characters.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    fail("DJANGO_ALLOWED_HOSTS is empty; list the host names the site answers to.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "articles",
    "wordpress",
    "pages",
    "search",
    "editor",
    "comments",
    "api",
    "newsroom",
    "shared",
    "newsroom.admin_site.NewsroomAdminConfig",  # django.contrib.admin, its site lazier
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "articles.tags_app.TagsConfig",  # taggit, named "Tags" in the admin
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "jobs",
    "webhooks",
    "newsletters",
    "live",
    "prepublish",
    "notifications",
    "notes",
    "autosave",
    "presence",
    "fronts",
    "memberships",
    "demo",
    "anymail",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # First: every response, whatever answered it, gets a request id and a log line.
    "newsroom.middleware.RequestLogMiddleware",
    "newsroom.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, with the site's policy built once (newsroom/middleware.py).
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    # WhiteNoise, with a response that hands its headers over cheaply (newsroom/middleware.py).
    "newsroom.middleware.StaticFilesMiddleware",
    # Outside any page cache, so reads of cached article pages count for Trending.
    "articles.read_counter.ReadCounterMiddleware",
    # /api/ only: CORS, API keys, rate limits; cache hits are counted too (api/middleware.py).
    "api.middleware.ApiEdgeMiddleware",
    # Before the page cache: a reader on a group tier's network is not served its pages.
    "memberships.middleware.GroupNetworkMiddleware",
    # Before sessions, CSRF and auth, so an anonymous hit skips them all (shared/page_cache.py).
    "shared.page_cache.PageCacheMiddleware",
    # Inside the page cache, so an imported site's old addresses answer a cached 301.
    "wordpress.redirects.OldAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth: every public page is a shared shell plus the reader's own parts.
    "shared.page_cache.SharedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    # Last, as axes requires: turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file tuned for concurrent web writes, or PostgreSQL from DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH") or VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the
                # busy timeout instead of failing with "database is locked" mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-20000;"
                    "PRAGMA mmap_size=134217728;"
                ),
            },
            # Kept open between requests, like PostgreSQL's: opening the file, running the
            # PRAGMAs above and reading the schema again cost a page-cache miss several
            # milliseconds, and each new connection starts with SQLite's cache empty.
            "CONN_MAX_AGE": env_int("DJANGO_CONN_MAX_AGE", 600),
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared by every gunicorn worker on the box (a directory), or by every box (Redis).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down means uncached pages, not error pages (shared/cache_backends.py).
            "BACKEND": "shared.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        },
    }
    # When each cache key last changed (shared/cache.py): the same Redis, its own prefix.
    # Set Redis's maxmemory-policy to volatile-lru: these have no expiry and must not be
    # evicted while pages built before a change are still kept.
    CACHES["changes"] = {
        **CACHES["default"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-changes",
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "shared.cache_backends.FileCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR") or VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        # When each cache key last changed (shared/cache.py): never culled, one small file
        # a key.
        "changes": {
            "BACKEND": "shared.cache_backends.UnculledFileCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_CHANGES_DIR") or VAR_DIR / "cache-changes",
        },
    }
# Servers' clocks may differ by this much (seconds): a page begun this soon after a change
# of what it shows is not kept. One box has one clock.
CACHE_CLOCK_SKEW = env_float("NEWSROOM_CACHE_CLOCK_SKEW", 0.25 if REDIS_URL else 0.0)

# The edge (Varnish or a CDN) in front of the app, purged by key after every public write
# (shared/edge.py, docs/edge.md). "" means no edge to purge; "shared.edge.VarnishPurger"
# sends PURGE with the keys to each Varnish address in EDGE_PURGE_URLS (comma-separated).
EDGE_PURGE_BACKEND = os.environ.get("NEWSROOM_EDGE_PURGE_BACKEND", "").strip()
EDGE_PURGE_URLS = env_list("NEWSROOM_EDGE_PURGE_URLS")

AUTH_USER_MODEL = "accounts.User"
# The throttle first: a locked-out client is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "accounts.login_throttle.LoginThrottleBackend",
    "accounts.backends.ReaderBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:home"
LOGOUT_REDIRECT_URL = "articles:home"

LANGUAGE_CODE = os.environ.get("DJANGO_LANGUAGE_CODE", "en")
# The newsroom's own time zone: times are entered and shown in it, stored in UTC.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or VAR_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or VAR_DIR / "media")
# Django serves media itself only for local use; production puts a web server in front.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Many app servers share one picture library in an S3-compatible bucket (docs/operations.md,
# "Many boxes"); MEDIA_URL is then the bucket's public address (or a CDN's in front of it).
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "local").strip().lower() or "local"
if MEDIA_STORAGE == "s3":
    S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "").strip()
    S3_ENDPOINT_URL = os.environ.get("DJANGO_S3_ENDPOINT_URL", "").strip() or None
    S3_ACCESS_KEY = os.environ.get("DJANGO_S3_ACCESS_KEY_ID", "").strip()
    S3_SECRET_KEY = os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY", "").strip()
    if not (S3_BUCKET and S3_ACCESS_KEY and S3_SECRET_KEY):
        fail(
            "DJANGO_MEDIA_STORAGE=s3 needs DJANGO_S3_BUCKET, DJANGO_S3_ACCESS_KEY_ID and "
            "DJANGO_S3_SECRET_ACCESS_KEY."
        )
    MEDIA_URL = os.environ.get("DJANGO_S3_PUBLIC_URL", "").strip() or (
        f"{(S3_ENDPOINT_URL or f'https://{S3_BUCKET}.s3.amazonaws.com').rstrip('/')}/"
        f"{S3_BUCKET + '/' if S3_ENDPOINT_URL else ''}"
    )
    MEDIA_URL = MEDIA_URL.rstrip("/") + "/"
    SERVE_MEDIA = False  # the bucket serves them
    STORAGES["default"] = {
        "BACKEND": "shared.object_storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL,
            "access_key": S3_ACCESS_KEY,
            "secret_key": S3_SECRET_KEY,
            "region_name": os.environ.get("DJANGO_S3_REGION", "").strip() or None,
            "public_url": MEDIA_URL,
        },
    }
elif MEDIA_STORAGE != "local":
    fail(f"DJANGO_MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}.")
# A site that moved its media to a bucket: its old addresses (/media/...) answer 301 there.
OLD_MEDIA_URL = os.environ.get("DJANGO_OLD_MEDIA_URL", "").strip()
WHITENOISE_MAX_AGE = 3600

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's public address (scheme and host), for every absolute URL: pages, feeds,
# sitemaps, the API, mails, webhook payloads (shared/site_address.py); never the Host.
SITE_URL = (os.environ.get("NEWSROOM_SITE_URL", "").strip() or "http://localhost:8000").rstrip("/")
# Newsletters' knobs (newsletters/conf.py, docs/newsletters.md).
# Notifications (notifications/): at most one e-mail per person in this many minutes.
NOTIFICATIONS_EMAIL_EVERY = timedelta(minutes=env_int("NOTIFICATIONS_EMAIL_EVERY_MINUTES", 5))
NEWSLETTERS_BATCH_SIZE = env_int("NEWSLETTERS_BATCH_SIZE", 200)
NEWSLETTERS_PER_MINUTE = env_int("NEWSLETTERS_PER_MINUTE", 600)
NEWSLETTERS_DIGEST_TIME = os.environ.get("NEWSLETTERS_DIGEST_TIME", "07:00")
NEWSLETTERS_TRACKING = env_bool("NEWSLETTERS_TRACKING", False)
NEWSLETTERS_CONFIRM_DAYS = env_int("NEWSLETTERS_CONFIRM_DAYS", 3)
NEWSLETTERS_SOFT_BOUNCE_LIMIT = env_int("NEWSLETTERS_SOFT_BOUNCE_LIMIT", 3)
# django-anymail, for a provider's API instead of SMTP (DJANGO_EMAIL_BACKEND names it): every
# ANYMAIL_<NAME> variable becomes ANYMAIL["<NAME>"], e.g. ANYMAIL_POSTMARK_SERVER_TOKEN.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
# The provider whose tracking webhook (bounces, complaints) the site answers: "auto" is the
# anymail backend above, "off" none. It answers only with ANYMAIL_WEBHOOK_SECRET set, and the
# provider's signing key where it signs (newsletters/webhooks.py; check --deploy fails without).
NEWSLETTERS_WEBHOOK_PROVIDER = os.environ.get("NEWSLETTERS_WEBHOOK_PROVIDER", "auto")

# Memberships paid through Stripe (memberships/stripe_provider.py, docs/memberships.md).
# STRIPE_API_BASE points the official library elsewhere (the tests' localstripe).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "").strip()
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "").strip()
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "").strip()
STRIPE_CURRENCY = os.environ.get("STRIPE_CURRENCY", "eur").strip().lower()
# Days a member whose payment failed keeps reading, then access ends.
MEMBERSHIPS_GRACE_DAYS = env_int("MEMBERSHIPS_GRACE_DAYS", 7)
# When the nightly reconciliation with the provider falls due (local time, HH:MM).
MEMBERSHIPS_RECONCILE_TIME = os.environ.get("MEMBERSHIPS_RECONCILE_TIME", "03:30")

# Live pages (live/, docs/live.md): how often an open page asks for new updates, in seconds.
LIVE_POLL_SECONDS = env_int("NEWSROOM_LIVE_POLL_SECONDS", 20)

# HTTPS: on by default in production, off for local http (make run sets DJANGO_HTTPS=0).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A logged-in reader's session is read on every page: from the shared cache, written through
# to the database, which still holds it when the cache has lost it.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
# How many proxies of ours append to X-Forwarded-For in front of gunicorn (nginx: 1).
# 0 trusts only the connection's address, so a client cannot pick the address it is throttled by.
TRUSTED_PROXY_HOPS = env_int("DJANGO_TRUSTED_PROXY_HOPS", 0)


# Content-Security-Policy: nothing inline runs and nothing loads from other origins, except
# pictures from a separate media domain (DJANGO_MEDIA_URL) when there is one.
MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Video embeds in article bodies: the sanitiser lets only this host's frames through.
        "frame-src": ["https://www.youtube-nocookie.com"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Request ceilings. Form fields are read into memory up to 2.5 MB; files past 2.5 MB stream
# to a temporary file; any body larger than MAX_REQUEST_BYTES is refused with 413 before it
# is read (newsroom.middleware.RequestSizeLimitMiddleware). Pictures have their own, lower
# limit, checked on their content (shared/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o644
MAX_REQUEST_BYTES = env_int("DJANGO_MAX_REQUEST_BYTES", 25 * 1024 * 1024)

# Login throttling (django-axes): 5 failures for one reader's username, or from one address,
# pause logins for it for 15 minutes; the site's and the admin's login alike
# (accounts/login_throttle.py).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
# Readers per username and per address; staff per address plus a progressive delay.
AXES_LOCKOUT_PARAMETERS = "accounts.login_throttle.lockout_parameters"
# Attempts refused during a pause are not counted, so the pause ends when it said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "shared.client_address.client_ip"
AXES_USERNAME_CALLABLE = "accounts.login_throttle.login_username"
AXES_LOCKOUT_CALLABLE = "accounts.login_throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Wrong passwords typed into other forms count as failed logins too (accounts/forms.py);
# their password fields are never kept in the attempt records.
AXES_SENSITIVE_PARAMETERS = [
    "old_password",
    "new_password1",
    "new_password2",
    "password1",
    "password2",
]

SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
SITE_TAGLINE = os.environ.get("NEWSROOM_SITE_TAGLINE", "News and analysis")
ARTICLES_PER_PAGE = env_int("NEWSROOM_ARTICLES_PER_PAGE", 12)

# Whole-page cache for anonymous readers (shared/page_cache.py). Entries are dropped by
# the content version on every public change, so the timeout only bounds what changes
# without a write (read counts, "2 hours ago"); max-age is what browsers and a CDN keep.
PAGE_CACHE_ENABLED = env_bool("NEWSROOM_PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = env_int("NEWSROOM_PAGE_CACHE_TIMEOUT", 300)
PAGE_CACHE_MAX_AGE = env_int("NEWSROOM_PAGE_MAX_AGE", 60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("NEWSROOM_PAGE_STALE_WHILE_REVALIDATE", 300)

# Content API (api/conf.py has the defaults): requests a minute per address, per API key
# (unless the key has its own limit) and per staff token.
API_RATE_ANONYMOUS = env_int("NEWSROOM_API_RATE_ANONYMOUS", 60)
API_RATE_KEYED = env_int("NEWSROOM_API_RATE_KEYED", 600)
API_RATE_STAFF = env_int("NEWSROOM_API_RATE_STAFF", 120)

# Background jobs: Django's tasks API (django-tasks) on a queue kept in the database, run by
# `manage.py jobs_worker` (jobs/). A worker beats every few seconds; the jobs of one silent
# for longer than the timeout are put back on the queue for another worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_HEARTBEAT_SECONDS = env_int("NEWSROOM_JOBS_HEARTBEAT_SECONDS", 10)
JOBS_WORKER_TIMEOUT_SECONDS = env_int("NEWSROOM_JOBS_WORKER_TIMEOUT_SECONDS", 60)

# Presence (presence/): the article's change form beats this often; a person silent for 60 s
# has left and frees the article. Tests shorten it. A page with no key, click or touch for
# PRESENCE_IDLE_SECONDS leaves too (a tab left open overnight holds nothing).
PRESENCE_HEARTBEAT_SECONDS = 20
PRESENCE_IDLE_SECONDS = 15 * 60

# Webhooks (webhooks/): never delivered to loopback, private or link-local addresses,
# except to the host names listed here (an integration inside your own network).
WEBHOOKS_ALLOWED_INTERNAL_HOSTS = env_list("NEWSROOM_WEBHOOKS_ALLOWED_INTERNAL_HOSTS")
# The WordPress importer's downloads (--download) are checked the same way; its own list.
WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS = env_list(
    "NEWSROOM_WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS"
)

# The pre-publish check (prepublish/) asks each outside link in a body in the background;
# never an internal address, except the host names listed here.
PREPUBLISH_LINK_CHECKS = env_bool("NEWSROOM_PREPUBLISH_LINK_CHECKS", True)
PREPUBLISH_LINK_CHECK_ALLOWED_INTERNAL_HOSTS = env_list(
    "NEWSROOM_PREPUBLISH_LINK_CHECK_ALLOWED_INTERNAL_HOSTS"
)

# One line per request with its id (shared/logging.py); DJANGO_LOG_FORMAT=json for JSON.
# Of the responses answered from a store (page-cache hits, static files, 304s), one in
# REQUEST_LOG_SAMPLE is logged (with sampled=N), unless slower than REQUEST_LOG_SLOW_MS;
# 1 logs them all (docs/performance.md "The request log").
REQUEST_LOG_SAMPLE = env_int("DJANGO_REQUEST_LOG_SAMPLE", 100)
REQUEST_LOG_SLOW_MS = env_int("DJANGO_REQUEST_LOG_SLOW_MS", 250)
LOGGING = logging_config(
    json_format=os.environ.get("DJANGO_LOG_FORMAT", "").strip().lower() == "json",
    level=os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
)
