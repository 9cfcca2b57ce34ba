"""Weeks of the work schedule, their entries, and the /lich-cong-tac/ page.

Entries are read by the public only from published weeks: a week being prepared saves revisions,
and its rows are written when it is published (Wagtail's DraftStateMixin), so nothing public reads a
draft. `adjusted` is set by the admin form (`forms.WorkWeekForm`) on an entry that differs from the
published one, and stays set.
"""

from datetime import time, timedelta

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin

from portal.about.models import Leader
from portal.http import error_response
from portal.models import AgencySettings, PortalPage
from portal.schedule import ical
from portal.schedule.weeks import BadWeek, Week, monday_of, read_week, today
from portal.site_scoping import SiteScoped, for_site, is_hub, own_first, site_of


class Session(models.IntegerChoices):
    MORNING = 1, _("Morning")
    AFTERNOON = 2, _("Afternoon")


# When a session runs, for entries without a time of their own (in the iCalendar feeds).
SESSION_HOURS = {
    Session.MORNING: (time(7, 30), time(11, 30)),
    Session.AFTERNOON: (time(13, 30), time(17, 0)),
}
NOON = time(12, 0)
CALENDAR_HISTORY_DAYS = 366  # how far back the iCalendar feeds go


class WorkWeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class WorkWeek(DraftStateMixin, RevisionMixin, SiteScoped, ClusterableModel):
    """One week of the leaders' schedule, prepared as a draft and then published."""

    week_start = models.DateField(
        _("week starting"),
        help_text=_("Any day of the week: the schedule runs from its Monday to its Sunday."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Shown above the week's schedule."))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="work_week")

    objects = WorkWeekQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        FieldPanel("week_start"),
        FieldPanel("note"),
        InlinePanel("entries", heading=_("Entries"), label=_("Entry"), min_num=0),
    ]

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["site", "week_start"], name="unique_work_week_per_site")
        ]
        verbose_name = _("work schedule week")
        verbose_name_plural = _("work schedule weeks")

    def __str__(self) -> str:
        week = Week.containing(self.week_start)
        return gettext("Week %(number)s: %(start)s – %(end)s") % {
            "number": week.number,
            "start": formats.date_format(week.start, "d/m"),
            "end": formats.date_format(week.end, "d/m/Y"),
        }

    @property
    def revisions(self):
        return self._revisions

    @property
    def week(self) -> Week:
        return Week.containing(self.week_start)

    def save(self, *args, **kwargs):
        self.week_start = monday_of(self.week_start)
        super().save(*args, **kwargs)


class ScheduleEntry(Orderable):
    """One item of the schedule: a day and session, a time, what happens, who chairs, who attends, where."""

    week = ParentalKey(WorkWeek, related_name="entries", on_delete=models.CASCADE)
    day = models.DateField(_("day"))
    session = models.PositiveSmallIntegerField(_("session"), choices=Session.choices, default=Session.MORNING)
    start_time = models.TimeField(
        _("time"), null=True, blank=True, help_text=_("Leave empty for the whole session.")
    )
    end_time = models.TimeField(_("until"), null=True, blank=True)
    content = models.TextField(_("content"))
    chair = models.ForeignKey(
        "about.Leader",
        verbose_name=_("chaired by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_entries",
        help_text=_("A leader of the agency; the entry then appears in their calendar."),
    )
    chair_other = models.CharField(
        _("chaired by (someone else)"),
        max_length=200,
        blank=True,
        help_text=_("Someone from outside the agency, for example: Phó Chủ tịch UBND tỉnh."),
    )
    attendees = models.TextField(_("attended by"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    preparing_unit = models.CharField(_("prepared by"), max_length=300, blank=True)
    adjusted = models.BooleanField(_("adjusted"), default=False, editable=False)

    panels = [
        FieldRowPanel(
            [FieldPanel("day"), FieldPanel("session"), FieldPanel("start_time"), FieldPanel("end_time")]
        ),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("chair"), FieldPanel("chair_other")]),
        FieldPanel("attendees"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("preparing_unit")]),
    ]

    # What makes an entry "the same" as the published one: any change to these marks it adjusted.
    COMPARED_FIELDS = (
        "day",
        "session",
        "start_time",
        "end_time",
        "content",
        "chair_id",
        "chair_other",
        "attendees",
        "place",
        "preparing_unit",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} – {self.content[:60]}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.session:
            in_morning = self.start_time < NOON
            if in_morning != (self.session == Session.MORNING):
                errors["session"] = gettext("%(time)s is in the %(session)s.") % {
                    "time": self.start_time.strftime("%H:%M"),
                    "session": (Session.MORNING if in_morning else Session.AFTERNOON).label.lower(),
                }
        if self.end_time and not self.start_time:
            errors["start_time"] = gettext("Give the starting time too.")
        elif self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = gettext("The entry must end after it starts.")
        if errors:
            raise ValidationError(errors)

    def signature(self) -> tuple:
        return tuple(getattr(self, name) for name in self.COMPARED_FIELDS)

    @property
    def chaired_by(self) -> str:
        if self.chair_id and self.chair:
            return f"{self.chair.name} – {self.chair.position}"
        return self.chair_other

    @property
    def hours(self) -> tuple[time, time | None]:
        """When it starts and ends: its own times, or its session's."""
        if self.start_time:
            return self.start_time, self.end_time
        return SESSION_HOURS[self.session]


def published_entries():
    """Entries of published weeks, in the order of a day: session, then time, then the editors' order."""
    return (
        ScheduleEntry.objects.filter(week__live=True)
        .select_related("chair")
        .order_by("day", "session", models.F("start_time").asc(nulls_first=True), "sort_order", "pk")
    )


class SchedulePage(RoutablePageMixin, PortalPage):
    """/lich-cong-tac/: a week of the schedule (the current one unless asked), its print view and feeds."""

    intro = models.TextField(_("introduction"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "schedule/schedule_page.html"

    class Meta:
        verbose_name = _("work schedule page")
        verbose_name_plural = _("work schedule pages")

    @path("")
    def week_view(self, request):
        return self.render_week(request, "schedule/schedule_page.html")

    @path("ban-in/", name="print")
    def print_view(self, request):
        return self.render_week(request, "schedule/schedule_print.html")

    @path("ical/", name="feed")
    def feed(self, request):
        return self.calendar(request, leader=None)

    @path("ical/<slug:slug>/", name="leader_feed")
    def leader_feed(self, request, slug):
        leader = for_site(Leader.objects.filter(slug=slug), site_of(self)).first()
        if leader is None:
            return error_response(request, gettext("There is no leader “%(slug)s”.") % {"slug": slug}, 404)
        return self.calendar(request, leader=leader)

    def calendar(self, request, *, leader) -> HttpResponse:
        """The iCalendar feed of published weeks, from a year back: all of it, or what a leader chairs."""
        entries = published_entries().filter(day__gte=today() - timedelta(days=CALENDAR_HISTORY_DAYS))
        site = site_of(self)
        if site is not None and not is_hub(site):
            entries = entries.filter(Q(week__site=site) | Q(week__site__isnull=True))
        if leader is not None:
            entries = entries.filter(chair=leader)
        agency = AgencySettings.for_request(request)
        name = f"{self.title} – {agency.agency_name}" if agency.agency_name else self.title
        return ical.response(
            entries.select_related("week"),
            name=f"{name} – {leader.name}" if leader else name,
            host=site.hostname if site else request.get_host().split(":")[0],
            filename=f"lich-cong-tac-{leader.slug}.ics" if leader else "lich-cong-tac.ics",
        )

    def render_week(self, request, template: str) -> HttpResponse:
        try:
            week, asked = read_week(request.GET)
        except BadWeek as problem:
            return error_response(request, str(problem), 400)
        published = own_first(
            for_site(WorkWeek.objects.published().filter(week_start=week.start), site_of(self))
        ).first()
        entries = list(published_entries().filter(week=published)) if published else []
        by_day = []
        for day in week.days:
            todays = [entry for entry in entries if entry.day == day]
            sessions = [
                (label, [entry for entry in todays if entry.session == value])
                for value, label in Session.choices
            ]
            by_day.append((day, [(label, items) for label, items in sessions if items]))
        base = self.get_url(request)
        recent = list(
            for_site(WorkWeek.objects.published(), site_of(self))
            .order_by("-week_start")
            .values_list("week_start", flat=True)
            .distinct()[:8]
        )
        return self.render(
            request,
            template=template,
            context_overrides={
                "week": week,
                "work_week": published,
                "days": by_day,
                "has_entries": bool(entries),
                "today": today(),
                "is_current_week": week == Week.containing(today()),
                "previous_url": f"{base}?tuan={week.previous().key}",
                "next_url": f"{base}?tuan={week.next().key}",
                "current_url": base,
                "print_url": f"{base}{self.reverse_subpage('print').lstrip('/')}?tuan={week.key}",
                "week_url": f"{base}?tuan={week.key}",
                "week_full_url": f"{self.get_full_url(request)}?tuan={week.key}",
                # A week asked for (by week or by date) is named by its week; the current week by the page.
                "canonical_url": self.lazy_canonical_url(request, [("tuan", week.key)] if asked else []),
                "recent_weeks": [Week(start) for start in recent],
                "leaders": for_site(Leader.objects.filter(is_current=True), site_of(self)),
                "ical_url": f"{base}{self.reverse_subpage('feed').lstrip('/')}",
                "base_url": base,
            },
        )
