"""Production settings: HTTPS only, secrets and hosts required, static files from collectstatic.

The process refuses to start when a required variable is missing, rather than running insecurely.
"""

from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import *  # noqa: F403
from portal.settings.environment import env_bool, env_int, env_list, env_required

SECRET_KEY = env_required("SECRET_KEY")
env_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
env_required("DATABASE_URL")  # production never falls back to the SQLite file
DEBUG = env_bool("DEBUG", False)
if PAGE_CACHE_SECONDS and not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "PAGE_CACHE_SECONDS needs REDIS_URL in production: in local memory each worker process keeps "
        "its own pages and publishing would purge only one of them. Set REDIS_URL, or PAGE_CACHE_SECONDS=0."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")  # noqa: F405
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL
