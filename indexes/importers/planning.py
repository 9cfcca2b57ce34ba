"""Planning an import: checking the header and every row against the edition, and deciding what changes.

Every problem goes to the report with its row and column; a row without problems becomes a `Plan`:
the figures its result will have and whether that creates, updates or leaves the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indexes.importers.cells import (
    AGENCY,
    COLUMN_TITLES,
    DECIMAL_PLACES,
    INDEX,
    MAXIMUM,
    POINTS,
    RANK,
    RESULT_FIELDS,
    TooPrecise,
    decimals,
    format_number,
    is_empty,
    match_key,
    normalise,
    parse_header,
    parse_number,
)
from indexes.importers.reading import SheetRow, SheetRows
from indexes.importers.report import CREATE, UNCHANGED, UPDATE, FieldChange, ImportReport, RowOutcome
from indexes.models.figures import Agency, Component, IndexEdition, Result, percent

LARGEST_POINTS = Decimal("9999.99")  # what a points field (six digits, two decimal places) holds
LARGEST_RANK = 32767

Figures = dict[str, Decimal | int | None]


@dataclass
class Column:
    """A recognised column of the header row: one of the result's figures or one component's scores."""

    position: int
    title: str
    field: str | None = None
    component: Component | None = None


@dataclass
class Plan:
    """The figures one row will leave in the database, ready to be written."""

    outcome: RowOutcome
    agency: Agency | None
    new_agency_key: str | None
    result: Result | None
    figures: Figures
    scores: dict[Component, Decimal | None]


class AgencyIndex:
    """Agencies by normalised name and by short name."""

    def __init__(self, agencies: Iterable[Agency]):
        self.by_name: dict[str, Agency] = {}
        self.by_short_name: dict[str, list[Agency]] = {}
        for agency in agencies:
            self.by_name[match_key(agency.name)] = agency
            if agency.short_name:
                self.by_short_name.setdefault(match_key(agency.short_name), []).append(agency)

    def find(self, name: str) -> list[Agency]:
        """The agency of this full name, else every agency of this short name."""
        key = match_key(name)
        if key in self.by_name:
            return [self.by_name[key]]
        return self.by_short_name.get(key, [])


@dataclass
class Checking:
    """What checking the rows of one sheet against one edition needs, and what earlier rows claimed."""

    report: ImportReport
    columns: list[Column]
    edition_maximum: Decimal
    agencies: AgencyIndex
    results: dict[int, Result]  # the edition's results, by agency id
    create_agencies: bool
    seen: dict[object, int] = field(default_factory=dict)  # agency id, or a new agency's key: its row

    def column_of(self, name: str) -> Column:
        """The column holding the result's figure `name`."""
        return next(column for column in self.columns if column.field == name)


class RowProblems:
    """The problems of one row, added to the report as they are found; true when there are any."""

    def __init__(self, report: ImportReport, row: int):
        self.report, self.row, self.before = report, row, len(report.errors)

    def add(self, column: Column | str, message: str) -> None:
        """Add a problem in `column` (a column, or a title; empty for the whole row)."""
        self.report.error(self.row, column if isinstance(column, str) else column.title, message)

    def __bool__(self) -> bool:
        return len(self.report.errors) > self.before


class CellProblem(Exception):
    """A cell whose content cannot be the figure its column holds; the message says why."""


@dataclass
class RowCells:
    """What a row's cells say: the agency it names and the figures and scores in valid cells.

    A figure whose cell is wrong is left out, as if its column were absent; an empty cell is None.
    """

    agency_name: str = ""
    values: Figures = field(default_factory=dict)
    scores: dict[Component, Decimal | None] = field(default_factory=dict)

    @property
    def has_figures(self) -> bool:
        """The row gives a total, an index or a component score."""
        return any(self.values.get(name) is not None for name in (POINTS, INDEX)) or any(
            score is not None for score in self.scores.values()
        )


# --- the whole sheet -------------------------------------------------------------------------------------


def plan_import(
    edition: IndexEdition, sheet: SheetRows, report: ImportReport, *, create_agencies: bool
) -> list[Plan]:
    """Check the sheet against the edition, problems going to the report; the plans of the good rows.

    Also lists in the report the agencies that would be created and the results the file leaves out.
    """
    components = list(edition.components.all())
    columns = recognised_columns(sheet, components, report)
    edition_maximum = sum((component.maximum for component in components), Decimal(0))
    if not components:
        edition_maximum = edition.framework_maximum
        if not edition_maximum:
            edition_maximum = report.framework_maximum = largest_maximum(sheet, columns)
    checking = Checking(
        report=report,
        columns=columns,
        edition_maximum=edition_maximum or Decimal(0),
        agencies=AgencyIndex(Agency.objects.all()),
        results={
            result.agency_id: result
            for result in edition.results.select_related("agency").prefetch_related("component_scores")
        },
        create_agencies=create_agencies,
    )
    plans = []
    for row in sheet.rows:
        plan = check_row(row, checking)
        if plan is None:
            continue
        plans.append(plan)
        if plan.new_agency_key:
            report.agencies_to_create.append(plan.outcome.agency)
    matched = {plan.agency.pk for plan in plans if plan.agency is not None}
    report.not_in_file = sorted(
        (result.agency.name for agency_id, result in checking.results.items() if agency_id not in matched),
        key=match_key,
    )
    return plans


def largest_maximum(sheet: SheetRows, columns: list[Column]) -> Decimal | None:
    """The largest applicable maximum ("Điểm tối đa") in the file: the full score of an edition that
    has no components and no full score typed in (bad cells are reported by the rows that hold them)."""
    column = next((column for column in columns if column.field == MAXIMUM), None)
    if column is None:
        return None
    found = []
    for row in sheet.rows:
        try:
            number = parse_number(row.get(column.position))
        except ValueError:
            continue
        if number is not None and 0 < number <= LARGEST_POINTS:
            found.append(number)
    return max(found, default=None)


def recognised_columns(sheet: SheetRows, components: list[Component], report: ImportReport) -> list[Column]:
    """The recognised columns of the header row; header problems go to the report."""
    by_name = {match_key(component.name): component for component in components}
    columns: list[Column] = []
    seen: dict[object, str] = {}
    for position, title in enumerate(sheet.headers):
        meaning = parse_header(title)
        if meaning is None:
            if title:
                report.ignored_columns.append(title)
            continue
        if meaning.field:
            column = Column(position, title, field=meaning.field)
            identity: object = meaning.field
        elif decimals(meaning.maximum) > DECIMAL_PLACES:
            report.error(sheet.header_row, title, too_precise(meaning.maximum))
            continue
        else:
            component = by_name.get(match_key(meaning.component))
            if component is None:
                if components:
                    message = _("The edition has no component of this name.")
                else:
                    message = _("The edition has no components; add its framework before importing scores.")
                report.error(sheet.header_row, title, message)
                continue
            if meaning.maximum != component.maximum:
                report.error(
                    sheet.header_row,
                    title,
                    _("The edition gives this component a maximum of %(maximum)s.")
                    % {"maximum": format_number(component.maximum)},
                )
                continue
            column = Column(position, title, component=component)
            identity = component.pk
        if identity in seen:
            report.error(
                sheet.header_row, title, _("The same column as “%(other)s”.") % {"other": seen[identity]}
            )
            continue
        seen[identity] = title
        columns.append(column)
    present = {column.field for column in columns if column.field}
    if AGENCY not in present:
        report.error(sheet.header_row, COLUMN_TITLES[AGENCY], _("This column is missing."))
    if POINTS not in present and INDEX not in present:
        report.error(
            sheet.header_row,
            COLUMN_TITLES[POINTS],
            _("This column is missing (it may be left out only when “%(index)s” is given).")
            % {"index": COLUMN_TITLES[INDEX]},
        )
    return columns


# --- one row ---------------------------------------------------------------------------------------------


def check_row(row: SheetRow, checking: Checking) -> Plan | None:
    """Check one row, adding its problems to the report; its plan when it has none."""
    problems = RowProblems(checking.report, row.number)
    cells = read_cells(row, checking, problems)
    if row.overflow:
        problems.add(
            "",
            _(
                "The row has more cells than the header has columns (in a comma-separated file, a number "
                "with a decimal comma must be in quotes)."
            ),
        )
    agency_column = next((column for column in checking.columns if column.field == AGENCY), None)
    if agency_column is None:
        return None  # the header's problem, already reported
    if not cells.agency_name:
        if cells.has_figures or problems:
            problems.add(agency_column, _("The agency's name is missing."))
        return None  # otherwise a row with only ignored cells ("STT"): not a result
    if not cells.has_figures and not problems:
        problems.add(agency_column, _("The row has no total points, index or component score."))
    agency, new_agency_key = find_agency(cells.agency_name, checking, problems, agency_column)
    claim_agency(agency.pk if agency else new_agency_key, row.number, checking, problems, agency_column)
    result = checking.results.get(agency.pk) if agency else None
    figures = planned_figures(cells.values, result, checking, problems)
    if problems:
        return None
    changes = figure_changes(result, figures, cells.scores)
    action = CREATE if result is None else UPDATE if changes else UNCHANGED
    outcome = RowOutcome(
        row=row.number,
        agency=agency.name if agency else cells.agency_name,
        action=action,
        new_agency=bool(new_agency_key),
        changes=changes if action == UPDATE else [],
    )
    return Plan(
        outcome=outcome,
        agency=agency,
        new_agency_key=new_agency_key,
        result=result,
        figures=figures,
        scores=cells.scores,
    )


def read_cells(row: SheetRow, checking: Checking, problems: RowProblems) -> RowCells:
    """The agency's name and the figures in the row's recognised columns; bad cells go to `problems`."""
    cells = RowCells()
    for column in checking.columns:
        cell = row.get(column.position)
        if column.field == AGENCY:
            cells.agency_name = "" if is_empty(cell) else normalise(cell)
            continue
        try:
            value = cell_value(column, cell, checking.edition_maximum)
        except CellProblem as problem:
            problems.add(column, str(problem))
            continue
        if column.component:
            cells.scores[column.component] = value
        else:
            cells.values[column.field] = value
    return cells


def cell_value(column: Column, cell: object, edition_maximum: Decimal) -> Decimal | int | None:
    """The figure a cell holds for its column, None when empty; `CellProblem` when it cannot be one."""
    try:
        number = parse_number(cell, percent_sign=column.field == INDEX)
    except TooPrecise:
        raise CellProblem(too_precise(cell)) from None
    except ValueError:
        raise CellProblem(_("“%(value)s” is not a number.") % {"value": normalise(cell)}) from None
    if number is None:
        return None
    if number < 0:
        raise CellProblem(_("A figure cannot be negative."))
    if column.component:
        return checked_score(number, column.component)
    if column.field == RANK:
        return checked_rank(number)
    if column.field == INDEX:
        return checked_index(number)
    return checked_points(number, column.field, edition_maximum)


def too_precise(value: object) -> str:
    """Why a number with more decimals than are kept is refused."""
    return _(
        "“%(value)s” has more than %(places)d decimals; the portal keeps figures as published with at most "
        "%(places)d, so importing it would lose digits. Give the figure as the decision publishes it."
    ) % {"value": normalise(value), "places": DECIMAL_PLACES}


def checked_score(number: Decimal, component: Component) -> Decimal:
    """A component score, at most the component's maximum."""
    if number > component.maximum:
        raise CellProblem(
            _("%(points)s is above the component's maximum of %(maximum)s.")
            % {"points": format_number(number), "maximum": format_number(component.maximum)}
        )
    return number


def checked_rank(number: Decimal) -> int:
    """A published rank: a whole number from 1."""
    if number != number.to_integral_value() or not 1 <= number <= LARGEST_RANK:
        raise CellProblem(_("A rank is a whole number from 1."))
    return int(number)


def checked_index(number: Decimal) -> Decimal:
    """An index: a percentage."""
    if number > 100:
        raise CellProblem(_("An index is a percentage between 0 and 100."))
    return number


def checked_points(number: Decimal, name: str, edition_maximum: Decimal) -> Decimal:
    """Total points or an applicable maximum; a maximum is above zero and at most the edition's."""
    if number > LARGEST_POINTS:
        raise CellProblem(_("%(points)s is too large.") % {"points": format_number(number)})
    if name == MAXIMUM and number == 0:
        raise CellProblem(_("The applicable maximum must be above zero."))
    if name == MAXIMUM and edition_maximum and number > edition_maximum:
        raise CellProblem(
            _("The applicable maximum is above the edition's maximum of %(maximum)s.")
            % {"maximum": format_number(edition_maximum)}
        )
    return number


def find_agency(
    name: str, checking: Checking, problems: RowProblems, column: Column
) -> tuple[Agency | None, str | None]:
    """The agency a row names, or the key of the one it will create (when allowed and possible)."""
    found = checking.agencies.find(name)
    if len(found) == 1:
        return found[0], None
    if found:
        problems.add(
            column,
            _("“%(name)s” is the short name of several agencies; give the full name.") % {"name": name},
        )
        return None, None
    if not checking.create_agencies:
        problems.add(
            column,
            _("There is no agency “%(name)s”. Add it first, or choose to create missing agencies.")
            % {"name": name},
        )
        return None, None
    if len(name) > Agency._meta.get_field("name").max_length:
        problems.add(column, _("The agency's name is too long."))
        return None, None
    return None, match_key(name)


def claim_agency(
    identity: object, row: int, checking: Checking, problems: RowProblems, column: Column
) -> None:
    """Note that this row is the agency's; a second row for the same agency is a problem."""
    if identity is None:
        return
    if identity in checking.seen:
        problems.add(column, _("This agency is already in row %(row)s.") % {"row": checking.seen[identity]})
    else:
        checking.seen[identity] = row


def stored_figures(result: Result | None) -> Figures:
    """The result's figures as stored (all None for a result still to be created)."""
    return {name: getattr(result, name) if result else None for name in RESULT_FIELDS}


def planned_figures(
    values: Figures, result: Result | None, checking: Checking, problems: RowProblems
) -> Figures:
    """The figures the result will have: the row's where it has the column, else the stored ones.

    The index is the row's, else kept while the points and maximum it came from stand, else derived
    again. A total above its applicable maximum is a problem of the column that changed it.
    """
    current = stored_figures(result)
    figures = {name: values.get(name, current[name]) for name in (POINTS, MAXIMUM, RANK)}
    limit = figures[MAXIMUM] or checking.edition_maximum
    if (
        (POINTS in values or MAXIMUM in values)
        and figures[POINTS] is not None
        and limit
        and figures[POINTS] > limit
    ):
        blamed = POINTS if POINTS in values else MAXIMUM
        problems.add(
            checking.column_of(blamed),
            _("The total %(points)s is above the applicable maximum of %(maximum)s.")
            % {"points": format_number(figures[POINTS]), "maximum": format_number(limit)},
        )
    if not limit and figures[POINTS] is not None and values.get(INDEX) is None:
        problems.add(
            checking.column_of(POINTS),
            _(
                "The index cannot be computed: the edition has no components and no full score. Give the "
                "“%(maximum)s” column or the “%(index)s” column, or enter the edition's full score first."
            )
            % {"maximum": COLUMN_TITLES[MAXIMUM], "index": COLUMN_TITLES[INDEX]},
        )
    if values.get(INDEX) is not None:
        figures[INDEX] = values[INDEX]
    elif result and figures[POINTS] == current[POINTS] and figures[MAXIMUM] == current[MAXIMUM]:
        figures[INDEX] = current[INDEX]  # as published, while what it was computed from stands
    else:
        figures[INDEX] = percent(figures[POINTS], limit)
    return figures


def figure_changes(
    result: Result | None, figures: Figures, scores: dict[Component, Decimal | None]
) -> list[FieldChange]:
    """What the row changes in the stored result: its figures, then its component scores."""
    current = stored_figures(result)
    current_scores = (
        {score.component_id: score.points for score in result.component_scores.all()} if result else {}
    )
    changes = [
        FieldChange(COLUMN_TITLES[name], current[name], figures[name])
        for name in RESULT_FIELDS
        if figures[name] != current[name]
    ]
    changes += [
        FieldChange(component.name, current_scores.get(component.pk), score)
        for component, score in scores.items()
        if current_scores.get(component.pk) != score
    ]
    return changes
