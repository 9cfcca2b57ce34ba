"""Write a `DataTable` as CSV, XLSX or JSON, safe to open in a spreadsheet program.

A text cell that starts with =, +, -, @, a tab or a carriage return would run as a formula in Excel
or LibreOffice (CSV injection), so such text is written with a leading apostrophe. Numbers are
written as numbers: in CSV and JSON with a decimal point, in XLSX as native numeric cells; with the
decimals they were published with (up to three: 91.651) and no trailing zeros the database adds.
"""

import csv
import io
import json
from decimal import Decimal

from django.http import HttpResponse

from indexes.models.figures import figure_text
from indexes.tables import Cell, DataTable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)
# As the pages offer them: the Excel file first, since a spreadsheet set to Vietnamese reads its numbers
# right, where the CSV's decimal points ("6.5") are taken for text or thousands.
OFFERED = ("xlsx", "csv", "json")


def spreadsheet_safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, made inert; everything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _plain(value: Cell) -> Cell | float:
    """A JSON-ready value: Decimals become numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def csv_cell(value: Cell) -> str | int:
    """A cell as CSV text: empty for None, a Decimal without trailing zeros, text made inert."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return figure_text(value)
    return spreadsheet_safe(value)


def table_as_csv(table: DataTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(cell) for cell in row])
    # The byte-order mark makes Excel read the Vietnamese letters as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_as_xlsx(table: DataTable) -> bytes:
    # Imported here: a worker that never writes a spreadsheet does without openpyxl's 7 MB.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    sheet.append([spreadsheet_safe(column.label) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_plain(spreadsheet_safe(cell)) for cell in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_as_json(table: DataTable, *, source_url: str = "") -> bytes:
    document = {
        "title": table.title,
        "source": source_url,
        "columns": [{"key": column.key, "label": column.label} for column in table.columns],
        "rows": [{key: _plain(value) for key, value in row.items()} for row in table.as_dicts()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def download_response(table: DataTable, fmt: str, *, filename: str, source_url: str = "") -> HttpResponse:
    """The table as an attachment in `fmt` (csv, xlsx or json)."""
    if fmt == "csv":
        body = table_as_csv(table)
    elif fmt == "xlsx":
        body = table_as_xlsx(table)
    elif fmt == "json":
        body = table_as_json(table, source_url=source_url)
    else:
        raise ValueError(f"Unknown format {fmt!r}")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
