"""`manage.py create_department_site --host … --agency … --name …`: a department's site on this install."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.management.department_sites import create_department_site


class Command(BaseCommand):
    help = (
        "Create a department's site: its home page and fixed sections, identity tied to its agency, "
        "a collection, an editors' and a moderators' group and the moderation workflow."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", required=True, help="Host name, with :port when not 80.")
        parser.add_argument("--agency", required=True, help="The agency's slug or name in the figures.")
        parser.add_argument("--name", required=True, help="The department's name, as its groups show it.")
        parser.add_argument("--portal-name", default="", help="The portal's name in the header.")
        parser.add_argument("--hub", action="store_true", help="The province's hub, not a department.")

    def handle(self, *args, **options):
        try:
            made = create_department_site(
                host=options["host"],
                agency=options["agency"],
                name=options["name"],
                portal_name=options["portal_name"],
                is_hub=options["hub"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        site = made.site
        self.stdout.write(self.style.SUCCESS(f"Site: {site.hostname}:{site.port} → {made.home.title}"))
        self.stdout.write(f"Groups: {made.editors.name}, {made.moderators.name}")
        self.stdout.write(f"Collection: {made.collection.name}; workflow: {made.workflow.name}")
