"""Views of the site shell that are not Wagtail pages."""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from portal.caching.backends import is_degraded

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Whether the portal serves pages, for the load balancer: 200 when it does, 503 when it does not.

    It checks the database, the cache and, last, that the site's home page really renders (from the
    database when the cache is gone). A cache outage alone costs speed, not pages: the answer is then
    200 with `"status": "degraded"` and `"cache": "unavailable"`, so monitoring sees it while the load
    balancer keeps sending visitors.
    """
    checks = {"database": database_check(), "cache": cache_check(), "pages": "not checked"}
    if checks["database"] == "ok":
        checks["pages"] = pages_check(request)
    serving = checks["database"] == "ok" and checks["pages"] == "ok"
    if not serving:
        status = "unavailable"
    elif checks["cache"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, **checks}, status=200 if serving else 503)


def database_check() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        return "unavailable"
    return "ok"


def cache_check() -> str:
    """Whether the cache keeps what it is given (the resilient Redis cache never raises: it forgets)."""
    token = secrets.token_hex(4)
    try:
        cache.set("healthz", token, 5)
        kept = cache.get("healthz") == token
    except Exception as error:  # noqa: BLE001 - any cache client error means "unavailable"
        logger.warning("Health check: cache unavailable: %s", error)
        kept = False
    return "ok" if kept and not is_degraded() else "unavailable"


def pages_check(request) -> str:
    """Render the home page of the request's site (or the default site) as a visitor would get it."""
    try:
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return "no site"
        response = site.root_page.specific.serve(request)
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return f"home page answered {response.status_code}"
    except Exception:
        logger.exception("Health check: the home page does not render")
        return "failing"
    return "ok"


@require_GET
def robots_txt(request):
    """Let search engines in, keep them out of the admin and search results, and point at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
