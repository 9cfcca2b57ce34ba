"""URLs: admin and service endpoints first, then Wagtail's pages in Vietnamese (/) and English (/en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import sitemaps, uploads, views
from portal.api import api
from portal.search import views as search_views
from portal.visits import views as visit_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_file, name="sitemap_file"),
    path("api/v1/visits/hit", visit_views.hit, name="visit_hit"),
    path("api/v1/", api.urls),
]

if settings.SERVE_MEDIA:
    # Images only: documents go through /documents/ (portal/uploads.py).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", uploads.serve_media))

urlpatterns += i18n_patterns(
    path("thong-ke-truy-cap/", visit_views.statistics, name="statistics"),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("hoi-dap/", include("portal.questions.urls")),
    path("nhan-tin/", include("indexes.alert_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
