"""Importing an edition's results from a CSV or XLSX table, all or nothing.

The table has one row per agency and these columns (the header row is matched without regard to case,
spacing or Unicode composition, and may be preceded by a title):

- "Cơ quan": the agency, by its exact name or its short name;
- one column per component, headed "<name> (<maximum>)", for example "Cải cách thể chế (6,5)";
- "Tổng điểm": the total points (optional when "Chỉ số (%)" is present);
- optional "Điểm tối đa" (the applicable maximum), "Chỉ số (%)" (the index) and "Xếp hạng" (the rank).

Other columns ("STT", "Ghi chú") are ignored and listed as such. Numbers may use a decimal comma or a
decimal point. A column that is present is the truth for every row: an empty cell clears that figure,
except the index, which is kept while the points it was computed from are unchanged and is otherwise
derived again. A column that is absent leaves that figure as it is.

Every problem of the file is collected before anything is written; if there is one, nothing is.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePath
from typing import BinaryIO

import openpyxl
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indexes.models import Agency, Component, ComponentScore, IndexEdition, Result, percent
from portal.transliteration import ascii_slug

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 2000  # rows with content; an edition ranks tens or hundreds of agencies
MAX_SCANNED_ROWS = 20_000  # rows read at all, empty ones included, before giving up on a sheet
MAX_COLUMNS = 100
HEADER_SEARCH_ROWS = 20  # a title may stand above the header row
EXTENSIONS = (".csv", ".xlsx")
DEFAULT_GROUP = "Sở, ban, ngành cấp tỉnh"

TWO_PLACES = Decimal("0.01")
LARGEST_POINTS = Decimal("9999.99")  # what a points field (six digits, two decimal places) holds
LARGEST_RANK = 32767

# The figures a row may carry besides component scores, and the columns that hold them.
AGENCY = "agency"
POINTS = "points"
MAXIMUM = "applicable_maximum"
INDEX = "index_value"
RANK = "published_rank"
RESULT_FIELDS = (POINTS, MAXIMUM, INDEX, RANK)
COLUMN_TITLES = {
    AGENCY: "Cơ quan",
    POINTS: "Tổng điểm",
    MAXIMUM: "Điểm tối đa",
    INDEX: "Chỉ số (%)",
    RANK: "Xếp hạng",
}
HEADER_ALIASES = {
    "cơ quan": AGENCY,
    "tên cơ quan": AGENCY,
    "cơ quan, đơn vị": AGENCY,
    "tổng điểm": POINTS,
    "điểm tối đa": MAXIMUM,
    "chỉ số (%)": INDEX,
    "chỉ số": INDEX,
    "chỉ số %": INDEX,
    "xếp hạng": RANK,
    "thứ hạng": RANK,
}
COMPONENT_HEADER = re.compile(r"^(?P<name>.*\S)\s*\(\s*(?P<maximum>\d+(?:[.,]\d+)?)\s*(?:điểm)?\s*\)$")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
EMPTY_MARKS = {"-", "–", "—"}  # published tables mark a figure that does not apply with a dash

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


class ImportFileError(Exception):
    """The upload cannot be read as a table at all (wrong type, damaged, too large, not UTF-8)."""


# --- reading ---------------------------------------------------------------------------------------------


def normalise(text: object) -> str:
    """Text as compared and stored: composed Unicode, single spaces, no spaces at the ends."""
    text = unicodedata.normalize("NFC", str(text)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def match_key(text: object) -> str:
    """The form names and headers are matched by: normalised, case-folded, brackets spaced alike."""
    key = normalise(text).casefold()
    key = re.sub(r"\s*\(\s*", " (", key)
    return re.sub(r"\s*\)", ")", key).strip()


@dataclass
class TableRow:
    """One row of the sheet below the header: its number in the spreadsheet and its cells."""

    number: int
    cells: list[object]
    overflow: bool = False  # non-empty cells to the right of the last header

    def get(self, position: int) -> object:
        """The cell under the header at `position` (None past the row's end)."""
        return self.cells[position] if position < len(self.cells) else None


@dataclass
class Table:
    """A sheet read from an upload: the header row (its titles and number) and the rows below it."""

    headers: list[str]
    header_row: int
    rows: list[TableRow]

    def as_dicts(self) -> list[dict[str, object]]:
        """The rows as dictionaries from header to cell (a repeated header keeps its last cell)."""
        return [{header: row.get(i) for i, header in enumerate(self.headers)} for row in self.rows]


def read_table(file: BinaryIO, filename: str) -> Table:
    """Read the first sheet of an XLSX file, or a CSV file, into a `Table`.

    CSV is read as UTF-8 with or without a byte-order mark, separated by commas or semicolons.
    Raises `ImportFileError` with a message for the editor when the file cannot be read as a table.
    """
    extension = PurePath(filename or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ImportFileError(_("Only .csv and .xlsx files can be imported."))
    data = file.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    lines = _read_xlsx(data) if extension == ".xlsx" else _read_csv(data)
    return _table_from_lines(lines)


def _read_csv(data: bytes) -> list[list[object]]:
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("The file is a spreadsheet, not CSV text. Give it the extension .xlsx."))
    if b"\x00" in data:
        raise ImportFileError(_("The file is not CSV text."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma delimited)”.")
        ) from None
    delimiter = _sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(itertools.islice(reader, MAX_SCANNED_ROWS))
    except csv.Error as error:
        raise ImportFileError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None


def _sniff_delimiter(text: str) -> str:
    """Comma or semicolon: whichever makes more of the first lines' cells recognisable headers.

    Counting characters would not do: "Cải cách thể chế (6,5)" holds a comma in a semicolon file.
    """
    head = text.splitlines()[:HEADER_SEARCH_ROWS]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(csv.reader(head, delimiter=delimiter))
        except csv.Error:
            return (-1, 0)
        recognised = max((sum(parse_header(cell) is not None for cell in row) for row in rows), default=0)
        return (recognised, sum(line.count(delimiter) for line in head))

    return max([",", ";", "\t"], key=score)


def _read_xlsx(data: bytes) -> list[list[object]]:
    if not data.startswith(b"PK"):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # openpyxl reports a damaged workbook with whatever its zip, XML or style readers raise.
    except Exception:  # noqa: BLE001
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx) or it is damaged.")) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return [list(row) for row in itertools.islice(rows, MAX_SCANNED_ROWS)]
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 – as above, while the rows are read
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx) or it is damaged.")) from None
    finally:
        workbook.close()


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not normalise(value))


def _table_from_lines(lines: list[list[object]]) -> Table:
    if len(lines) >= MAX_SCANNED_ROWS:
        raise ImportFileError(_("The file has too many rows."))
    numbered = [
        (number, cells) for number, cells in enumerate(lines, start=1) if not all(map(_is_empty, cells))
    ]
    if not numbered:
        raise ImportFileError(_("The file has no rows."))
    # The header is the first row that names the agency column; failing that, the first row.
    header_number, header_cells = next(
        (
            (number, cells)
            for number, cells in numbered[:HEADER_SEARCH_ROWS]
            if any(HEADER_ALIASES.get(match_key(cell)) == AGENCY for cell in cells if not _is_empty(cell))
        ),
        numbered[0],
    )
    headers = ["" if _is_empty(cell) else normalise(cell) for cell in header_cells[:MAX_COLUMNS]]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, cells in numbered:
        if number <= header_number:
            continue
        overflow = any(not _is_empty(cell) for cell in cells[len(headers) :])
        rows.append(TableRow(number=number, cells=list(cells[: len(headers)]), overflow=overflow))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(count)d rows.") % {"count": MAX_ROWS})
    return Table(headers=headers, header_row=header_number, rows=rows)


@dataclass(frozen=True)
class HeaderMeaning:
    """What a header names: one of the result's figures, or a component with the maximum it states."""

    field: str | None = None
    component: str | None = None
    maximum: Decimal | None = None


def parse_header(title: object) -> HeaderMeaning | None:
    """The meaning of a header ("Tổng điểm", "Cải cách thể chế (6,5)"), or None for another column."""
    if _is_empty(title):
        return None
    key = match_key(title)
    if key in HEADER_ALIASES:
        return HeaderMeaning(field=HEADER_ALIASES[key])
    match = COMPONENT_HEADER.match(normalise(title))
    if not match:
        return None
    name = normalise(match["name"])
    if match_key(name) in HEADER_ALIASES:  # "Tổng điểm (100)"
        return HeaderMeaning(field=HEADER_ALIASES[match_key(name)])
    maximum = Decimal(match["maximum"].replace(",", ".")).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return HeaderMeaning(component=name, maximum=maximum)


def parse_number(value: object, *, percent_sign: bool = False) -> Decimal | None:
    """A cell as a number rounded to two places, or None when empty; ValueError when it is not one.

    Reads "10,86" and "12.23" alike, and numbers an XLSX cell already holds.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(value)
        number = Decimal(str(value))
    else:
        text = normalise(value).replace(" ", "")
        if percent_sign:
            text = text.removesuffix("%")
        if not text or text in EMPTY_MARKS:
            return None
        if not NUMBER.match(text):
            raise ValueError(value)
        number = Decimal(text.replace(",", "."))
    try:
        return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(value) from None


# --- the report ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """A problem found in the file: its spreadsheet row (the header is row 1) and column, and why."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row and self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % values
        if self.row:
            return _("Row %(row)s: %(message)s") % values
        if self.column:
            return _("Column %(column)s: %(message)s") % values
        return self.message


@dataclass(frozen=True)
class FieldChange:
    """One figure of a result that the import changes: the column it comes from, before and after."""

    column: str
    before: Decimal | int | None
    after: Decimal | int | None


@dataclass
class RowOutcome:
    """What the import does with one row: create, update (with the changes) or leave the result."""

    row: int
    agency: str
    action: str
    new_agency: bool = False
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        """The action, as the editor reads it."""
        return {CREATE: _("Create"), UPDATE: _("Update"), UNCHANGED: _("Unchanged")}[self.action]


@dataclass
class ImportReport:
    """What an import found and did, row by row; when `errors` is not empty it wrote nothing."""

    edition: IndexEdition
    dry_run: bool = False
    applied: bool = False
    rows: list[RowOutcome] = field(default_factory=list)
    agencies_to_create: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.action == CREATE]

    @property
    def updated(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.action == UPDATE]

    @property
    def unchanged(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.action == UNCHANGED]

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated)

    def error(self, row: int | None, column: str, message: str) -> None:
        """Add a problem of the file."""
        self.errors.append(ImportIssue(row=row, column=column, message=message))

    def summary(self) -> str:
        """One line for the editor: how many results are (or would be) created, updated and left."""
        if self.errors:
            count = len(self.errors)
            return ngettext(
                "%(count)d problem found in the file; nothing was imported.",
                "%(count)d problems found in the file; nothing was imported.",
                count,
            ) % {"count": count}
        if self.applied:
            message = _(
                "%(edition)s: results created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d; "
                "agencies created: %(agencies)d."
            )
        else:
            message = _(
                "%(edition)s, trial run (nothing written): results to create: %(created)d, to update: "
                "%(updated)d, unchanged: %(unchanged)d; agencies to create: %(agencies)d."
            )
        return message % {
            "edition": self.edition,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "agencies": len(self.agencies_to_create),
        }


# --- checking --------------------------------------------------------------------------------------------


@dataclass
class _Column:
    position: int
    title: str
    field: str | None = None
    component: Component | None = None


@dataclass
class _Plan:
    """The figures one row will leave in the database, ready to be written."""

    outcome: RowOutcome
    agency: Agency | None
    new_agency_key: str | None
    result: Result | None
    figures: dict[str, Decimal | int | None]
    scores: dict[Component, Decimal | None]


def _columns(table: Table, components: list[Component], report: ImportReport) -> list[_Column]:
    """The recognised columns of the header row; header problems go to the report."""
    by_name = {match_key(component.name): component for component in components}
    columns: list[_Column] = []
    seen: dict[object, str] = {}
    for position, title in enumerate(table.headers):
        meaning = parse_header(title)
        if meaning is None:
            if title:
                report.ignored_columns.append(title)
            continue
        if meaning.field:
            column = _Column(position, title, field=meaning.field)
            identity: object = meaning.field
        else:
            component = by_name.get(match_key(meaning.component))
            if component is None:
                if components:
                    message = _("The edition has no component of this name.")
                else:
                    message = _("The edition has no components; add its framework before importing scores.")
                report.error(table.header_row, title, message)
                continue
            if meaning.maximum != component.maximum:
                report.error(
                    table.header_row,
                    title,
                    _("The edition gives this component a maximum of %(maximum)s.")
                    % {"maximum": format_number(component.maximum)},
                )
                continue
            column = _Column(position, title, component=component)
            identity = component.pk
        if identity in seen:
            report.error(
                table.header_row, title, _("The same column as “%(other)s”.") % {"other": seen[identity]}
            )
            continue
        seen[identity] = title
        columns.append(column)
    present = {column.field for column in columns if column.field}
    if AGENCY not in present:
        report.error(table.header_row, COLUMN_TITLES[AGENCY], _("This column is missing."))
    if POINTS not in present and INDEX not in present:
        report.error(
            table.header_row,
            COLUMN_TITLES[POINTS],
            _("This column is missing (it may be left out only when “%(index)s” is given).")
            % {"index": COLUMN_TITLES[INDEX]},
        )
    return columns


def format_number(value: Decimal | int | None) -> str:
    """A figure as Vietnamese write it in messages: a decimal comma, no trailing zeros after it."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class _AgencyIndex:
    """Agencies by normalised name and by short name."""

    def __init__(self, agencies: Iterable[Agency]):
        self.by_name: dict[str, Agency] = {}
        self.by_short_name: dict[str, list[Agency]] = {}
        for agency in agencies:
            self.by_name[match_key(agency.name)] = agency
            if agency.short_name:
                self.by_short_name.setdefault(match_key(agency.short_name), []).append(agency)

    def find(self, name: str) -> list[Agency]:
        key = match_key(name)
        if key in self.by_name:
            return [self.by_name[key]]
        return self.by_short_name.get(key, [])


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
        table = read_table(file, filename)
    except ImportFileError as error:
        report = ImportReport(edition=edition, dry_run=dry_run)
        report.error(None, "", str(error))
        return report
    return import_table(edition=edition, table=table, create_agencies=create_agencies, dry_run=dry_run)


def import_table(
    *,
    edition: IndexEdition,
    table: Table,
    create_agencies: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import a table already read by `read_table` into `edition`; see `import_results`."""
    report = ImportReport(edition=edition, dry_run=dry_run)
    components = list(edition.components.all())
    columns = _columns(table, components, report)
    edition_maximum = sum((component.maximum for component in components), Decimal(0))
    agencies = _AgencyIndex(Agency.objects.all())
    results = {
        result.agency_id: result
        for result in edition.results.select_related("agency").prefetch_related("component_scores")
    }
    plans: list[_Plan] = []
    seen: dict[object, int] = {}
    for row in table.rows:
        plan = _check_row(
            row,
            columns,
            report,
            agencies,
            results,
            seen,
            create_agencies=create_agencies,
            edition_maximum=edition_maximum,
        )
        if plan is not None:
            plans.append(plan)
    matched = {plan.agency.pk for plan in plans if plan.agency is not None}
    report.not_in_file = sorted(
        (result.agency.name for agency_id, result in results.items() if agency_id not in matched),
        key=match_key,
    )
    if report.errors:
        report.rows = []
        report.agencies_to_create = []
        return report
    report.rows = [plan.outcome for plan in plans]
    if not dry_run and report.has_changes:
        with transaction.atomic():
            _apply(edition, plans)
    report.applied = not dry_run
    return report


def _find_agency(name, agencies, create_agencies, error, column) -> tuple[Agency | None, str | None]:
    """The agency a row names, or the key of the one it will create; problems go through `error`."""
    found = agencies.find(name)
    if len(found) == 1:
        return found[0], None
    if found:
        error(
            column,
            _("“%(name)s” is the short name of several agencies; give the full name.") % {"name": name},
        )
        return None, None
    if not create_agencies:
        error(
            column,
            _("There is no agency “%(name)s”. Add it first, or choose to create missing agencies.")
            % {"name": name},
        )
        return None, None
    if len(name) > Agency._meta.get_field("name").max_length:
        error(column, _("The agency's name is too long."))
        return None, None
    return None, match_key(name)


def _check_row(
    row: TableRow,
    columns: list[_Column],
    report: ImportReport,
    agencies: _AgencyIndex,
    results: dict[int, Result],
    seen: dict[object, int],
    *,
    create_agencies: bool,
    edition_maximum: Decimal,
) -> _Plan | None:
    """Check one row, adding its problems to the report; its plan when it has none."""
    errors_before = len(report.errors)

    def error(column: _Column | str, message: str) -> None:
        report.error(row.number, column if isinstance(column, str) else column.title, message)

    values: dict[str, Decimal | int | None] = {}
    scores: dict[Component, Decimal | None] = {}
    agency_name = ""
    agency_column = None
    for column in columns:
        cell = row.get(column.position)
        if column.field == AGENCY:
            agency_name = "" if _is_empty(cell) else normalise(cell)
            agency_column = column
            continue
        try:
            number = parse_number(cell, percent_sign=column.field == INDEX)
        except ValueError:
            error(column, _("“%(value)s” is not a number.") % {"value": normalise(cell)})
            continue
        if number is None:
            if column.component:
                scores[column.component] = None
            else:
                values[column.field] = None
            continue
        if number < 0:
            error(column, _("A figure cannot be negative."))
            continue
        if column.component:
            if number > column.component.maximum:
                error(
                    column,
                    _("%(points)s is above the component's maximum of %(maximum)s.")
                    % {"points": format_number(number), "maximum": format_number(column.component.maximum)},
                )
                continue
            scores[column.component] = number
        elif column.field == RANK:
            if number != number.to_integral_value() or not 1 <= number <= LARGEST_RANK:
                error(column, _("A rank is a whole number from 1."))
                continue
            values[RANK] = int(number)
        elif column.field == INDEX:
            if number > 100:
                error(column, _("An index is a percentage between 0 and 100."))
                continue
            values[INDEX] = number
        elif number > LARGEST_POINTS:
            error(column, _("%(points)s is too large.") % {"points": format_number(number)})
        elif column.field == MAXIMUM and number == 0:
            error(column, _("The applicable maximum must be above zero."))
        elif column.field == MAXIMUM and edition_maximum and number > edition_maximum:
            error(
                column,
                _("The applicable maximum is above the edition's maximum of %(maximum)s.")
                % {"maximum": format_number(edition_maximum)},
            )
        else:
            values[column.field] = number

    if row.overflow:
        error(
            "",
            _(
                "The row has more cells than the header has columns (in a comma-separated file, a number "
                "with a decimal comma must be in quotes)."
            ),
        )
    has_figures = any(values.get(name) is not None for name in (POINTS, INDEX)) or any(
        score is not None for score in scores.values()
    )
    if agency_column is None:
        return None
    if not agency_name:
        if has_figures or len(report.errors) > errors_before:
            error(agency_column, _("The agency's name is missing."))
        return None
    if not has_figures and len(report.errors) == errors_before:
        error(agency_column, _("The row has no total points, index or component score."))

    agency, new_agency_key = _find_agency(agency_name, agencies, create_agencies, error, agency_column)
    identity = agency.pk if agency else new_agency_key
    if identity is not None:
        if identity in seen:
            error(agency_column, _("This agency is already in row %(row)s.") % {"row": seen[identity]})
        else:
            seen[identity] = row.number
    result = results.get(agency.pk) if agency else None

    # The figures the result will have, and whether its total fits its maximum.
    current = {name: getattr(result, name) if result else None for name in RESULT_FIELDS}
    current_scores = (
        {score.component_id: score.points for score in result.component_scores.all()} if result else {}
    )
    figures = {name: values.get(name, current[name]) for name in (POINTS, MAXIMUM, RANK)}
    limit = figures[MAXIMUM] or edition_maximum
    if (
        (POINTS in values or MAXIMUM in values)
        and figures[POINTS] is not None
        and limit
        and figures[POINTS] > limit
    ):
        blamed = POINTS if POINTS in values else MAXIMUM
        error(
            next(column for column in columns if column.field == blamed),
            _("The total %(points)s is above the applicable maximum of %(maximum)s.")
            % {"points": format_number(figures[POINTS]), "maximum": format_number(limit)},
        )
    if values.get(INDEX) is not None:
        figures[INDEX] = values[INDEX]
    elif result and figures[POINTS] == current[POINTS] and figures[MAXIMUM] == current[MAXIMUM]:
        figures[INDEX] = current[INDEX]  # as published, while what it was computed from stands
    else:
        figures[INDEX] = percent(figures[POINTS], limit)
    if len(report.errors) > errors_before:
        return None

    changes = [
        FieldChange(COLUMN_TITLES[name], current[name], figures[name])
        for name in RESULT_FIELDS
        if figures[name] != current[name]
    ]
    changes += [
        FieldChange(component.name, current_scores.get(component.pk), points)
        for component, points in scores.items()
        if current_scores.get(component.pk) != points
    ]
    action = CREATE if result is None else UPDATE if changes else UNCHANGED
    if new_agency_key:
        report.agencies_to_create.append(agency_name)
    outcome = RowOutcome(
        row=row.number,
        agency=agency.name if agency else agency_name,
        action=action,
        new_agency=bool(new_agency_key),
        changes=changes if action == UPDATE else [],
    )
    return _Plan(
        outcome=outcome,
        agency=agency,
        new_agency_key=new_agency_key,
        result=result,
        figures=figures,
        scores=scores,
    )


# --- writing ---------------------------------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = ascii_slug(name)[:190] or "co-quan"
    slug, suffix = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _apply(edition: IndexEdition, plans: list[_Plan]) -> None:
    """Write the checked rows. A changed result gets exactly one correction (when its edition is live)."""
    new_agencies: dict[str, Agency] = {}
    for plan in plans:
        if plan.new_agency_key:
            name = plan.outcome.agency
            new_agencies[plan.new_agency_key] = Agency.objects.create(name=name, slug=_unique_slug(name))
    for plan in plans:
        if plan.outcome.action == UNCHANGED:
            continue
        if plan.outcome.action == CREATE:
            agency = plan.agency or new_agencies[plan.new_agency_key]
            result = Result(edition=edition, agency=agency, **plan.figures)
            result.save()
            ComponentScore.objects.bulk_create(
                ComponentScore(result=result, component=component, points=points)
                for component, points in plan.scores.items()
                if points is not None
            )
            continue
        # An update. Result.save() would record a correction of its own fields before the scores
        # change, so the figures are written with queryset updates and the single correction, covering
        # the result's figures and its scores, is recorded from the figures stored beforehand.
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
    headers: Sequence[str],
) -> IndexEdition:
    """Create a draft edition whose components are the ones the header row names, in its order.

    The edition is saved unpublished with a first revision, so Wagtail's admin shows it as a draft.
    Raises django's ValidationError when the slug, title or year is not valid (or the slug is taken).
    """
    edition = IndexEdition(slug=slug, title=title, year=year, group=group, live=False)
    edition.components = [
        Component(name=name[:200], maximum=maximum, sort_order=order)
        for order, (name, maximum) in enumerate(components_from_headers(headers))
    ]
    edition.full_clean()
    edition.save()
    edition.save_revision()
    return edition
