"""The library's page types under Wagtail's page test tools (as `tests/test_page_types.py` does for the
others): where they may be created, every route they answer, their editor and preview."""

import datetime

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.legal.models import LegalDocumentPage, LegalLibraryPage
from portal.models import HomePage
from tests.factories import SuperuserFactory, make_agency_site
from tests.legal.helpers import add_document, field, form, issuer, make_library, wagtail_file

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
LIBRARY_ROUTES = {"listing": [("/", HTML)], "feed": [("rss/", RSS)]}


class LibraryPageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_agency_site()
        cls.library = make_library(cls.home)
        cls.document = add_document(cls.library, field=field(), files=[wagtail_file("57.pdf")])

    def test_each_type_has_its_place_in_the_tree(self):
        self.assertAllowedParentPageTypes(LegalLibraryPage, {HomePage})
        self.assertAllowedSubpageTypes(LegalLibraryPage, {LegalDocumentPage})
        self.assertAllowedParentPageTypes(LegalDocumentPage, {LegalLibraryPage})
        self.assertAllowedSubpageTypes(LegalDocumentPage, set())
        self.assertCanCreateAt(LegalLibraryPage, LegalDocumentPage)
        self.assertCanNotCreateAt(HomePage, LegalDocumentPage)
        self.assertCanNotCreateAt(Page, LegalLibraryPage)
        self.assertFalse(LegalLibraryPage.can_create_at(self.home))  # one library under a home page

    def test_every_route_of_the_library(self):
        self.assertEqual(
            {pattern.name for pattern in LegalLibraryPage.get_subpage_urls()},
            {*LIBRARY_ROUTES, "index_route"},
        )
        for name, paths in LIBRARY_ROUTES.items():
            for path, content_type in paths:
                with self.subTest(route=name):
                    self.assertPageIsRoutable(self.library, path)
                    self.assertPageIsRenderable(self.library, path)
                    response = self.client.get(self.library.url + path.lstrip("/"))
                    self.assertEqual(response["Content-Type"], content_type)
                    self.assertContains(response, "57/QĐ-UBND")

    def test_the_document_page(self):
        self.assertPageIsRoutable(self.document)
        self.assertPageIsRenderable(self.document)

    def check_editor(self, page, data: dict, shown: str):
        self.assertPageIsEditable(page, post_data=data)
        self.assertPageIsPreviewable(page, post_data=data)
        self.client.force_login(SuperuserFactory())
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "action-publish"}
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        self.client.logout()
        self.assertContains(self.client.get(page.url), shown)

    def test_the_library_in_the_editor(self):
        data = nested_form_data(
            {
                "title": self.library.title,
                "slug": self.library.slug,
                "intro": "Văn bản của Sở và của cấp trên.",
            }
        )
        self.check_editor(self.library, data, "Văn bản của Sở và của cấp trên.")

    def test_a_document_in_the_editor(self):
        data = nested_form_data(
            {
                "number": "57/QĐ-UBND",
                "form": form().pk,
                "issuer": issuer().pk,
                "signer": "Chủ tịch UBND tỉnh",
                "field": field().pk,
                "abstract": "Công bố kết quả Chỉ số CCHC năm 2023 (đã sửa).",
                "issued_on": datetime.date(2024, 1, 25).isoformat(),
                "effective_from": "",
                "expires_on": "",
                "validity": "con-hieu-luc",
                "files": inline_formset(
                    [
                        {"id": item.pk, "document": item.document_id, "label": ""}
                        for item in self.document.files.all()
                    ]
                ),
                "relations": inline_formset([]),
                "full_text": rich_text("<p>Tóm tắt.</p>"),
                "slug": self.document.slug,
            }
        )
        self.check_editor(self.document, data, "Công bố kết quả Chỉ số CCHC năm 2023 (đã sửa).")
