"""WSGI entry point for gunicorn: `gunicorn portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

from portal.hit_counter import HitCounterApp  # noqa: E402 - needs Django set up first
from portal.page_cache import PageCacheApp  # noqa: E402

# Page-view hits, then kept pages, are answered before Django's request handling; the rest reach Django.
application = HitCounterApp(PageCacheApp(django_application))
