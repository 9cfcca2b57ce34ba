"""`manage.py import_results FILE --edition SLUG`: import an edition's results from CSV or XLSX, all or nothing.

An edition that does not exist yet is created as a draft, with the components the header row names,
when --title and --year are given. Everything (the edition, new agencies, results) is written in one
transaction: when the file has a problem, the command lists every bad row and nothing remains.
"""

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from indexes.importers import (
    DEFAULT_GROUP,
    DEFAULT_PUBLISHER,
    ImportFileError,
    ImportReport,
    create_edition_from_headers,
    format_number,
    import_sheet,
    parse_number,
    read_sheet,
)
from indexes.models import IndexEdition


class Command(BaseCommand):
    help = (
        "Import an edition's results from a CSV or XLSX file (one row per agency), all or nothing. "
        "A missing edition is created as a draft from the header row when --title and --year are given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .csv or .xlsx file.")
        parser.add_argument("--edition", required=True, help="The edition's slug.")
        parser.add_argument("--title", help="Title of the edition to create when it does not exist.")
        parser.add_argument("--year", type=int, help="Year assessed, for an edition to create.")
        parser.add_argument(
            "--group", default=DEFAULT_GROUP, help=f"Group ranked (default: {DEFAULT_GROUP})."
        )
        parser.add_argument(
            "--publisher",
            default=DEFAULT_PUBLISHER,
            help=f"Who publishes the ranking, for an edition to create (default: {DEFAULT_PUBLISHER}).",
        )
        parser.add_argument(
            "--maximum",
            help="The framework's full score, for an edition to create without component columns "
            "(default: the largest “Điểm tối đa” in the file).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")
        parser.add_argument(
            "--create-agencies",
            action="store_true",
            help="Create the agencies the file names that do not exist.",
        )
        parser.add_argument("--publish", action="store_true", help="Publish the edition after the import.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            with path.open("rb") as file:
                sheet = read_sheet(file, path.name)
        except (ImportFileError, OSError) as error:
            raise CommandError(f"{path.name}: {error}") from None

        dry_run = options["dry_run"]
        with transaction.atomic():
            edition, created = self.edition(options, sheet.headers)
            report = import_sheet(
                edition=edition, sheet=sheet, create_agencies=options["create_agencies"], dry_run=dry_run
            )
            if not report.ok:
                # Leaving the block with the error undoes the edition this command may have created.
                raise CommandError("\n".join([report.summary(), *(str(issue) for issue in report.errors)]))
            components = (
                [f"{c.name} ({format_number(c.maximum)})" for c in edition.components.all()]
                if created
                else []
            )
            published = options["publish"] and not edition.live
            if published and not dry_run:
                edition.save_revision().publish()
            if dry_run:
                transaction.set_rollback(True)
        self.print_report(report, new_components=components if created else None, published=published)

    def edition(self, options, headers) -> tuple[IndexEdition, bool]:
        """The edition to import into, and whether it is created (as a draft) for the import."""
        edition = IndexEdition.objects.filter(slug=options["edition"]).first()
        if edition is not None:
            return edition, False
        if not options["title"] or not options["year"]:
            raise CommandError(
                _("There is no edition “%(slug)s”. Give --title and --year to create it as a draft.")
                % {"slug": options["edition"]}
            )
        try:
            edition = create_edition_from_headers(
                slug=options["edition"],
                title=options["title"],
                year=options["year"],
                group=options["group"],
                publisher=options["publisher"],
                headers=headers,
                maximum=self.maximum(options),
            )
        except ValidationError as error:
            problems = [
                f"{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise CommandError("\n".join([_("The edition cannot be created:"), *problems])) from None
        return edition, True

    def maximum(self, options) -> Decimal | None:
        """--maximum as a number, or None when not given."""
        if not options["maximum"]:
            return None
        try:
            value = parse_number(options["maximum"])
        except ValueError:
            value = None
        if value is None or value <= 0:
            raise CommandError(_("--maximum must be a number above zero.")) from None
        return value

    def print_report(
        self, report: ImportReport, *, new_components: list[str] | None, published: bool
    ) -> None:
        """The summary: a new edition, new agencies, every change, ignored columns, results not in the file."""
        edition = report.edition
        if new_components is not None:
            components = ", ".join(new_components) or "–"
            message = _("Draft edition “%(title)s” created, components: %(components)s.")
            if report.dry_run:
                message = _("Draft edition “%(title)s” would be created, components: %(components)s.")
            self.stdout.write(message % {"title": edition.title, "components": components})
        for row in report.rows:
            if row.new_agency:
                self.stdout.write(
                    _("Row %(row)s: new agency “%(name)s”.") % {"row": row.row, "name": row.agency}
                )
            for change in row.changes:
                self.stdout.write(
                    _("Row %(row)s, %(agency)s, %(column)s: %(before)s → %(after)s")
                    % {
                        "row": row.row,
                        "agency": row.agency,
                        "column": change.column,
                        "before": format_number(change.before) or "–",
                        "after": format_number(change.after) or "–",
                    }
                )
        if report.ignored_columns:
            self.stdout.write(
                _("Columns ignored: %(columns)s.") % {"columns": ", ".join(report.ignored_columns)}
            )
        if report.not_in_file:
            self.stdout.write(
                _("Results not in the file, left as they are: %(agencies)s.")
                % {"agencies": ", ".join(report.not_in_file)}
            )
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if published:
            message = (
                _("The edition would be published.") if report.dry_run else _("The edition is published.")
            )
            self.stdout.write(self.style.SUCCESS(message))
