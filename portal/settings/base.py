"""Settings shared by every environment.

Every knob is an environment variable with a default that is safe for the embedded setup
(SQLite, the database search backend, the local-memory cache, media on local disk).
`dev.py`, `test.py` and `production.py` start from here; the README lists the variables.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from portal.settings.environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-key-for-local-use-only-never-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "portal.about",
    "portal.questions",
    "portal.schedule",
    "news",
    "indexes",
    "portal.legal",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    "portal.caching.pages.PageCacheMiddleware",  # first: it keeps pages with every header added below
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out sign-in into the login form with a 429
    "portal.caching.routing.CachedRoutingMiddleware",  # last: it hands Wagtail the site and route it kept
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.site_chrome.context",
            ],
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL says otherwise
# (postgres://user:password@host:5432/name in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes or threads write (page-view counters, editors): let writers wait their turn
    # instead of failing, and let readers read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The identity, logo and menus around every page (portal/site_chrome.py), Wagtail's page fragment
# caches in the templates and, in Redis, its image renditions: kept until something is published, or
# at most this long.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)

# Cache: Redis when REDIS_URL is set, otherwise this process's memory.
REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT_MS", 500) / 1000
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, answering as an empty cache while Redis is unreachable
            # (portal/caching/backends.py): a Redis outage costs speed, never pages.
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {
                # A cache answers in a millisecond; waiting longer only delays the page it would speed up.
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        },
        # What is kept under a generation token (routes, the site's chrome, counts, template fragments)
        # never changes under its key: each worker keeps its own copy of what it read, in front of Redis
        # (portal/caching/local.py), so a page costs one round trip for its tokens, not one per key.
        "kept": {
            "BACKEND": "portal.caching.local.LocalFirstCache",
            "LOCATION": "kept",
            "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": env_int("KEPT_LOCAL_ENTRIES", 200)},
        },
    }
    CACHES["template_fragments"] = CACHES["kept"]
    # Wagtail's image renditions, without its write-back of each rendition it has just read.
    CACHES["renditions"] = {
        **CACHES["default"],
        "BACKEND": "portal.caching.renditions.RenditionCache",
        "TIMEOUT": FRAGMENT_CACHE_SECONDS,
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (portal/caching/pages.py): public pages kept for visitors without a session,
# purged whenever something they show is published. On by default with Redis, which all worker
# processes share; in local memory each process keeps its own pages and a publish purges only the
# process that handled it, so there it is off unless set (fine for one process: runserver, tests).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300 if REDIS_URL else 0)
# How many query strings of one address the page cache keeps per publish generation (a page's own
# parameters, such as a listing's page number, in the many spellings a client can send).
PAGE_CACHE_MAX_VARIANTS = env_int("PAGE_CACHE_MAX_VARIANTS", 100)
# How many kept pages each worker also holds in its memory, served while their generation is current
# (the tokens are still read from Redis on every request): at most about 50 KB each.
PAGE_CACHE_WORKER_ENTRIES = env_int("PAGE_CACHE_WORKER_ENTRIES", 100)
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/documents/",
    "/healthz",
    "/tim-kiem/",
    "/en/tim-kiem/",
)

# Sign-in throttling (django-axes, portal/login_lockouts.py): after LOGIN_FAILURE_LIMIT wrong passwords
# for one user name from one address, that user name is locked from that address for
# LOGIN_LOCKOUT_MINUTES (0: until someone who may change users unlocks it in the admin). Attempts are
# kept in the database, so every worker process sees them. A LOGIN_FAILURE_LIMIT of 0 turns it off.
# AxesBackend refuses a locked user name before any password is read (and reads sessions as ModelBackend
# does); ModelBackend then checks the password.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
AXES_ENABLED = LOGIN_FAILURE_LIMIT > 0
AXES_FAILURE_LIMIT = max(LOGIN_FAILURE_LIMIT, 1)
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES) if LOGIN_LOCKOUT_MINUTES > 0 else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address as the visitor counter reads it: REMOTE_ADDR, or X-Forwarded-For behind TRUSTED_PROXY_COUNT.
AXES_CLIENT_IP_CALLABLE = "portal.login_lockouts.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.login_lockouts.lockout_response"
AXES_RESET_ON_SUCCESS = True  # a user who mistypes a few times and then signs in starts again from zero
AXES_DISABLE_ACCESS_LOG = True  # no record of successful sign-ins (addresses, browsers) is needed
AXES_HTTP_RESPONSE_CODE = 429

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Vietnamese first, at unprefixed URLs; English second, under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The portal's own strings, then its Vietnamese for Wagtail's admin (which takes precedence over
# Wagtail's own, sparse, Vietnamese catalogue). `make messages` refreshes only the first.
LOCALE_PATHS = [BASE_DIR / "portal" / "locale", BASE_DIR / "portal" / "locale_wagtail"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files are served by WhiteNoise from STATIC_ROOT (collectstatic) in production, with the public
# pages' security headers (WhiteNoise answers before the middleware that adds them).
STATIC_URL = "/static/"


def WHITENOISE_ADD_HEADERS_FUNCTION(headers, path, url):
    """The security headers of public pages on static files (imported late: settings load first)."""
    from portal.middleware import static_file_headers

    static_file_headers(headers, path, url)


STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Media: local disk by default; MEDIA_STORAGE=s3 stores uploads in an S3-compatible bucket.
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if MEDIA_STORAGE == "s3":
    # django-storages reads the AWS_* settings below; install it with `pip install django-storages[s3]`.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
# Serve uploaded media from Django itself (the embedded setup); production puts them behind a CDN.
SERVE_MEDIA = env_bool("SERVE_MEDIA", MEDIA_STORAGE == "local")

# Uploads: refuse oversized files and decompression bombs before they are decoded.
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 10)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_UPLOAD_MB * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILDOCS_MAX_UPLOAD_SIZE = MAX_UPLOAD_MB * 1024 * 1024
# Documents reach readers only through Wagtail's view (/documents/<id>/<file>): as attachments, under a
# strict policy, behind collection restrictions; never from MEDIA_URL (portal/uploads.py), nor a redirect
# to the storage (S3 included).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "pdf", "rtf", "txt", "xls", "xlsx", "zip"]
DATA_UPLOAD_MAX_MEMORY_SIZE = WAGTAILIMAGES_MAX_UPLOAD_SIZE
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# New pages get addresses without diacritics, in the editor as the title is typed and on the server
# (portal.admin_forms.PortalPageForm); existing pages keep theirs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_forms.PortalLoginForm"
WAGTAIL_MODERATION_ENABLED = True
# Draftail, with malformed input made a form error instead of a server error (portal/rich_text.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "portal.rich_text.CheckedDraftailRichTextArea"}}
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True

# Search: Wagtail's database backend (SQLite FTS5, PostgreSQL full text) unless SEARCH_URL names an
# Elasticsearch or OpenSearch server; SEARCH_BACKEND picks which (elasticsearch or opensearch).
SEARCH_URL = env_str("SEARCH_URL")
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "elasticsearch")
SEARCH_BACKENDS_BY_NAME = {
    "elasticsearch": "wagtail.search.backends.elasticsearch9",
    "opensearch": "wagtail.search.backends.opensearch3",
}
if SEARCH_URL:
    if SEARCH_BACKEND not in SEARCH_BACKENDS_BY_NAME:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {sorted(SEARCH_BACKENDS_BY_NAME)}; got {SEARCH_BACKEND!r}"
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKENDS_BY_NAME[SEARCH_BACKEND],
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": env_str("SEARCH_INDEX_PREFIX", "portal_"),
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 5),
            # One attempt within SEARCH_TIMEOUT: a failing server is reported at once
            # (portal/search/availability.py) rather than tried again while the reader waits.
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            # update_index builds a new index and moves the alias to it when done: search never stops.
            "ATOMIC_REBUILD": True,
            # The portal folds diacritics itself (portal/transliteration.py); this folds what it indexes as
            # typed too, for fields it does not fold.
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {
                        "analysis": {
                            "analyzer": {
                                "default": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
                            }
                        }
                    }
                }
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Vietnamese has no stemmer; "simple" keeps words whole instead of stemming them as English.
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "simple"
# Searches a client may run per minute, each in its own bucket: the search page, the search API and
# the suggestions shown while typing (a request per key stroke, so more generous); 0 turns one off.
SEARCH_RATE_PER_MINUTE = env_int("SEARCH_RATE_PER_MINUTE", 60)
SEARCH_API_RATE_PER_MINUTE = env_int("SEARCH_API_RATE_PER_MINUTE", 60)
SEARCH_SUGGEST_RATE_PER_MINUTE = env_int("SEARCH_SUGGEST_RATE_PER_MINUTE", 300)
# After the search server fails, searches answer 503 at once for this long, then try it again.
SEARCH_RETRY_SECONDS = env_int("SEARCH_RETRY_SECONDS", 15)
# Above this many matching articles, relevance gives way to date (ranking them all is slow and says little)
# and counting stops: the search says “more than 2,000 results” (counting them all is as slow).
SEARCH_RANK_LIMIT = env_int("SEARCH_RANK_LIMIT", 2000)

# Security headers for every response; production.py adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin reads the token from the cookie in its scripts.
PERMISSIONS_POLICY = {
    "camera": [],
    "geolocation": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# Content-Security-Policy (django-csp). Public pages allow only this site's scripts and styles; the
# admin gets the relaxations Wagtail's editor needs, added by portal.middleware.PortalCSPMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# No Gravatar in the admin: it would send editors' e-mail hashes to a third party, and the policy
# above blocks its images anyway. Wagtail shows its default avatar or the one an editor uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Visitor statistics (portal/visits/)
VISITS_ONLINE_MINUTES = env_int("VISITS_ONLINE_MINUTES", 5)
VISITS_FLUSH_SECONDS = env_int("VISITS_FLUSH_SECONDS", 60)
VISITS_SUMMARY_SECONDS = env_int("VISITS_SUMMARY_SECONDS", 10)  # the box rendered into pages
VISITS_API_CACHE_SECONDS = env_int("VISITS_API_CACHE_SECONDS", 2)  # /api/v1/visits/summary
VISITS_KEY_PREFIX = env_str("VISITS_KEY_PREFIX", "portal:visits")
# The visit counters' Redis: by default the cache's, but better a separate instance with
# maxmemory-policy noeviction, as the cache's evicts keys under memory pressure (the policy is per
# instance, not per database). Empty with no REDIS_URL: the counters live in the database.
VISITS_REDIS_URL = env_str("VISITS_REDIS_URL", REDIS_URL)
# A visitor's views of one page within this many minutes count once (0: every view counts).
VISITS_REPEAT_MINUTES = env_int("VISITS_REPEAT_MINUTES", 30)
# How many reverse proxies in front of the portal append to X-Forwarded-For; 0 trusts none of it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Questions and feedback (portal/questions/): spam defences, limits and how long askers' data is kept.
QUESTIONS_MIN_FILL_SECONDS = env_int("QUESTIONS_MIN_FILL_SECONDS", 3)  # sooner than this is a robot
QUESTIONS_FORM_MAX_AGE_HOURS = env_int("QUESTIONS_FORM_MAX_AGE_HOURS", 24)  # an older form is sent again
QUESTIONS_RATE_PER_HOUR = env_int("QUESTIONS_RATE_PER_HOUR", 5)  # questions one address may send; 0: no limit
QUESTIONS_LOOKUP_RATE_PER_MINUTE = env_int("QUESTIONS_LOOKUP_RATE_PER_MINUTE", 10)  # tracking-code look-ups
QUESTIONS_MAX_CHARACTERS = env_int("QUESTIONS_MAX_CHARACTERS", 5000)  # of a question's text
QUESTIONS_MAX_REQUEST_BYTES = env_int("QUESTIONS_MAX_REQUEST_BYTES", 64 * 1024)  # of the whole form sent
QUESTIONS_PURGE_DAYS = env_int("QUESTIONS_PURGE_DAYS", 90)  # askers' data erased this long after closing

# E-mail alerts of figure events (indexes/alerts.py): how long a confirmation link lasts (and an
# unconfirmed address is kept), and how many subscriptions one address may ask for per hour (0: no limit).
ALERTS_CONFIRM_DAYS = env_int("ALERTS_CONFIRM_DAYS", 7)
ALERTS_RATE_PER_HOUR = env_int("ALERTS_RATE_PER_HOUR", 5)
# The licence the figures are published under, named on each index series' methodology page.
INDEXES_DATA_LICENCE = env_str("INDEXES_DATA_LICENCE", "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)")
INDEXES_DATA_LICENCE_URL = env_str(
    "INDEXES_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.vi"
)

# Reverse proxies: trust X-Forwarded-Proto only when told the proxy sets it.
if env_bool("TRUST_PROXY_HEADERS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail 8 runs search-index and reference-index updates as tasks; their chatter is noise.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # django-axes: each failed sign-in and lockout is a warning; its start-up banner is noise.
        "axes": {"level": "WARNING"},
    },
}

# Background tasks (django-tasks): e-mails to citizens and journalists leave the request that asked for
# them and are sent by a worker. Wagtail's own tasks keep running inline ("default"); the portal's go
# to "background": a table in the database by default (run `manage.py db_worker`), or Redis through
# RQ with TASKS_BACKEND=rq (run `manage.py rqworker default`; TASKS_REDIS_URL, else REDIS_URL).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
TASKS_BACKENDS_BY_NAME = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS_BY_NAME:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {sorted(TASKS_BACKENDS_BY_NAME)}; got {TASKS_BACKEND!r}"
    )
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": TASKS_BACKENDS_BY_NAME[TASKS_BACKEND]},
}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env_str("TASKS_REDIS_URL") or REDIS_URL or "redis://127.0.0.1:6379/0"}}
