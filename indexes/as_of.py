"""Figures as they stood on a day (`?ngay=YYYY-MM-DD`), rebuilt from what the portal keeps.

Two histories say what a reader saw on a given day: each `Correction` of a result holds the figures
before and after it, and each publication of an edition is a revision in Wagtail's log. A view as of a
day takes the edition as last published by the end of that day (Vietnam's time), takes every result
back past the corrections made after it (newest first, each back to its "from"), and ranks them again
in Python the way SQL's RANK() does. An edition first published after that day did not exist yet.

Nothing here writes: the objects handed back are changed in memory only, for one response.
"""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from indexes.models.figures import (
    Agency,
    ClassificationBand,
    ComponentScore,
    Correction,
    IndexEdition,
    ProcedureList,
    Result,
    ServiceCount,
)
from indexes.rankings import RankedResult, Standing, attach_previous, rows_with_standings

PARAMETER = "ngay"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The figures a correction records by these keys; any other key names a component.
RESULT_FIGURES = {"points", "applicable_maximum", "index_value", "self_assessed_points", "published_rank"}


class BadDay(ValueError):
    """`?ngay=` is not a day the figures can be shown as of (malformed, or still to come)."""


def requested_day(request) -> datetime.date | None:
    """The day `?ngay=` asks for, or None for the figures as they stand now."""
    value = request.GET.get(PARAMETER, "")
    if not value:
        return None
    try:
        if not ISO_DAY.match(value):
            raise ValueError(value)
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise BadDay(
            gettext("“%(value)s” is not a date: write it as YYYY-MM-DD, for example 2024-03-15.")
            % {"value": value[:30]}
        ) from None
    if day > timezone.localdate():
        raise BadDay(gettext("%(day)s has not come yet.") % {"day": day.strftime("%d/%m/%Y")})
    return day


def end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def published_by(obj, day: datetime.date) -> bool:
    """Whether an edition or service count was public by the end of `day` (unknown dates count as yes)."""
    first = getattr(obj, "first_published_at", None)
    return first is None or first < end_of(day)


# Editions and procedure lists as last published -------------------------------------------------------


def as_last_published(obj, day: datetime.date):
    """A draftable object (an edition, a procedure list) as its last publication by the end of `day` left
    it; None if it was not yet published then.

    An object published without Wagtail's publish action (a script, the demo) has no revision in the
    log: it is shown as it is.
    """
    if not published_by(obj, day):
        return None
    entry = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            action="wagtail.publish",
            timestamp__lt=end_of(day),
            revision__isnull=False,
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None or entry.revision_id == obj.live_revision_id:
        return obj
    return entry.revision.as_object()


def edition_as_of(edition: IndexEdition, day: datetime.date) -> IndexEdition | None:
    """The edition as last published by the end of `day` (`as_last_published`)."""
    then = as_last_published(edition, day)
    if then is not None and then.series_id is None:  # a revision saved before editions had a series
        then.series_id = edition.series_id
    return then


def procedure_list_as_of(procedure_list: ProcedureList | None, day: datetime.date) -> ProcedureList | None:
    """An agency's procedure list as last published by the end of `day`, its procedures with it; None
    when it was not yet published then (the typed counts alone stood)."""
    if procedure_list is None:
        return None
    return as_last_published(procedure_list, day)


# Results taken back past later corrections -------------------------------------------------------------


def _value(key: str, text: str | None):
    if text is None:
        return None
    return int(Decimal(text)) if key == "published_rank" else Decimal(text)


def restore(result: Result, day: datetime.date) -> list[Correction]:
    """Take `result` back (in memory) to how it stood at the end of `day`; return the later corrections.

    Reads the result's prefetched `corrections` and `component_scores`; afterwards its corrections hold
    only those made by that day, so the page lists the history as it was then.
    """
    cutoff = end_of(day)
    corrections = list(result.corrections.all())
    later = sorted(
        (correction for correction in corrections if correction.corrected_at >= cutoff),
        key=lambda correction: (correction.corrected_at, correction.pk),
        reverse=True,
    )
    kept = [correction for correction in corrections if correction.corrected_at < cutoff]
    if not later:
        return []
    scores = {score.component.name: score for score in result.component_scores.all()}
    components = {component.name: component for component in result.edition.components.all()}
    for correction in later:
        for key, change in correction.changes.items():
            before = change.get("from")
            if key in RESULT_FIGURES:
                setattr(result, key, _value(key, before))
            elif before is None:
                scores.pop(key, None)
            elif key in scores:
                scores[key] = copy.copy(scores[key])
                scores[key].points = Decimal(before)
            elif key in components:
                scores[key] = ComponentScore(result=result, component=components[key], points=Decimal(before))
    # modelcluster's related manager serves these in place of the database's rows.
    if not hasattr(result, "_cluster_related_objects"):
        result._cluster_related_objects = {}
    result._cluster_related_objects["component_scores"] = list(scores.values())
    cached = result._prefetched_objects_cache.get("corrections")
    if cached is not None:
        trimmed = cached._chain()
        trimmed._result_cache, trimmed._prefetch_done = kept, True
        result._prefetched_objects_cache["corrections"] = trimmed
    return later


def standings_as_of(editions: list[IndexEdition], day: datetime.date) -> dict[tuple[int, int], Standing]:
    """Every agency's rank in these editions as the indexes stood at the end of `day`: two queries.

    Ties share a rank and the next skips (1, 2, 2, 4), as `indexes.rankings.standings` does in SQL.
    """
    edition_ids = [edition.pk for edition in editions]
    indexes = {
        pk: (edition_id, agency_id, index_value)
        for pk, edition_id, agency_id, index_value in Result.objects.filter(
            edition_id__in=edition_ids
        ).values_list("pk", "edition_id", "agency_id", "index_value")
    }
    later = Correction.objects.filter(result_id__in=list(indexes), corrected_at__gte=end_of(day)).order_by(
        "-corrected_at", "-pk"
    )
    for result_id, changes in later.values_list("result_id", "changes"):
        if "index_value" in changes:
            edition_id, agency_id, _ = indexes[result_id]
            indexes[result_id] = (
                edition_id,
                agency_id,
                _value("index_value", changes["index_value"]["from"]),
            )
    by_edition: dict[int, list[tuple[int, Decimal]]] = {}
    for edition_id, agency_id, index_value in indexes.values():
        if index_value is not None:
            by_edition.setdefault(edition_id, []).append((agency_id, index_value))
    found = {}
    for edition_id, entries in by_edition.items():
        values = sorted((value for _, value in entries), reverse=True)
        for agency_id, value in entries:
            rank = 1 + sum(1 for other in values if other > value)
            found[(edition_id, agency_id)] = Standing(edition_id, value, rank, len(entries))
    return found


@dataclass
class AsOf:
    """Rows rebuilt as of a day, with the corrections made after it (for the banner)."""

    day: datetime.date
    rows: list[RankedResult]
    later_corrections: list[Correction] = field(default_factory=list)
    edition: IndexEdition | None = None  # an edition's view: the edition as then published


def _editions_then(editions, day: datetime.date) -> dict[int, IndexEdition]:
    """Of these editions, those published by `day`, each as it then stood, by id."""
    then = {}
    for edition in editions:
        restored = edition_as_of(edition, day)
        if restored is not None:
            then[edition.pk] = restored
    return then


def edition_ranking_as_of(edition: IndexEdition, day: datetime.date) -> AsOf | None:
    """`indexes.rankings.edition_ranking` as of `day`; None when the edition was not yet published."""
    then = edition_as_of(edition, day)
    if then is None:
        return None
    results = list(
        Result.objects.filter(edition=edition)
        .select_related("agency")
        .prefetch_related(
            Prefetch(
                "component_scores", queryset=ComponentScore.objects.select_related("component").order_by()
            ),
            "corrections",
        )
    )
    later = []
    for result in results:
        result.edition = then
        later += restore(result, day)
    earlier = [
        candidate
        for candidate in IndexEdition.objects.published().filter(series_id=then.series_id, year__lt=then.year)
        if published_by(candidate, day)
    ]
    by_key = standings_as_of([edition, *earlier], day)
    rows = rows_with_standings(results, by_key)
    attach_previous(rows, earlier, by_key)
    rows.sort(key=lambda row: (row.rank == 0, row.rank, row.agency.name))
    return AsOf(day, rows, later, edition=then)


def agency_histories_as_of(agencies: list[Agency], day: datetime.date) -> AsOf:
    """`indexes.rankings.agency_histories` as of `day`, the rows of all agencies in one list, newest first."""
    results = list(
        Result.objects.published()
        .filter(agency__in=agencies)
        .select_related("edition", "edition__series", "agency")
        .prefetch_related(
            "edition__components",
            Prefetch("edition__bands", queryset=ClassificationBand.objects.all()),
            Prefetch(
                "component_scores", queryset=ComponentScore.objects.select_related("component").order_by()
            ),
            "corrections",
        )
        .order_by("-edition__year", "-edition__pk")
    )
    then = _editions_then({result.edition_id: result.edition for result in results}.values(), day)
    results = [result for result in results if result.edition_id in then]
    later = []
    for result in results:
        result.edition = then[result.edition_id]
        later += restore(result, day)
    by_key = standings_as_of(list(then.values()), day)
    rows = rows_with_standings(results, by_key)
    attach_previous(rows, then.values(), by_key)
    return AsOf(day, rows, later)


def service_counts_as_of(agency: Agency, day: datetime.date) -> list[ServiceCount]:
    """The agency's service counts that were published by the end of `day`, each as last published by
    then (a count typed again and republished later shows its earlier figures), newest first."""
    counts = ServiceCount.objects.published().filter(agency=agency, as_of__lte=day).order_by("-as_of")
    then = [as_last_published(count, day) for count in counts]
    return [count for count in then if count is not None]
