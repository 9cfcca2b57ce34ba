"""The public face of the figures: one routable page with editions, agencies and comparisons.

    /chi-so-cai-cach-hanh-chinh/                         published editions, newest first
    /chi-so-cai-cach-hanh-chinh/<edition>/               an edition's ranking (?loai=, ?xep-loai=, ?sap-xep=)
    /chi-so-cai-cach-hanh-chinh/co-quan/                 every agency with published figures
    /chi-so-cai-cach-hanh-chinh/co-quan/<agency>/        an agency across editions, its services, its news
    /chi-so-cai-cach-hanh-chinh/so-sanh/?co-quan=a&co-quan=b[&ky=<edition>]

Every view's tables download as …/tai-ve/<table>/<csv|xlsx|json>/ and its charts as
…/bieu-do/<chart>/svg/, with the same query string, so a permalink keeps the reader's choices.
Only published editions and service counts are ever read.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from indexes.models.figures import Agency, IndexEdition
from portal.http import error_response
from portal.models import PortalPage


class IndexesPage(RoutablePageMixin, PortalPage):
    """The reform-index section: editions, agency profiles, comparisons, downloads."""

    intro = models.TextField(_("introduction"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("reform-index section")
        verbose_name_plural = _("reform-index sections")

    # Routes ---------------------------------------------------------------------------------

    @path("")
    def overview(self, request):
        return self.respond(request, "overview_view")

    @path("co-quan/", name="agencies")
    def agencies(self, request):
        return self.respond(request, "agencies_view")

    @path("thay-doi/atom/", name="events_feed")
    @path("co-quan/<slug:slug>/thay-doi/atom/", name="agency_events_feed")
    def events_feed(self, request, slug=None):
        """The Atom feed of figure events (`indexes.feeds`), of the section or of one agency."""
        from indexes import views

        return views.events_feed(self, request, slug)

    @path("phuong-phap/<slug:slug>/", name="methodology")
    def methodology(self, request, slug):
        return self.respond(request, "methodology_view", slug)

    @path("co-quan/<slug:slug>/", name="agency")
    @path("co-quan/<slug:slug>/tai-ve/<slug:table>/<slug:fmt>/", name="agency_download")
    @path("co-quan/<slug:slug>/bieu-do/<slug:chart>/svg/", name="agency_chart")
    @path("co-quan/<slug:slug>/nhung/<slug:embed>/", name="agency_embed")
    def agency(self, request, slug, table=None, fmt=None, chart=None, embed=None):
        return self.respond(request, "agency_view", slug, table=table, fmt=fmt, chart=chart, embed=embed)

    @path("so-sanh/", name="comparison")
    @path("so-sanh/tai-ve/<slug:table>/<slug:fmt>/", name="comparison_download")
    @path("so-sanh/bieu-do/<slug:chart>/svg/", name="comparison_chart")
    @path("so-sanh/nhung/<slug:embed>/", name="comparison_embed")
    def comparison(self, request, table=None, fmt=None, chart=None, embed=None):
        return self.respond(request, "comparison_view", table=table, fmt=fmt, chart=chart, embed=embed)

    @path("<slug:slug>/", name="edition")
    @path("<slug:slug>/tai-ve/<slug:table>/<slug:fmt>/", name="edition_download")
    @path("<slug:slug>/bieu-do/<slug:chart>/svg/", name="edition_chart")
    @path("<slug:slug>/nhung/<slug:embed>/", name="edition_embed")
    def edition(self, request, slug, table=None, fmt=None, chart=None, embed=None):
        return self.respond(request, "edition_view", slug, table=table, fmt=fmt, chart=chart, embed=embed)

    # Rendering --------------------------------------------------------------------------------

    def respond(self, request, builder: str, *args, table=None, fmt=None, chart=None, embed=None):
        """Build what a route presents (`indexes.views.<builder>`), then render it or hand out a table or chart."""
        # Imported when a request comes, not with this module: Django loads the models first, and the
        # views read them, so importing the views here at load time would close an import cycle.
        from indexes import views

        # The data pages are kept per publish generation (`views.kept_key`).
        key = views.kept_key(builder, request, args)

        def build():
            return getattr(views, builder)(self, request, *args)

        as_page = table is None and chart is None and embed is None
        try:
            found = views.kept_page(key, build, request) if as_page else views.kept_presentation(key, build)
        except views.BadParameter as problem:
            return error_response(request, str(problem), 400)
        if found is None:
            return error_response(request, gettext("There are no published figures at this address."), 404)
        if table is not None:
            return found.table_response(request, table, fmt)
        if chart is not None:
            return found.chart_response(request, chart)
        if embed is not None:
            return found.embed_response(request, embed)
        template, page_context, canonical_query = found
        context = {
            **page_context,
            "canonical_url": self.lazy_canonical_url(request, canonical_query),
            **views.fragment_context(key),
        }
        return self.render(request, template=template, context_overrides=context)

    # Links and the sitemap ----------------------------------------------------------------------

    def edition_url(self, edition: IndexEdition, request=None, current_site=None) -> str:
        """The address of an edition's ranking in this section (relative on the request's or the given
        site, as Wagtail's `get_url`)."""
        return self.get_url(request, current_site) + self.reverse_subpage("edition", args=[edition.slug])

    def agency_url(self, agency: Agency, request=None, current_site=None) -> str:
        """The address of an agency's page in this section (relative on the request's or the given
        site, as Wagtail's `get_url`)."""
        return self.get_url(request, current_site) + self.reverse_subpage("agency", args=[agency.slug])

    def get_sitemap_urls(self, request=None):
        """The section, each published edition and each agency with published figures."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        urls += [
            {"location": base + self.reverse_subpage("edition", args=[slug]).lstrip("/")}
            for slug in IndexEdition.objects.published().values_list("slug", flat=True)
        ]
        urls += [
            {"location": base + self.reverse_subpage("agency", args=[agency.slug]).lstrip("/")}
            for agency in Agency.objects.with_published_figures().only("slug")
        ]
        return urls
