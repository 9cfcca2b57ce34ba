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

    reading.py   the file (CSV or XLSX) into `SheetRows`: the header row and the rows below it
    cells.py     what headers and cells mean: the columns, numbers with a decimal comma
    report.py    the `ImportReport`: problems with their row and column, what happens to each row
    planning.py  checking the header and each row against the edition, deciding what changes
    writing.py   `import_results` and `import_sheet`, which write all or nothing; new draft editions
"""

from indexes.importers.cells import format_number, parse_header, parse_number
from indexes.importers.reading import (
    EXTENSIONS,
    MAX_FILE_SIZE,
    ImportFileError,
    SheetRow,
    SheetRows,
    read_sheet,
)
from indexes.importers.report import (
    CREATE,
    UNCHANGED,
    UPDATE,
    FieldChange,
    ImportIssue,
    ImportReport,
    RowOutcome,
)
from indexes.importers.writing import (
    DEFAULT_GROUP,
    DEFAULT_PUBLISHER,
    components_from_headers,
    create_edition_from_headers,
    import_results,
    import_sheet,
)

__all__ = [
    "CREATE",
    "DEFAULT_GROUP",
    "DEFAULT_PUBLISHER",
    "EXTENSIONS",
    "MAX_FILE_SIZE",
    "UNCHANGED",
    "UPDATE",
    "FieldChange",
    "ImportFileError",
    "ImportIssue",
    "ImportReport",
    "RowOutcome",
    "SheetRow",
    "SheetRows",
    "components_from_headers",
    "create_edition_from_headers",
    "format_number",
    "import_results",
    "import_sheet",
    "parse_header",
    "parse_number",
    "read_sheet",
]
