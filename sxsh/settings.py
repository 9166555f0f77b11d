"""One settings module. Everything that differs between the embedded default and
production comes from environment variables (documented in README.md)."""
import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SXSH_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite file, uploads and mail of the embedded mode


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# SXSH_ENV=production switches on everything a public deployment needs (secure cookies, HSTS,
# hashed static files, a mandatory SECRET_KEY). The default is the embedded mode of `make run`.
PRODUCTION = os.environ.get("SXSH_ENV", "embedded") == "production"
DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY") or ("" if PRODUCTION else "embedded-mode-only-insecure-key")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when SXSH_ENV=production")

# The demo's today, e.g. 2016-06-10, five days before the letter's first deadline: `make run` sets it so
# the demo's calls are open and its board live. Every rule reads it through core.clock. Never in production.
try:
    DEMO_TODAY = date.fromisoformat(os.environ["DEMO_TODAY"]) if os.environ.get("DEMO_TODAY") else None
except ValueError:
    raise RuntimeError("DEMO_TODAY must be a date written as YYYY-MM-DD, e.g. 2016-06-10") from None
if DEMO_TODAY is not None and PRODUCTION:
    raise RuntimeError("DEMO_TODAY is for the demo only: unset it when SXSH_ENV=production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.forms",  # the form widgets' templates, overridable from templates/ (FORM_RENDERER below)
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_q",
    "axes",
    # Our apps, in dependency order (the demo loader follows this order).
    "core",
    "accounts",
    "organisations",
    "programmes",
    "collection",
    "exports",
    "rounds",
    "plans",
    "evaluation",
    "execution",
    "portal",
    "notifications",
    "reports",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",  # Django's LocaleMiddleware without Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.RefusedInputMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into core's 429 page
]

ROOT_URLCONF = "sxsh.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"  # templates/django/forms: the Vietnamese file button
WSGI_APPLICATION = "sxsh.wsgi.application"

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
                "accounts.context_processors.roles",
            ],
            "builtins": ["core.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Deadline-day bursts of concurrent writers (web workers + job runner): WAL lets readers go on while
    # one writes; IMMEDIATE takes the write lock when a transaction starts, so two writers queue for it
    # (busy timeout) instead of one failing with "database is locked" when it upgrades a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The format of `manage.py backup` (JSON with full-precision times).
SERIALIZATION_MODULES = {"sxshjson": "core.backup_format"}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The one-time "set your password" link sent after approval.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_LINK_TIMEOUT", str(3 * 24 * 3600)))
# At most one forgotten-password (or "already registered") mail per address in this many seconds.
ACCOUNT_MAIL_INTERVAL = int(os.environ.get("ACCOUNT_MAIL_INTERVAL", "600"))
# Login throttling (django-axes, hooks in accounts/throttle.py): this many failures within the window
# lock the e-mail, and the client address, for the window; on the login page, the admin and the API
# token. The count lives in the database (or Redis when configured), shared by every worker.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_address"
AXES_USERNAME_CALLABLE = "accounts.throttle.username"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler" if os.environ.get("REDIS_URL") else "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["sxsh.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if not PRODUCTION
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Request bodies other than uploaded files (form fields, API JSON) larger than this are refused before
# they are read (400); files are checked by core.uploads. The proxy's own cap is in the README.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}

# E-mail: file backend in the embedded default (var/mail), SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST") else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Văn phòng SXSH <no-reply@sxsh.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs (django-q2, the database is the broker: queued jobs survive a restart, no extra
# service). `manage.py qcluster` is the worker; scripts/run.sh starts it beside runserver.
Q_CLUSTER = {
    "name": "sxsh",
    "orm": "default",
    "workers": int(os.environ.get("JOB_WORKERS", "1")),
    "timeout": int(os.environ.get("JOB_TIMEOUT", "300")),
    "retry": int(os.environ.get("JOB_RETRY", "600")),  # a job not acknowledged by then runs again
    "max_attempts": int(os.environ.get("JOB_MAX_ATTEMPTS", "3")),
    "save_limit": 500,
    "catch_up": False,  # after downtime run the scheduler tick once, not once per missed minute
    "poll": 2,
    "ack_failures": True,
    "sync": env_bool("JOBS_SYNC"),  # run jobs in-process (tests, one-off scripts)
}
# Exports (consolidated proposals, report annexes): more rows than this run as a background job whose page
# shows progress and a private download; their files are deleted after EXPORT_KEEP_DAYS.
EXPORT_SYNC_MAX_ROWS = int(os.environ.get("EXPORT_SYNC_MAX_ROWS", "5000"))
EXPORT_KEEP_DAYS = int(os.environ.get("EXPORT_KEEP_DAYS", "7"))
# Notifications: e-mail attempts before a delivery is shown as failed, minutes between attempts,
# and the local hour from which reminders, overdue notices and the office digest go out.
NOTIFICATIONS_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATIONS_MAX_ATTEMPTS", "3"))
NOTIFICATIONS_RETRY_MINUTES = [int(m) for m in env_list("NOTIFICATIONS_RETRY_MINUTES", "10,60")]
NOTIFICATIONS_SEND_HOUR = int(os.environ.get("NOTIFICATIONS_SEND_HOUR", "7"))
# The signature block of generated letters ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG" and the signer's name).
LETTER_SIGNER_NAME = os.environ.get("LETTER_SIGNER_NAME", "")

# Behind a reverse proxy that terminates TLS (see README); it also gives the client's address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
USE_X_FORWARDED_HOST = BEHIND_PROXY
_secure = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _secure)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _secure else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Served on every response by core.middleware; 'self' only, because intranets have no CDN anyway.
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "media-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The Strategy office as it appears on documents and the contact page (letter 4108 §3).
# Contact form: at most CONTACT_LIMIT messages per address within CONTACT_WINDOW seconds.
CONTACT_LIMIT = int(os.environ.get("CONTACT_LIMIT", "3"))
CONTACT_WINDOW = int(os.environ.get("CONTACT_WINDOW", "3600"))

OFFICE_CONTACT = {
    "name": _("Văn phòng giúp việc Ban điều hành Chiến lược sản xuất sạch hơn trong công nghiệp"),
    "department": _("Vụ Khoa học và Công nghệ, Bộ Công Thương"),
    "address": "54 Hai Bà Trưng, Hoàn Kiếm, Hà Nội",
    "phone": "024 2220 2306",  # Hà Nội's area code is 024 since 2017
    "email": "haknv@moit.gov.vn",
}

REST_FRAMEWORK = {
    # Tokens for units' own systems; the session for the pages' own scripts.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SXSH API",
    "DESCRIPTION": "Registry, proposal rounds, proposals and their rows, published portal items. Money in whole đồng.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_error_responses"],
}
