"""Visitor statistics: daily totals, page views per page and day, and the hits not yet added up.

One install serves a site for each department and the province's hub: `VisitDay` holds the whole
install's days (the province's figures, which the hub shows), `SiteVisitDay` each site's. A visitor who
reads two departments' sites on one day is one visit on each and one visit in the province.

Nothing here identifies a person: a visitor is a keyed hash of the day's secret with the address and
user agent, the secret is deleted when the day ends, and no address or user agent is stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class VisitDay(models.Model):
    """One day's visits (distinct visitors) and page views, in Vietnam time."""

    day = models.DateField(_("day"), primary_key=True)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    page_views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("day of visits")
        verbose_name_plural = _("days of visits")

    def __str__(self) -> str:
        return f"{self.day}: {self.visits} visits, {self.page_views} page views"


class SiteVisitDay(models.Model):
    """One site's visits (its distinct visitors) and page views on a day, in Vietnam time."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="visit_days")
    day = models.DateField(_("day"))
    visits = models.PositiveIntegerField(_("visits"), default=0)
    page_views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="unique_site_visit_day")]
        verbose_name = _("day of a site's visits")
        verbose_name_plural = _("days of a site's visits")

    def __str__(self) -> str:
        return f"{self.day} (site {self.site_id}): {self.visits} visits, {self.page_views} page views"


class PageViewDay(models.Model):
    """How often a page was viewed on a day: for its view count and the most-read lists."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="unique_page_view_day")]
        indexes = [models.Index(fields=["day", "page"])]

    def __str__(self) -> str:
        return f"{self.day}: page {self.page_id}, {self.views} views"


class DailyVisitor(models.Model):
    """The visitor hashes seen today, so that each is counted once; deleted when the day is over."""

    day = models.DateField()
    visitor = models.CharField(max_length=32)
    # The site the visitor was seen on, or 0 for the whole install (the province's count of visitors).
    scope = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "scope", "visitor"], name="unique_daily_visitor_in_scope")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.visitor}"


class PendingHit(models.Model):
    """A page view not yet added to the totals (the database store; Redis keeps these when configured).

    Writing a hit is one INSERT, so concurrent page views never wait on each other's row locks.
    A flush claims rows by stamping its batch on them, adds them up, and keeps them for the
    online-now window before deleting them.
    """

    created_at = models.DateTimeField(db_index=True)
    day = models.DateField()
    page_id = models.PositiveIntegerField(null=True)
    # The site whose host the hit came to (None: recorded before sites were counted apart).
    site_id = models.PositiveIntegerField(null=True)
    visitor = models.CharField(max_length=32)
    batch = models.CharField(max_length=32, blank=True, default="", db_index=True)

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} page {self.page_id}"


class VisitSecret(models.Model):
    """The key that makes today's visitor hashes; deleted after the day, so they cannot be linked."""

    day = models.DateField(primary_key=True)
    secret = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


@register_setting(icon="view")
class VisitorSettings(BaseGenericSetting):
    """Totals carried over from the agency's previous portal, added to what this portal counts."""

    historic_visits = models.PositiveBigIntegerField(
        _("visits before this portal"),
        default=0,
        help_text=_("The total visits the previous portal showed when it was replaced."),
    )
    historic_page_views = models.PositiveBigIntegerField(
        _("page views before this portal"),
        default=0,
        help_text=_("The total page views the previous portal showed when it was replaced."),
    )

    panels = [FieldPanel("historic_visits"), FieldPanel("historic_page_views")]

    class Meta:
        verbose_name = _("visitor statistics")
        verbose_name_plural = _("visitor statistics")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
