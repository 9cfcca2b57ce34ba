"""Units, leaders and the pages that introduce the agency: /gioi-thieu/ (functions and duties), its
organisation and leadership pages, and /lien-he/ (addresses, phones, e-mails, hours, the question form).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import HeadingBlock, NoticeBlock, ParagraphBlock
from portal.models import PortalPage
from portal.site_scoping import SiteScoped, SiteScopedForm, for_site, site_of
from portal.transliteration import ascii_slug


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Office or specialised division")
    AFFILIATED = "affiliated", _("Affiliated public unit")


class Unit(SiteScoped):
    """A unit of the agency (Văn phòng, a phòng chuyên môn, an affiliated centre) and whom to call there."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.OFFICE)
    duties = models.TextField(_("functions and duties"), blank=True)
    head_name = models.CharField(_("head"), max_length=120, blank=True, help_text=_("Name of the head."))
    head_title = models.CharField(
        _("head's title"),
        max_length=120,
        blank=True,
        help_text=_("For example: Trưởng phòng, Chánh Văn phòng."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Only if not at the agency.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    base_form_class = SiteScopedForm
    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("duties"),
        FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_title")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("address"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="unique_unit_name_per_site")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class Leader(SiteScoped):
    """A member of the agency's leadership: who they are, what they are in charge of, how to reach them."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Used in the address of this leader's calendar. Made from the name when left empty."),
    )
    position = models.CharField(_("position"), max_length=120, help_text=_("For example: Giám đốc Sở."))
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portfolio = models.TextField(
        _("in charge of"), blank=True, help_text=_("The fields and units this leader directs.")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_current = models.BooleanField(
        _("in office"),
        default=True,
        help_text=_("Former leaders stay in past schedules but leave the pages."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    base_form_class = SiteScopedForm
    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldPanel("portrait"),
        FieldPanel("portfolio"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("is_current"), FieldPanel("sort_order")]),
        FieldPanel("slug"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self) -> str:
        return f"{self.name} – {self.position}"

    def save(self, *args, **kwargs):
        if not self.slug:
            base = ascii_slug(self.name)[:110] or "lanh-dao"
            slug, number = base, 2
            while Leader.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, number = f"{base}-{number}", number + 1
            self.slug = slug
        super().save(*args, **kwargs)


class AboutBodyBlock(blocks.StreamBlock):
    """What an introduction page says: headings, text and highlighted notices."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()


class AboutPageBase(PortalPage):
    """An introduction page: a lead paragraph and a body written by editors (in Vietnamese)."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = StreamField(AboutBodyBlock(), verbose_name=_("body"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True


class AboutPage(AboutPageBase):
    """/gioi-thieu/: the agency's functions and duties, with its organisation and leadership pages below."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["about.OrganisationPage", "about.LeadershipPage"]
    max_count_per_parent = 1
    template = "about/about_page.html"

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        context["contact_page"] = ContactPage.objects.live().public().first()
        return context


class OrganisationPage(AboutPageBase):
    """The organisation chart: the leadership, then each unit with its head, phone and e-mail."""

    parent_page_types = ["about.AboutPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "about/organisation_page.html"

    class Meta:
        verbose_name = _("organisation page")
        verbose_name_plural = _("organisation pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        units = list(for_site(Unit.objects.all(), site_of(self)))
        context["leaders"] = current_leaders(site_of(self))
        context["unit_groups"] = [
            (label, [unit for unit in units if unit.kind == kind])
            for kind, label in UnitKind.choices
            if any(unit.kind == kind for unit in units)
        ]
        return context


class LeadershipPage(AboutPageBase):
    """The leaders in office: portrait, position, what each is in charge of and how to reach them."""

    parent_page_types = ["about.AboutPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "about/leadership_page.html"

    class Meta:
        verbose_name = _("leadership page")
        verbose_name_plural = _("leadership pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = current_leaders(site_of(self))
        return context


def current_leaders(site):
    """The site's current leaders (and those shared by every site)."""
    return for_site(Leader.objects.filter(is_current=True), site).select_related("portrait")


class ContactPage(PortalPage):
    """/lien-he/: where the agency is, how to call or write to it, when it is open, and the question form."""

    intro = models.TextField(_("introduction"), blank=True)
    address = models.CharField(_("address"), max_length=300)
    working_hours = models.TextField(
        _("working hours"),
        blank=True,
        help_text=_("For example: Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00."),
    )
    map_url = models.URLField(_("map link"), blank=True, help_text=_("A link to the address on a map."))
    body = StreamField(AboutBodyBlock(), verbose_name=_("more information"), blank=True)
    show_question_form = models.BooleanField(
        _("show the question form"),
        default=True,
        help_text=_("Citizens can send a question or feedback from this page."),
    )
    summary_field = "intro"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("map_url"), FieldPanel("working_hours")],
            heading=_("Address and hours"),
        ),
        InlinePanel("lines", heading=_("Phones and e-mails"), label=_("Contact")),
        FieldPanel("body"),
        FieldPanel("show_question_form"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "about/contact_page.html"

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.show_question_form:
            # The form carries a signed, timed token made for this visitor: no shared cache may keep it.
            patch_cache_control(response, private=True, max_age=0)
        return response


class ContactLine(Orderable):
    """One way to reach the agency: a desk or a line, with its phone and e-mail."""

    page = ParentalKey(ContactPage, related_name="lines", on_delete=models.CASCADE)
    label = models.CharField(
        pgettext_lazy("contact desk", "label"),
        max_length=120,
        help_text=_("For example: Văn phòng Sở, Đường dây nóng."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def clean(self):
        super().clean()
        if not (self.phone or self.email):
            raise ValidationError(_("Give a phone number, an e-mail address or both."))
