"""Writing an import: the entry points that check a file and write it all or nothing, and new editions.

New agencies, results and scores are written in bulk (a few queries for 2,000 rows, not a few per row),
and the background worker adds new agencies to the search index once the import is committed: 2,000
rows import in about two seconds.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import BinaryIO

from django.db import connection, transaction

from indexes.importers.cells import match_key, parse_header
from indexes.importers.planning import Plan, plan_import
from indexes.importers.reading import ImportFileError, SheetRows, read_sheet
from indexes.importers.report import CREATE, UNCHANGED, ImportReport
from indexes.models.figures import (
    Agency,
    Component,
    ComponentScore,
    Correction,
    IndexEdition,
    IndexSeries,
    Result,
    corrections_created,
    figure_changes,
    figure_text,
)
from indexes.tasks import index_agencies
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
    new_agencies = create_agencies([plan for plan in plans if plan.new_agency_key])
    create_results(
        edition,
        [
            (plan.agency or new_agencies[plan.new_agency_key], plan)
            for plan in plans
            if plan.outcome.action == CREATE
        ],
    )
    update_results(edition, [plan for plan in plans if plan.outcome.action not in (CREATE, UNCHANGED)])


def create_agencies(plans: list[Plan]) -> dict[str, Agency]:
    """The agencies the rows name and that do not exist yet, created at once and added to search."""
    taken = set(Agency.objects.values_list("slug", flat=True))
    agencies = {}
    for plan in plans:
        slug = unique_agency_slug(plan.outcome.agency, taken)
        taken.add(slug)
        agencies[plan.new_agency_key] = Agency(name=plan.outcome.agency, slug=slug)
    if not agencies:
        return {}
    Agency.objects.bulk_create(agencies.values())  # sets primary keys on SQLite and PostgreSQL alike
    ids = [agency.pk for agency in agencies.values()]
    # bulk_create sends no signals, so the worker adds them to search once the import is committed.
    transaction.on_commit(lambda: index_agencies.enqueue(ids))
    return agencies


def unique_agency_slug(name: str, taken: set[str]) -> str:
    """A slug made from the name that is not in `taken` (every agency's slug)."""
    base = ascii_slug(name)[:190] or "co-quan"
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def create_results(edition: IndexEdition, rows: list[tuple[Agency, Plan]]) -> None:
    """The agencies' new results in the edition, with their component scores, in two bulk inserts.

    The plans carry every figure a result's save() would fill in (the index is derived when planning),
    and a new result has no correction to record.
    """
    results = Result.objects.bulk_create(
        Result(edition=edition, agency=agency, **plan.figures) for agency, plan in rows
    )
    ComponentScore.objects.bulk_create(
        ComponentScore(result=result, component=component, points=points)
        for result, (_, plan) in zip(results, rows, strict=True)
        for component, points in plan.scores.items()
        if points is not None
    )


def update_results(edition: IndexEdition, plans: list[Plan]) -> None:
    """Change stored results' figures and scores in bulk, and record each change as one correction.

    Result.save() would record a correction of its own fields before the scores change, and cost
    several queries a row, so the figures and scores are written with bulk queries and the single
    correction of each result, covering its figures and its scores, is made from the figures loaded
    beforehand (the edition's results were read with their scores when the import was planned).
    """
    if not plans:
        return
    component_names = {component.pk: component.name for component in edition.components.all()}
    live = IndexEdition.objects.filter(pk=edition.pk, live=True).exists()
    new_scores, changed_scores, removed_scores, corrections = [], [], [], []
    for plan in plans:
        result = plan.result
        before = result.loaded_figures(component_names)
        after = dict(before)
        stored = {score.component_id: score for score in result.component_scores.all()}
        for component, points in plan.scores.items():
            score = stored.get(component.pk)
            if score is None and points is not None:
                new_scores.append(ComponentScore(result=result, component=component, points=points))
            elif score is not None and points is None:
                removed_scores.append(score.pk)
            elif score is not None and score.points != points:
                score.points = points
                changed_scores.append(score)
            after[component.name] = figure_text(points)
        for name, value in plan.figures.items():
            setattr(result, name, value)
            after[name] = figure_text(value)
        changes = figure_changes(before, after)
        if live and changes:
            corrections.append(Correction(result=result, changes=changes))
    update_rows(Result, [plan.result for plan in plans], list(plans[0].figures))
    ComponentScore.objects.bulk_create(new_scores)
    update_rows(ComponentScore, changed_scores, ["points"])
    ComponentScore.objects.filter(pk__in=removed_scores).delete()
    Correction.objects.bulk_create(corrections)
    if corrections:
        corrections_created.send(sender=Correction, corrections=corrections)


def update_rows(model, objects: list, field_names: list[str]) -> None:
    """Write these fields of these objects, one prepared UPDATE run for all of them.

    Django's bulk_update builds a CASE expression per field and row, which took seconds for 2,000
    results; an executemany of one statement takes milliseconds on SQLite and PostgreSQL alike.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    statement = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    )
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


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
