"""`manage.py import_procedures FILE --agency SLUG --as-of YYYY-MM-DD`: replace an agency's procedure list.

All or nothing: when the file has a problem, every bad row is listed (exit status 1) and nothing is
written. Once a list is published, the agency's online-service figures are counted from it.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from indexes.importers.procedures import import_procedures
from indexes.models import Agency


class Command(BaseCommand):
    help = "Replace an agency's list of administrative procedures with a CSV or XLSX file, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .csv or .xlsx file.")
        parser.add_argument("--agency", required=True, help="The agency's slug.")
        parser.add_argument("--as-of", required=True, help="The date the list describes (YYYY-MM-DD).")
        parser.add_argument("--source", default="", help="Where the list comes from.")
        parser.add_argument("--publish", action="store_true", help="Publish the list after the import.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")

    def handle(self, *args, **options):
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            raise CommandError(_("There is no agency “%(slug)s”.") % {"slug": options["agency"]})
        try:
            as_of = datetime.date.fromisoformat(options["as_of"])
        except ValueError:
            raise CommandError(_("--as-of must be a date written YYYY-MM-DD.")) from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        with path.open("rb") as file:
            report = import_procedures(
                agency=agency,
                file=file,
                filename=path.name,
                as_of=as_of,
                source=options["source"],
                publish=options["publish"],
                dry_run=options["dry_run"],
            )
        if not report.ok:
            raise CommandError("\n".join(report.messages()))
        message = _("%(agency)s: %(count)d procedures (%(full)d fully online, %(partial)d partly online).")
        if report.dry_run:
            message = _(
                "%(agency)s: %(count)d procedures would be imported (%(full)d fully online, %(partial)d partly online)."
            )
        levels = [procedure.level for procedure in report.procedures]
        self.stdout.write(
            message
            % {
                "agency": agency.name,
                "count": len(levels),
                "full": levels.count("toan-trinh"),
                "partial": levels.count("mot-phan"),
            }
        )
        if report.ignored_columns:
            self.stdout.write(
                _("Columns ignored: %(columns)s.") % {"columns": ", ".join(report.ignored_columns)}
            )
