"""WSGI entry point for gunicorn: `gunicorn portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

from portal.caching.pages import PageCacheApp  # noqa: E402
from portal.visits.wsgi import HitCounterApp  # noqa: E402 - needs Django set up first

# Page-view hits, then kept pages, are answered before Django's request handling; the rest reach Django.
application = HitCounterApp(PageCacheApp(django_application))
