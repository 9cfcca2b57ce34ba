"""Writing an import: the entry points that check a file and write it all or nothing, and new editions."""

from collections.abc import Sequence
from decimal import Decimal
from typing import BinaryIO

from django.db import transaction

from indexes.importers.cells import match_key, parse_header
from indexes.importers.planning import Plan, plan_import
from indexes.importers.reading import ImportFileError, SheetRows, read_sheet
from indexes.importers.report import CREATE, UNCHANGED, ImportReport
from indexes.models.figures import Agency, Component, ComponentScore, IndexEdition, IndexSeries, Result
from portal.transliteration import ascii_slug

DEFAULT_GROUP = "Sở, ban, ngành cấp tỉnh"
DEFAULT_PUBLISHER = "UBND tỉnh"


def import_results(
    *,
    edition: IndexEdition,
    file: BinaryIO,
    filename: str,
    create_agencies: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import the results in a CSV or XLSX file into `edition`, all or nothing.

    Returns the report of every row; when it has errors (an unreadable file included), nothing was
    written. With `dry_run`, the same report is made and nothing is written either.
    """
    try:
        sheet = read_sheet(file, filename)
    except ImportFileError as error:
        report = ImportReport(edition=edition, dry_run=dry_run)
        report.error(None, "", str(error))
        return report
    return import_sheet(edition=edition, sheet=sheet, create_agencies=create_agencies, dry_run=dry_run)


def import_sheet(
    *,
    edition: IndexEdition,
    sheet: SheetRows,
    create_agencies: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import a sheet already read by `read_sheet` into `edition`; see `import_results`."""
    report = ImportReport(edition=edition, dry_run=dry_run)
    plans = plan_import(edition, sheet, report, create_agencies=create_agencies)
    if report.errors:
        report.rows = []
        report.agencies_to_create = []
        return report
    report.rows = [plan.outcome for plan in plans]
    if not dry_run and report.has_changes:
        with transaction.atomic():
            if report.framework_maximum:
                IndexEdition.objects.filter(pk=edition.pk).update(framework_maximum=report.framework_maximum)
                edition.framework_maximum = report.framework_maximum
            write_plans(edition, plans)
    report.applied = not dry_run
    return report


def write_plans(edition: IndexEdition, plans: list[Plan]) -> None:
    """Write the checked rows. A changed result gets exactly one correction (when its edition is live)."""
    new_agencies: dict[str, Agency] = {}
    for plan in plans:
        if plan.new_agency_key:
            name = plan.outcome.agency
            new_agencies[plan.new_agency_key] = Agency.objects.create(
                name=name, slug=unique_agency_slug(name)
            )
    for plan in plans:
        if plan.outcome.action == CREATE:
            create_result(edition, plan.agency or new_agencies[plan.new_agency_key], plan)
        elif plan.outcome.action != UNCHANGED:
            update_result(plan)


def unique_agency_slug(name: str) -> str:
    """A slug made from the name that no agency has yet."""
    base = ascii_slug(name)[:190] or "co-quan"
    slug, suffix = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def create_result(edition: IndexEdition, agency: Agency, plan: Plan) -> None:
    """The agency's new result in the edition, with its component scores."""
    result = Result(edition=edition, agency=agency, **plan.figures)
    result.save()
    ComponentScore.objects.bulk_create(
        ComponentScore(result=result, component=component, points=points)
        for component, points in plan.scores.items()
        if points is not None
    )


def update_result(plan: Plan) -> None:
    """Change a stored result's figures and scores, and record the change as one correction.

    Result.save() would record a correction of its own fields before the scores change, so the
    figures are written with queryset updates and the single correction, covering the result's
    figures and its scores, is recorded from the figures stored beforehand.
    """
    result = plan.result
    before = result.stored_figures()
    stored = {score.component_id: score for score in result.component_scores.all()}
    for component, points in plan.scores.items():
        score = stored.get(component.pk)
        if score is None and points is not None:
            ComponentScore.objects.create(result=result, component=component, points=points)
        elif score is not None and points is None:
            ComponentScore.objects.filter(pk=score.pk).delete()
        elif score is not None and score.points != points:
            ComponentScore.objects.filter(pk=score.pk).update(points=points)
    changed = {name: value for name, value in plan.figures.items() if getattr(result, name) != value}
    if changed:
        Result.objects.filter(pk=result.pk).update(**changed)
        for name, value in changed.items():
            setattr(result, name, value)
    result.record_correction(before)


# --- a new edition ---------------------------------------------------------------------------------------


def components_from_headers(headers: Sequence[str]) -> list[tuple[str, Decimal]]:
    """The components named by a header row, in order, each once: [("Cải cách thể chế", 6.50), …]."""
    found: dict[str, tuple[str, Decimal]] = {}
    for title in headers:
        meaning = parse_header(title)
        if meaning and meaning.component and match_key(meaning.component) not in found:
            found[match_key(meaning.component)] = (meaning.component, meaning.maximum)
    return list(found.values())


def create_edition_from_headers(
    *,
    slug: str,
    title: str,
    year: int,
    group: str = DEFAULT_GROUP,
    publisher: str = DEFAULT_PUBLISHER,
    headers: Sequence[str],
    maximum: Decimal | None = None,
) -> IndexEdition:
    """Create a draft edition whose components are the ones the header row names, in its order.

    The edition joins the series of `publisher` and `group` (created when new). Without component
    columns its full score is `maximum` (else the import takes it from the file's "Điểm tối đa").
    The edition is saved unpublished with a first revision, so Wagtail's admin shows it as a draft.
    Raises django's ValidationError when the slug, title or year is not valid (or the slug is taken).
    """
    edition = IndexEdition(
        slug=slug,
        title=title,
        year=year,
        series=IndexSeries.named(publisher, group),
        framework_maximum=maximum,
        live=False,
    )
    edition.components = [
        Component(name=name[:200], maximum=maximum, sort_order=order)
        for order, (name, maximum) in enumerate(components_from_headers(headers))
    ]
    edition.full_clean()
    edition.save()
    edition.save_revision()
    return edition
