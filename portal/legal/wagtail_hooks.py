"""The library in Wagtail's admin: one menu with the documents and the lists they are filed under.

The documents themselves are pages under the library page (the page tree's moderation applies); the
menu's first item opens them. Forms, issuing bodies and fields are snippets that Kiểm duyệt viên
manage (`migrations/0002_roles_and_forms.py`).
"""

from django.shortcuts import redirect
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.legal.models import DocumentField, DocumentForm, Issuer, LegalLibraryPage


class DocumentFormViewSet(SnippetViewSet):
    model = DocumentForm
    icon = "doc-full"
    list_display = ["name", "abbreviation", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "group"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "tag"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class LegalDocumentsGroup(SnippetViewSetGroup):
    menu_label = _("Legal documents")
    menu_icon = "doc-full-inverse"
    menu_order = 205
    items = (DocumentFormViewSet, IssuerViewSet, DocumentFieldViewSet)


register_snippet(LegalDocumentsGroup)
LegalDocumentsGroup.submenu_hook = "register_legal_documents_menu_item"


@hooks.register("register_admin_urls")
def register_library_url():
    """/admin/legal/documents/: the library's documents in the page explorer."""
    return [path("legal/documents/", library_in_explorer, name="legal_documents")]


def library_in_explorer(request):
    library = LegalLibraryPage.objects.order_by("path").first()
    return redirect("wagtailadmin_explore", library.pk if library else Page.get_first_root_node().pk)


@hooks.register("register_legal_documents_menu_item")
def register_library_menu_item():
    """ "All documents", first in the menu: where documents are written, submitted and published."""
    return MenuItem(
        _("All documents"),
        reverse_lazy("legal_documents"),
        name="all-documents",
        icon_name="folder-open-inverse",
        order=0,
    )
