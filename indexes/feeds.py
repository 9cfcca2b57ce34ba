"""An Atom feed of what changed in the figures: editions published, results corrected, service counts
and procedure lists published. One for the whole section (`…/thay-doi/atom/`) and one per agency
(`…/co-quan/<agency>/thay-doi/atom/`); the data pages link to them.

Only published figures make events. An event's date is when it became public: an edition's and a
service count's first publication (else its decision's or reference date), a correction's own time.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext

from indexes import formatting
from indexes.models.figures import (
    Agency,
    Correction,
    IndexEdition,
    ProcedureLevel,
    ProcedureList,
    ServiceCount,
)

FEED_LENGTH = 50


@dataclass(frozen=True)
class FigureEvent:
    """One thing that changed in the published figures."""

    key: str  # stable and unique: the entry's id
    kind: str  # edition, correction, services
    title: str
    summary: str
    url: str
    when: datetime.datetime


def _moment(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def figure_events(section, agency: Agency | None = None, *, limit: int = FEED_LENGTH) -> list[FigureEvent]:
    """The newest events of the section (or of one agency), newest first, in three queries."""
    events = []
    editions = IndexEdition.objects.published().select_related("series")
    if agency is not None:
        editions = editions.filter(results__agency=agency).distinct()
    for edition in editions.order_by("-first_published_at", "-pk")[:limit]:
        when = edition.first_published_at or _moment(edition.decision_date)
        if when is None:
            continue
        decision = edition.decision_number or ""
        events.append(
            FigureEvent(
                key=f"edition-{edition.pk}",
                kind="edition",
                title=gettext("Published: %(edition)s") % {"edition": edition.title},
                summary=gettext("%(edition)s (%(series)s) was published. %(decision)s")
                % {"edition": edition.title, "series": edition.series, "decision": decision},
                url=section.edition_url(edition),
                when=when,
            )
        )
    corrections = Correction.objects.filter(result__edition__live=True).select_related(
        "result__agency", "result__edition"
    )
    if agency is not None:
        corrections = corrections.filter(result__agency=agency)
    for correction in corrections.order_by("-corrected_at", "-pk")[:limit]:
        result = correction.result
        changes = "; ".join(
            f"{capfirst(figure)}: {formatting.points(before)} → {formatting.points(after)}"
            for figure, before, after in correction.readable_changes()
        )
        events.append(
            FigureEvent(
                key=f"correction-{correction.pk}",
                kind="correction",
                title=gettext("Corrected: %(agency)s in %(edition)s")
                % {"agency": result.agency.name, "edition": result.edition.title},
                summary=changes,
                url=section.edition_url(result.edition),
                when=correction.corrected_at,
            )
        )
    counts = ServiceCount.objects.published().select_related("agency")
    if agency is not None:
        counts = counts.filter(agency=agency)
    for count in counts.order_by("-first_published_at", "-as_of", "-pk")[:limit]:
        online = count.online
        summary = gettext("%(online)s of %(total)s procedures online") % {
            "online": "–" if online is None else online,
            "total": count.total_procedures,
        }
        if count.online_share is not None:
            summary += f" ({formatting.points(count.online_share)} %)"
        events.append(
            FigureEvent(
                key=f"services-{count.pk}",
                kind="services",
                title=gettext("Online services of %(agency)s, %(period)s")
                % {
                    "agency": count.agency.name,
                    "period": count.period_label or count.as_of.strftime("%d/%m/%Y"),
                },
                summary=summary + ".",
                url=section.agency_url(count.agency),
                when=count.first_published_at or _moment(count.as_of),
            )
        )
    lists = ProcedureList.objects.published().select_related("agency")
    if agency is not None:
        lists = lists.filter(agency=agency)
    lists = lists.annotate(
        total=Count("procedures"),
        online=Count(
            "procedures", filter=Q(procedures__level__in=[ProcedureLevel.FULL, ProcedureLevel.PARTIAL])
        ),
    )
    for procedure_list in lists.order_by("-last_published_at", "-pk")[:limit]:
        when = procedure_list.last_published_at or _moment(procedure_list.as_of)
        events.append(
            FigureEvent(
                # One entry per list: published again (a new list imported), the entry is updated.
                key=f"procedures-{procedure_list.pk}",
                kind="procedures",
                title=gettext("Procedure list of %(agency)s, as of %(date)s")
                % {"agency": procedure_list.agency.name, "date": procedure_list.as_of.strftime("%d/%m/%Y")},
                summary=gettext("%(online)s of %(total)s procedures online")
                % {"online": procedure_list.online, "total": procedure_list.total}
                + ".",
                url=section.agency_url(procedure_list.agency),
                when=when,
            )
        )
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]


class FigureEventsFeed(Feed):
    """The Atom feed of figure events of a section, or of one of its agencies."""

    feed_type = Atom1Feed

    def __init__(self, section, agency: Agency | None = None):
        super().__init__()
        self.section = section
        self.agency = agency

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.agency

    def title(self, agency):
        if agency is not None:
            return gettext("Changes in the figures of %(agency)s") % {"agency": agency.name}
        return gettext("Changes in the figures: %(section)s") % {"section": self.section.title}

    def link(self, agency):
        return self.section.agency_url(agency) if agency is not None else self.section.url

    def subtitle(self, agency):
        return gettext(
            "Editions published, results corrected, online-service counts and procedure lists published."
        )

    def items(self, agency):
        return figure_events(self.section, agency)

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return event.summary

    def item_link(self, event):
        return event.url

    def item_guid(self, event):
        return self.request.build_absolute_uri(f"{self.section.url}#{event.key}")

    def item_pubdate(self, event):
        return event.when

    def item_updateddate(self, event):
        return event.when

    def item_categories(self, event):
        return [event.kind]
