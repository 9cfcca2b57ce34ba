"""Reading an uploaded CSV or XLSX file into `SheetRows`: its header row and the rows below it.

A file is measured before it is read in full: its size; for a workbook, what its parts hold once
uncompressed (a few hundred kilobytes can unpack to gigabytes) and the row count its sheet declares;
for CSV, its lines. The sheet is then streamed (openpyxl's read-only mode), and reading stops as soon
as it passes the row limit, so no upload can hold a worker for long.
"""

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.utils.translation import gettext as _

from indexes.importers.cells import AGENCY, HEADER_ALIASES, is_empty, match_key, normalise, parse_header

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 2000  # rows with content; an edition ranks tens or hundreds of agencies
MAX_COLUMNS = 100
HEADER_SEARCH_ROWS = 20  # a title may stand above the header row
# Rows read at all, empty ones included, before giving up on a sheet: the rows allowed, a title and
# header above them, and room for blank lines between.
MAX_SCANNED_ROWS = 2 * MAX_ROWS + HEADER_SEARCH_ROWS
# What a workbook may hold once unpacked: 2,000 rows of 100 columns of text are far below it.
MAX_UNCOMPRESSED_SIZE = 50 * 1024 * 1024
MAX_PARTS = 200
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")
SHEET_HEAD_BYTES = 4096  # the <dimension> element comes first in a worksheet's XML
EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(Exception):
    """The upload cannot be read as a table at all (wrong type, damaged, too large, not UTF-8)."""


@dataclass
class SheetRow:
    """One row of the sheet below the header: its number in the spreadsheet and its cells."""

    number: int
    cells: list[object]
    overflow: bool = False  # non-empty cells to the right of the last header

    def get(self, position: int) -> object:
        """The cell under the header at `position` (None past the row's end)."""
        return self.cells[position] if position < len(self.cells) else None


@dataclass
class SheetRows:
    """A sheet read from an upload: the header row (its titles and number) and the rows below it."""

    headers: list[str]
    header_row: int
    rows: list[SheetRow]

    def as_dicts(self) -> list[dict[str, object]]:
        """The rows as dictionaries from header to cell (a repeated header keeps its last cell)."""
        return [{header: row.get(i) for i, header in enumerate(self.headers)} for row in self.rows]


AGENCY_HEADERS = frozenset(key for key, meaning in HEADER_ALIASES.items() if meaning == AGENCY)


def read_sheet(file: BinaryIO, filename: str, *, header_keys: frozenset[str] = AGENCY_HEADERS) -> SheetRows:
    """Read the first sheet of an XLSX file, or a CSV file, into `SheetRows`.

    The header row is the first (of the first 20) holding one of `header_keys` (compared by
    `match_key`): by default the agency column of a results table.

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
    return _rows_below_header(lines, header_keys)


def too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(count)d rows; import at most %(count)d agencies at a time.")
        % {"count": MAX_ROWS}
    )


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
    if text.count("\n") > MAX_SCANNED_ROWS:
        raise too_many_rows()
    delimiter = _sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(itertools.islice(reader, MAX_SCANNED_ROWS + 1))
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


def check_workbook(data: bytes) -> None:
    """Refuse a workbook that would unpack too large or that declares too many rows, reading only
    the archive's directory and the first bytes of each worksheet."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx) or it is damaged.")) from None
    with archive:
        if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNCOMPRESSED_SIZE:
            raise ImportFileError(
                _("The workbook unpacks to more than %(size)d MB; a table of results is far smaller.")
                % {"size": MAX_UNCOMPRESSED_SIZE // (1024 * 1024)}
            )
        for part in parts:
            if not part.filename.startswith("xl/worksheets/") or not part.filename.endswith(".xml"):
                continue
            try:
                with archive.open(part) as sheet:
                    head = sheet.read(SHEET_HEAD_BYTES)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):
                raise ImportFileError(
                    _("The file is not an Excel workbook (.xlsx) or it is damaged.")
                ) from None
            declared = DIMENSION.search(head)
            if declared and declared[1] and int(declared[1]) > MAX_SCANNED_ROWS:
                raise too_many_rows()


def _read_xlsx(data: bytes) -> list[list[object]]:
    if not data.startswith(b"PK"):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    check_workbook(data)
    import openpyxl  # here: only an import reads a workbook (7 MB in every worker otherwise)

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # openpyxl reports a damaged workbook with whatever its zip, XML or style readers raise.
    except Exception:  # noqa: BLE001
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx) or it is damaged.")) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        # In read-only mode openpyxl stops at the row count the sheet declares, which some programs
        # understate: rows past it would be dropped without a word. Read them all, up to the limit.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        lines = [list(row) for row in itertools.islice(rows, MAX_SCANNED_ROWS + 1)]
        if len(lines) > MAX_SCANNED_ROWS:
            raise too_many_rows()
        return lines
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 – as above, while the rows are read
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx) or it is damaged.")) from None
    finally:
        workbook.close()


def _rows_below_header(lines: list[list[object]], header_keys: frozenset[str]) -> SheetRows:
    if len(lines) > MAX_SCANNED_ROWS:
        raise too_many_rows()
    numbered = [
        (number, cells) for number, cells in enumerate(lines, start=1) if not all(map(is_empty, cells))
    ]
    if not numbered:
        raise ImportFileError(_("The file has no rows."))
    # The header is the first row that names a key column; failing that, the first row.
    header_number, header_cells = next(
        (
            (number, cells)
            for number, cells in numbered[:HEADER_SEARCH_ROWS]
            if any(match_key(cell) in header_keys for cell in cells if not is_empty(cell))
        ),
        numbered[0],
    )
    headers = ["" if is_empty(cell) else normalise(cell) for cell in header_cells[:MAX_COLUMNS]]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, cells in numbered:
        if number <= header_number:
            continue
        overflow = any(not is_empty(cell) for cell in cells[len(headers) :])
        rows.append(SheetRow(number=number, cells=list(cells[: len(headers)]), overflow=overflow))
    if len(rows) > MAX_ROWS:
        raise too_many_rows()
    return SheetRows(headers=headers, header_row=header_number, rows=rows)
