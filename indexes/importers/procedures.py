"""Importing an agency's list of administrative procedures from CSV or XLSX, all or nothing.

The table has one row per procedure and these columns (matched as the results' headers are):

- "Mã thủ tục" (the code, required and unique in the file), "Tên thủ tục" (the name, required);
- optional "Lĩnh vực" (the field), "Mức độ" ("Toàn trình", "Một phần", or "Trực tuyến một phần";
  the older "Mức độ 4" and "Mức độ 3" read as fully and partly online; empty or anything saying it
  is not online: not online) and "Đường dẫn" (the procedure's page on the public-service portal).

The file replaces the agency's list: procedures it leaves out are removed. Every problem is reported
with its row and column, and then nothing is written. Reading shares `reading.py` with the results,
so the same size and row limits hold.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from indexes.importers.cells import is_empty, match_key, normalise
from indexes.importers.reading import ImportFileError, SheetRows, read_sheet
from indexes.models.figures import Agency, Procedure, ProcedureLevel, ProcedureList

CODE, NAME, FIELD, LEVEL, URL = "code", "name", "field", "level", "portal_url"
COLUMN_TITLES = {
    CODE: "Mã thủ tục",
    NAME: "Tên thủ tục",
    FIELD: "Lĩnh vực",
    LEVEL: "Mức độ",
    URL: "Đường dẫn",
}
HEADER_ALIASES = {
    "mã thủ tục": CODE,
    "mã tthc": CODE,
    "mã số": CODE,
    "tên thủ tục": NAME,
    "tên thủ tục hành chính": NAME,
    "tên tthc": NAME,
    "lĩnh vực": FIELD,
    "mức độ": LEVEL,
    "mức độ dvc": LEVEL,
    "mức độ dịch vụ công": LEVEL,
    "đường dẫn": URL,
    "liên kết": URL,
    "link": URL,
}
LEVELS = {
    "toàn trình": ProcedureLevel.FULL,
    "dvc trực tuyến toàn trình": ProcedureLevel.FULL,
    "trực tuyến toàn trình": ProcedureLevel.FULL,
    "mức độ 4": ProcedureLevel.FULL,
    "mức 4": ProcedureLevel.FULL,
    "một phần": ProcedureLevel.PARTIAL,
    "dvc trực tuyến một phần": ProcedureLevel.PARTIAL,
    "trực tuyến một phần": ProcedureLevel.PARTIAL,
    "mức độ 3": ProcedureLevel.PARTIAL,
    "mức 3": ProcedureLevel.PARTIAL,
    "": ProcedureLevel.OFFLINE,
    "trực tiếp": ProcedureLevel.OFFLINE,
    "không": ProcedureLevel.OFFLINE,
    "chưa trực tuyến": ProcedureLevel.OFFLINE,
    "mức độ 2": ProcedureLevel.OFFLINE,
    "mức độ 1": ProcedureLevel.OFFLINE,
}


@dataclass
class ProcedureImport:
    """What a procedure import found and did; when `errors` is not empty it wrote nothing."""

    agency: Agency
    dry_run: bool = False
    procedures: list[Procedure] = field(default_factory=list)
    errors: list[tuple[int | None, str, str]] = field(default_factory=list)  # (row, column, message)
    ignored_columns: list[str] = field(default_factory=list)
    removed: int = 0
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int | None, column: str, message: str) -> None:
        self.errors.append((row, column, message))

    def messages(self) -> list[str]:
        """Each problem as a sentence: "Dòng 3, cột Mức độ: …"."""
        lines = []
        for row, column, message in self.errors:
            if row and column:
                where = _("Row %(row)s, column %(column)s") % {"row": row, "column": column}
            elif row:
                where = _("Row %(row)s") % {"row": row}
            else:
                where = ""
            lines.append(f"{where}: {message}" if where else message)
        return lines


def import_procedures(
    *,
    agency: Agency,
    file: BinaryIO,
    filename: str,
    as_of: date,
    source: str = "",
    publish: bool = False,
    dry_run: bool = False,
) -> ProcedureImport:
    """Replace the agency's procedure list with the file's, all or nothing (see the module's docstring).

    A new list is a draft unless `publish`; an existing list keeps its state (a published list changes
    publicly at once, as an edition's results do) and is published by `publish`.
    """
    report = ProcedureImport(agency=agency, dry_run=dry_run)
    try:
        sheet = read_sheet(file, filename, header_keys=frozenset(HEADER_ALIASES))
    except ImportFileError as error:
        report.error(None, "", str(error))
        return report
    report.procedures = planned_procedures(sheet, report)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        procedure_list, _created = ProcedureList.objects.get_or_create(
            agency=agency, defaults={"as_of": as_of, "source": source, "live": False}
        )
        procedure_list.as_of = as_of
        procedure_list.source = source or procedure_list.source
        procedure_list.save()
        report.removed, _ = Procedure.objects.filter(procedure_list=procedure_list).delete()
        for order, procedure in enumerate(report.procedures):
            procedure.procedure_list = procedure_list
            procedure.sort_order = order
        Procedure.objects.bulk_create(report.procedures)
        revision = procedure_list.save_revision()  # the admin shows the list's history and state
        # A published list changes publicly at once: published again, so the log dates each public list
        # (the agency page as of a day, `?ngay=`, shows the list as it was then).
        if publish or procedure_list.live:
            revision.publish()
    report.applied = True
    return report


def planned_procedures(sheet: SheetRows, report: ProcedureImport) -> list[Procedure]:
    """The file's procedures, checked; problems go to the report with their row and column."""
    columns: dict[str, int] = {}
    for position, title in enumerate(sheet.headers):
        meaning = HEADER_ALIASES.get(match_key(title))
        if meaning is None:
            if title:
                report.ignored_columns.append(title)
        elif meaning in columns:
            report.error(sheet.header_row, title, _("This column appears twice."))
        else:
            columns[meaning] = position
    for required in (CODE, NAME):
        if required not in columns:
            report.error(sheet.header_row, COLUMN_TITLES[required], _("This column is missing."))
    if report.errors:
        return []
    url_valid = URLValidator(schemes=["http", "https"])
    seen: dict[str, int] = {}
    procedures = []
    for row in sheet.rows:
        cells = {
            meaning: "" if is_empty(row.get(position)) else normalise(row.get(position))
            for meaning, position in columns.items()
        }
        if not any(cells.values()):
            continue
        before = len(report.errors)
        for required in (CODE, NAME):
            if not cells[required]:
                report.error(row.number, COLUMN_TITLES[required], _("This cell is empty."))
        for name, limit in ((CODE, 60), (NAME, 500), (FIELD, 200), (URL, 500)):
            if len(cells.get(name, "")) > limit:
                report.error(
                    row.number, COLUMN_TITLES[name], _("At most %(count)d characters.") % {"count": limit}
                )
        code_key = match_key(cells[CODE])
        if code_key and code_key in seen:
            report.error(
                row.number,
                COLUMN_TITLES[CODE],
                _("This code is already in row %(row)s.") % {"row": seen[code_key]},
            )
        seen.setdefault(code_key, row.number)
        level = LEVELS.get(match_key(cells.get(LEVEL, "")))
        if level is None:
            report.error(
                row.number,
                COLUMN_TITLES[LEVEL],
                _("“%(value)s” is not a level; write Toàn trình, Một phần or leave it empty.")
                % {"value": cells[LEVEL]},
            )
        url = cells.get(URL, "")
        if url:
            try:
                url_valid(url)
            except ValidationError:
                report.error(row.number, COLUMN_TITLES[URL], _("Not a web address (http:// or https://)."))
        if len(report.errors) == before:
            procedures.append(
                Procedure(
                    code=cells[CODE],
                    name=cells[NAME],
                    field=cells.get(FIELD, ""),
                    level=level,
                    portal_url=url,
                )
            )
    if not procedures and not report.errors:
        report.error(None, "", _("The file lists no procedure."))
    return procedures
