"""The report of an import: the problems found in the file and what happens to each row."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indexes.models.figures import IndexEdition

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


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
    # The full score the import gives an edition that had none (no components, none typed): the
    # largest "Điểm tối đa" of the file.
    framework_maximum: Decimal | None = None

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
        return bool(self.created or self.updated or self.framework_maximum)

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
