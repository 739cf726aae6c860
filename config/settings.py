"""Settings for the job board: one module, every deployment value from the environment.

Development defaults give the embedded mode (SQLite under var/, Celery tasks inline, e-mail
printed to the terminal). Production sets DATABASE_URL, REDIS_URL, SECRET_KEY and friends;
`.env.example` lists every variable this module reads.
"""

import datetime
import re
import sys
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def _month_day(name: str, *, default: str) -> tuple[int, int]:
    """A day of every year as "MM-DD" (29 February is not one); anything else stops start-up."""
    text = env.str(name, default=default)
    try:
        month, day = (int(part) for part in text.split("-"))
        datetime.date(2023, month, day)  # a year without 29 February
    except ValueError as exc:
        message = f'{name} must be a day of every year as "MM-DD", not {text!r}'
        raise ImproperlyConfigured(message) from exc
    return month, day


def _email(name: str, *, default: str) -> str:
    """An e-mail address; anything else stops start-up."""
    text = env.str(name, default=default)
    try:
        validate_email(text)
    except ValidationError as exc:
        raise ImproperlyConfigured(f"{name} must be an e-mail address, not {text!r}") from exc
    return text


def _org_number(name: str) -> str:
    """An organisation or company registration number ("556677-8899", "DK 12345678");
    empty when not set. Anything else stops start-up."""
    text = env.str(name, default="").strip()
    if text and not re.fullmatch(r"[A-Z]{0,2} ?[0-9][0-9 -]{4,18}[0-9]", text):
        message = f"{name} must be an organisation number such as 556677-8899, not {text!r}"
        raise ImproperlyConfigured(message)
    return text


def _named_list(name: str) -> dict[str, str]:
    """A comma-separated list of keys, each optionally with a name: "hosting=Example AB,
    email". Key -> name ("" when none is given). Keys are checked where they are used."""
    entries: dict[str, str] = {}
    for entry in env.list(name, default=[]):
        key, _sep, label = entry.partition("=")
        key = key.strip().lower()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise ImproperlyConfigured(f"{name}: {entry!r} is not a key such as hosting=Name")
        entries[key] = label.strip()
    return entries


environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
TESTING = "pytest" in sys.modules

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        sys.exit("Refusing to start: SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the site, for links in e-mails, feeds and sitemaps; by default the
# development server's, on the port `make run` serves (PORT).
PORT = env.int("PORT", default=8000)
SITE_URL: str = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}").rstrip("/")
SITE_NAME: str = env.str("SITE_NAME", default="WorkWithUs.se")
CONTACT_EMAIL: str = _email("CONTACT_EMAIL", default="kontakt@workwithus.se")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "cookie_consent",
    "csp",
    "django_celery_beat",
    "accounts",
    "privacy",
    "companies",
    "taxonomy",
    "jobs",
    "newsletter",
    "rights",
    "visitors",
    "support",
    "mailer",
    "demo",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control and Vary (public pages a CDN may keep); sees the session and CSRF cookies.
    "config.caching.CacheHeadersMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.old_urls.OldAddressesMiddleware",  # old paths: a 301 (308) to today's
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "visitors.middleware.VisitorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.TooManyFilesMiddleware",
    "accounts.middleware.LastSeenMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
# The site's own error pages (config/views.py; 400 and 500 are named in config/urls.py).
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
            "libraries": {"layout": "config.layout", "dates": "config.dates"},
        },
    },
    # The subjects and plain-text parts of mails (mailer.services.render): text, not HTML,
    # so "Kock & kallskänka" stays as typed instead of becoming "Kock &amp; kallskänka".
    {
        "NAME": "plain_text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False, "libraries": {"layout": "config.layout"}},
    },
]

# --- Database: SQLite under var/ by default, PostgreSQL through DATABASE_URL.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not IS_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    # A transaction takes the write lock when it begins: two that read, then write (two
    # clicks on "order") wait their turn instead of one failing with "database is locked".
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
# A streaming replica for the public read pages (config/replica.py); off by default.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    # Tests read the primary's test database through this alias unless a test points it
    # at the real replica (tests/config/test_replica.py).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
    MIDDLEWARE.append("config.replica.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when configured (shared rate limits across processes), else local memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="jobboard"),
        },
        # Sessions in Redis too, shared by every web process on every machine. Redis must
        # not evict them (a maxmemory-policy of noeviction, or volatile-* with the TTLs).
        "sessions": {
            "BACKEND": "config.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="jobboard") + ":session",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"
else:
    # The embedded default: one process, its own memory; sessions in the database.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# What every page reads and hardly ever changes (django-cookie-consent's groups, the
# taxonomy): held in each process, unpickled, and refetched when the shared cache says it
# changed (config/memo_cache.py).
CACHES["memo"] = {
    "BACKEND": "config.memo_cache.MemoCache",
    "OPTIONS": {"SHARED": "default"},
}
# Seconds a CDN or a browser may keep a public page seen without a session (config/caching.py).
CACHE_PUBLIC_MAX_AGE = env.int("CACHE_PUBLIC_MAX_AGE", default=60)
# Bytes of such pages each web process keeps itself (config/page_cache.py; 0: none).
PAGE_CACHE_BYTES = env.int("PAGE_CACHE_BYTES", default=16 * 1024 * 1024)

# --- Users and authentication (django-allauth, e-mail is the login).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "jobs:home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Signing up, resetting a password or adding an address answers the same whether or not the
# address has an account; its owner is mailed instead (accounts.adapter: a true notice, never
# a link that would confirm their address for someone else's account).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
# Back to the home page in the language the person was using ("/" was always Swedish).
LOGOUT_REDIRECT_URL = "jobs:home"
# A mail to the account's address when its password or addresses change, so that a change
# the owner did not make does not go unnoticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"  # a name or an e-mail, never "User #4"
# accounts.adapter (mails through the mailer, slowed sign-in failures) and where employers land
ACCOUNT_ADAPTER = "companies.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per account, failures are slowed down per client, not blocked for everyone: see
    # LOGIN_FAILURES_WITHOUT_DELAY below (accounts/adapter.py).
    "login_failed": "10/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# --- Clients and rate limits (issue 14). Behind proxies of our own (a load balancer, nginx),
# REMOTE_ADDR is the nearest proxy: TRUSTED_PROXY_COUNT says how many there are, and the
# client's address is read from X-Forwarded-For that many entries from the right. 0 (no
# proxy) ignores the header, which a client could otherwise make up. Counted in the cache.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# A failed sign-in is free this many times in a row for one account from one client (its
# address and browser together); after that the client waits 2, 4, 8 ... seconds before the
# next try, up to LOGIN_DELAY_MAX. The owner elsewhere is never held up by someone else's.
LOGIN_FAILURES_WITHOUT_DELAY = 3
LOGIN_DELAY_MAX = 15 * 60
# "amount/period" windows, comma-separated (s, m, h, d): per signed-in user and per client.
RATE_LIMITS = {
    "apply": {"user": "5/m,40/d", "client": "10/m,100/d"},
    "reveal_contact": {"user": "10/m,150/d", "client": "10/m,150/d"},
    "newsletter_signup": {"user": "5/m,20/d", "client": "5/m,50/d"},
    "rights_request": {"user": "5/h,20/d", "client": "5/h,20/d"},
    # The button that makes one's own ZIP (besides one a day: rights.services.reports).
    "own_report": {"user": "5/h,20/d", "client": "10/h,50/d"},
    "support": {"user": "3/m,20/d", "client": "3/m,20/d"},
    # The read-only API (jobs/views/api.py): a reader polling new ads has room to spare.
    "api": {"user": "120/m,20000/d", "client": "120/m,20000/d"},
}

# --- Internationalisation: Swedish first (no URL prefix), English under /en/.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Dates are read year first only (config/formats): 01/02/2027 is refused, not a 2nd of January.
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static files (shipped with the app, served by WhiteNoise; nothing from a CDN).
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Private media: uploaded documents and invoices. Never under a public URL: files are
# served only by views that check permission. No URL pattern serves MEDIA_URL: it is set
# only because Django's test live server insists on one.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = "/private-files-are-not-served-here/"

# --- Object storage (S3-compatible) instead of the folder, when a bucket is named. Every
# object is private: no public ACL, no public URL. Files reach people only through the views
# that check permission, which stream them from the bucket (one code path for both kinds of
# storage; a presigned URL would be a bearer link that outlives the check and can be
# forwarded, and would bypass our Content-Disposition and no-store headers).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
# Empty: AWS itself (the notice then lists Amazon); set for MinIO, Ceph, Garage, a local moto
# server ... (name its provider in PRIVACY_PROCESSORS as storage=...).
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="eu-north-1"),
            # Empty: boto3 finds them (instance role, ~/.aws, AWS_* variables).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "location": env.str("AWS_LOCATION", default="private"),
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A too-large file is dropped before it is stored (accounts/uploads.py), then the defaults.
FILE_UPLOAD_HANDLERS = [
    "accounts.uploads.DocumentSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 20
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
MAX_DOCUMENT_SIZE = env.int("MAX_DOCUMENT_SIZE", default=10 * 1024 * 1024)
# DOCX and ODT are ZIP archives: limits on what one may unpack to (accounts/filetypes.py).
# A real CV has tens of entries and unpacks to a few times its size.
DOCUMENT_ZIP_MAX_ENTRIES = 1000
DOCUMENT_ZIP_MAX_UNPACKED = 50 * 1024 * 1024
DOCUMENT_ZIP_MAX_RATIO = 100
# What one seeker's document library may hold (accounts/services.py).
DOCUMENT_QUOTA_COUNT = env.int("DOCUMENT_QUOTA_COUNT", default=20)
DOCUMENT_QUOTA_BYTES = env.int("DOCUMENT_QUOTA_BYTES", default=50 * 1024 * 1024)
# A virus scanner (ClamAV's clamd) is used when this is set, e.g. "tcp://127.0.0.1:3310".
CLAMAV_URL = env.str("CLAMAV_URL", default="")

# --- E-mail: printed to the terminal in development. Production must name a mail server:
# printed mail would put sign-in and password-reset links in the server's log.
EMAIL_URL = env.str("EMAIL_URL", default="")
# Mandrill through django-anymail when its key is set (the newsletter and every other mail).
MANDRILL_API_KEY = env.str("MANDRILL_API_KEY", default="")
if (
    not DEBUG
    and not MANDRILL_API_KEY
    and (not EMAIL_URL or EMAIL_URL.startswith(("consolemail:", "filemail:")))
):
    sys.exit(
        "Refusing to start: EMAIL_URL must name a mail server when DEBUG is off (see .env.example)."
    )
vars().update(environ.Env.email_url_config(EMAIL_URL or "consolemail://"))
if MANDRILL_API_KEY:
    EMAIL_BACKEND = "anymail.backends.mandrill.EmailBackend"
    ANYMAIL = {"MANDRILL_API_KEY": MANDRILL_API_KEY}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@workwithus.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery: with no REDIS_URL, tasks run inline in the process that sends them.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"  # the beat clock: a daylight-saving change neither skips nor doubles
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# No task runs longer than this (tasks may set less). Redis gives a task whose worker was
# lost to another worker after the visibility timeout: at least the longest time limit (or
# a task still running would start twice), and not much more (or a lost nightly task waits
# that long). tests/config/test_workers.py checks every task, and retry delays, against it.
CELERY_TASK_TIME_LIMIT = 20 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 18 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 5 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
DJANGO_CELERY_BEAT_TZ_AWARE = True

# --- Privacy: retention periods live in privacy/rules.py; an operator overrides them here.
# Swedish bookkeeping law asks 7 years; the notice's default is 5.
PRIVACY_RETENTION_OVERRIDES = env.json("PRIVACY_RETENTION_OVERRIDES", default={})
BOOKKEEPING_YEARS = env.int("BOOKKEEPING_YEARS", default=5)
# The last day of the financial year (the clock of billing.bookkeeping); 12-31: calendar year.
FINANCIAL_YEAR_END = _month_day("FINANCIAL_YEAR_END", default="12-31")
# Salt for the suppression list's hashes of withdrawn e-mail addresses.
SUPPRESSION_SALT = env.str("SUPPRESSION_SALT", default=SECRET_KEY)
# The Facebook Pixel: rendered only after marketing-cookie consent, never with advanced matching.
FACEBOOK_PIXEL_ID: str = env.str("FACEBOOK_PIXEL_ID", default="")
# The controller named on the privacy notice: the legal entity behind the site, its
# organisation number, postal address and the e-mail address for privacy questions.
PRIVACY_CONTROLLER: dict[str, str] = {
    "name": env.str("PRIVACY_CONTROLLER_NAME", default="Ncom").strip(),
    "org_number": _org_number("PRIVACY_CONTROLLER_ORG_NUMBER"),
    "address": env.str("PRIVACY_CONTROLLER_ADDRESS", default="").strip(),
    "email": _email("PRIVACY_CONTROLLER_EMAIL", default=CONTACT_EMAIL),
}
if not PRIVACY_CONTROLLER["name"]:
    raise ImproperlyConfigured(
        "PRIVACY_CONTROLLER_NAME must name the controller (see .env.example)."
    )
# The processors and joint controllers this deployment uses, as keys of
# privacy/processors.py, each optionally with the provider's name: "hosting=Example AB".
# The notice lists only these (and the Facebook Pixel when FACEBOOK_PIXEL_ID is set).
PRIVACY_PROCESSORS: dict[str, str] = _named_list("PRIVACY_PROCESSORS")

# --- Employers and billing (companies/): the seller on invoices, and staff review of a new
# company's first ad before it goes live (off by default: publishing is fast).
COMPANIES_REVIEW_FIRST_AD = env.bool("COMPANIES_REVIEW_FIRST_AD", default=False)
INVOICE_BANKGIRO = env.str("INVOICE_BANKGIRO", default="5050-1055")
INVOICE_SELLER = env.json(
    "INVOICE_SELLER",
    default={
        "name": "WorkWithUs Sverige AB",
        "org_number": "559123-4561",
        "vat_number": "SE559123456101",
        "address": "Box 1234, 111 22 Stockholm",
        "email": "faktura@workwithus.se",
    },
)

# --- Reference data: where import_taxonomy and seed_demo look for SCB/JobTech files.
TAXONOMY_DATA_DIR = env.str("TAXONOMY_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data"))

# --- Cookie consent (django-cookie-consent).
COOKIE_CONSENT_NAME = "cookie_consent"
COOKIE_CONSENT_CACHE_BACKEND = "memo"
COOKIE_CONSENT_MAX_AGE = 60 * 60 * 24 * 365
COOKIE_CONSENT_LOG_ENABLED = False
COOKIE_CONSENT_OPT_OUT = False

# --- Security headers and cookies (issue 14: CSP, Permissions-Policy, HSTS, Secure cookies).
# bench/observatory.py grades them by the MDN HTTP Observatory's rules (A+);
# tests/config/test_security_headers.py keeps each header the grade depends on.
# The policy: nothing from another origin, no inline script or style without the request's
# nonce. A page that needs more asks for it while it is built (config.security.allow): the
# Facebook Pixel's hosts appear only on a page that renders the Pixel after consent.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # data: for the QR code of the TOTP set-up page
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Messages ride in the session: no `messages` cookie beside the ones the cookie page lists.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Over HTTPS every cookie is Secure whatever set it (config.security); outside DEBUG the
# settings say so too, so that no cookie ever leaves over plain HTTP.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    COOKIE_CONSENT_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Health checks come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    # Where plain HTTP is sent ("host:port"); empty: the same host.
    SECURE_SSL_HOST = env.str("SECURE_SSL_HOST", default="") or None
    # A year by default (at least six months counts for the Observatory); subdomains too.
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Preloading is hard to undo: only on request.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)

# JSON lines with the request's id in production (LOG_FORMAT=json, the default with DEBUG
# off); readable lines while developing.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.logs.RequestIdFilter"},
        "redact_paths": {"()": "config.logs.RedactPathsFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Messages that quote a request's path: its tokens are written as "<token>".
    "loggers": {
        name: {"filters": ["redact_paths"]}
        for name in ("django.request", "django.server", "django.security.csrf")
    },
}
