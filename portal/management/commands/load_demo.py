"""`manage.py load_demo`: load the demo content and the demo administrator; safe to run again."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.models import Page

from indexes.demo_content import link_editions_to_documents, load_indexes
from news.demo_content import link_articles_to_agencies, load_news, set_own_agency
from portal.about.demo_content import load_about, load_contact
from portal.demo_content import add_to_main_menu, append_to_main_menu, ensure_admin_user, load_site_shell
from portal.legal.citations import record_all
from portal.legal.demo_content import load_legal
from portal.management.province_demo import load_province
from portal.questions.demo_content import load_questions
from portal.schedule.demo_content import load_schedule


class Command(BaseCommand):
    help = "Load the portal's demo content and create a demo administrator. Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create or change the demo administrator."
        )
        parser.add_argument(
            "--province",
            action="store_true",
            help="Also the province's hub (tinh.localhost) and two department sites (soxd.localhost, sonv.localhost).",
        )

    def handle(self, *args, **options):
        site = load_site_shell()
        self.stdout.write(f"Site: {site.site_name} → {site.root_page.title}")
        home = site.root_page.specific
        new_sections = load_about(home)
        articles = load_news(home)
        load_indexes(home)
        link_articles_to_agencies()
        set_own_agency(site)
        documents = load_legal(home)
        link_editions_to_documents()
        record_all()  # the documents that articles and editions published before the library cite
        new_sections += load_schedule(home) + load_questions(home) + load_contact(home)
        # Not site.root_page.get_children(): that copy of the home page still counts no children.
        add_to_main_menu(site, Page.objects.child_of(site.root_page).live())
        append_to_main_menu(site, new_sections)
        self.stdout.write(f"News: {articles} demo articles")
        self.stdout.write(f"Legal documents: {documents} in the library")
        if options["province"]:
            for other in load_province(site):
                self.stdout.write(f"Site: http://{other.hostname}:8000/ → {other.site_name}")
        call_command("analyze_database", verbosity=0)
        if options["no_admin"]:
            return
        username = os.environ.get("DEMO_ADMIN_USERNAME", "admin")
        password, created = ensure_admin_user(
            username=username,
            password=os.environ.get("DEMO_ADMIN_PASSWORD") or None,
            email=os.environ.get("DEMO_ADMIN_EMAIL", "admin@example.gov.vn"),
        )
        self.stdout.write(self.style.SUCCESS("Admin: http://127.0.0.1:8000/admin/"))
        if password:
            verb = "created" if created else "password set from DEMO_ADMIN_PASSWORD"
            self.stdout.write(self.style.SUCCESS(f"  user: {username}  password: {password}  ({verb})"))
        else:
            self.stdout.write(
                f"  user: {username} already exists; its password is unchanged "
                "(set DEMO_ADMIN_PASSWORD to reset it)."
            )
