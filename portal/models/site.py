"""The site shell: the abstract base page, the home page and the site-wide settings."""

from urllib.parse import urlencode

from django.db import models
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal.admin_forms import PortalPageForm
from portal.blocks import HomeBodyBlock, NavigationLinkBlock
from portal.caching.restrictions import any_restriction


class PortalPage(Page):
    """Fields every public page carries for search engines and social sharing."""

    # ASCII addresses for new pages, and a slug clash that names the other page.
    base_form_class = PortalPageForm

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on Facebook or Zalo. At least 1200×630 pixels."),
    )
    social_text = models.CharField(
        _("social text"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the title when the page is shared. Defaults to the search description."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("social_image"), FieldPanel("social_text")],
            heading=_("Social sharing"),
        ),
    ]

    # The field that sums the page up (an introduction, a lead): the description when editors wrote none.
    summary_field = ""
    # Foreign keys the page's own template shows, read with the page when its route is kept
    # (`portal.caching.routing.cached_route`): one query fewer on a view whose fragments are drawn again.
    route_select_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's restrictions for this page, without a query when no page is restricted."""
        if not any_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_meta_description(self) -> str:
        """The description for search engines and link previews."""
        summary = getattr(self, self.summary_field, "") if self.summary_field else ""
        return self.search_description or self.social_text or summary

    def get_social_text(self) -> str:
        """The text under the title in a link preview."""
        return self.social_text or self.search_description

    def canonical_url(self, request, query=()) -> str:
        """The address of the view the request asked for, for `<link rel=canonical>` and `og:url`.

        A routable page's sub-view (a category, an edition, an agency) is its own address, not the
        page's: the request's path below the page, on the site's root URL. Of the query string only
        `query` is kept, the (name, value) pairs that choose what the view shows (a page number, a
        filter), so tracking and unknown parameters never make a second address for the same view.
        """
        parts = self.get_url_parts(request)
        if parts is None:
            return self.full_url
        _site_id, root_url, page_path = parts
        path = request.path if request.path.startswith(page_path) else page_path
        url = root_url + escape_uri_path(path)
        return f"{url}?{urlencode(list(query))}" if query else url

    def lazy_canonical_url(self, request, query=()):
        """`canonical_url`, worked out only if the page's meta tags are rendered (not from a fragment cache)."""
        return SimpleLazyObject(lambda: self.canonical_url(request, query))


class HomePage(PortalPage):
    """The portal's front page; later sections (news, indexes, statistics) add to its context."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the portal's name."),
    )
    body = StreamField(HomeBodyBlock(), verbose_name=_("sections"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "indexes.IndexesPage",
        "legal.LegalLibraryPage",
        "about.AboutPage",
        "about.ContactPage",
        "questions.QuestionsPage",
        "schedule.SchedulePage",
    ]
    # One home page per site: a province runs a site for each department and a hub on one install.

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


@register_setting(icon="site")
class AgencySettings(BaseSiteSetting):
    """Who runs the portal: shown in the header and the footer of every page.

    `agency` ties the site to the agency the reform-index figures rank (its score card, its row
    highlighted in the rankings, its service counts); `is_hub` marks the province's own site, which
    lists every department's news and searches every site.
    """

    agency_name = models.CharField(_("agency name"), max_length=200)
    # A string reference: the platform does not import the figures' app (see pyproject's layers).
    agency = models.ForeignKey(
        "indexes.Agency",
        verbose_name=_("agency in the figures"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The agency whose reform-index results this site shows as its own."),
    )
    is_hub = models.BooleanField(
        _("provincial hub"),
        default=False,
        help_text=_("The province's site: it lists every department's news and searches every site."),
    )
    portal_name = models.CharField(
        _("portal name"),
        max_length=200,
        blank=True,
        help_text=_("For example: Cổng thông tin điện tử Sở Khoa học và Công nghệ."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=200,
        blank=True,
        help_text=_("Name and position, as the law asks portals to show."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    operator = models.CharField(
        _("operated by"),
        max_length=200,
        blank=True,
        help_text=_("The unit that runs the portal day to day, if not the agency itself."),
    )
    source_note = models.CharField(
        _("cite-the-source note"),
        max_length=300,
        blank=True,
        help_text=_("Asks readers to cite the portal when they reuse its information."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("agency"),
                FieldPanel("is_hub"),
                FieldPanel("portal_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_person"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("operator"),
                FieldPanel("source_note"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("agency identity")
        verbose_name_plural = _("agency identity")

    def __str__(self) -> str:
        return self.agency_name

    @property
    def display_name(self) -> str:
        """The name in the header: the portal's own name when set, else the agency's."""
        return self.portal_name or self.agency_name


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu in the header and the links in the footer."""

    main_menu = StreamField([("link", NavigationLinkBlock())], verbose_name=_("main menu"), blank=True)
    footer_links = StreamField([("link", NavigationLinkBlock())], verbose_name=_("footer links"), blank=True)

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")
