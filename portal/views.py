"""Views of the site shell that are not Wagtail pages."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Report whether the portal can serve pages: 200 when the database answers, 503 when not.

    The cache is reported too, but a cache outage alone does not fail the check: pages still render.
    """
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", 5)
        if cache.get("healthz") != "ok":
            checks["cache"] = "unavailable"
    except Exception as error:  # noqa: BLE001 - any cache client error means "unavailable"
        logger.warning("Health check: cache unavailable: %s", error)
        checks["cache"] = "unavailable"
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "unavailable", **checks}, status=status)


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
