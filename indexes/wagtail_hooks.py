"""Reform-index figures in Wagtail's admin: one menu with agencies, editions, results and service counts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from indexes.models import Agency, IndexEdition, IndexSeries, ProcedureList, Result, ServiceCount
from indexes.permissions import AgencyDeleteView, AgencyEditView


class AgencyViewSet(SnippetViewSet):
    """Agencies, under `AgencyPermissionPolicy`: one with published figures is for Kiểm duyệt viên."""

    model = Agency
    icon = "group"
    edit_view_class = AgencyEditView
    delete_view_class = AgencyDeleteView
    list_display = ["name", "short_name", "kind", "province"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


class IndexEditionViewSet(SnippetViewSet):
    model = IndexEdition
    icon = "table"
    list_display = ["title", "year", "series", "decision_number"]
    list_filter = ["series", "year", "live"]
    search_fields = ["title"]
    ordering = ["-year", "title"]


class IndexSeriesViewSet(SnippetViewSet):
    """Who publishes a ranking for which group: ranks and changes never cross from one to another."""

    model = IndexSeries
    icon = "folder-open-inverse"
    list_display = ["publisher", "group", "slug"]
    search_fields = ["publisher", "group"]
    ordering = ["publisher", "group"]


class ResultViewSet(SnippetViewSet):
    model = Result
    icon = "list-ol"
    list_display = ["agency", "edition", "points", "index_value", "published_rank"]
    list_filter = ["edition", "agency__kind"]
    list_per_page = 50
    ordering = ["edition", "-index_value"]


class ServiceCountViewSet(SnippetViewSet):
    model = ServiceCount
    icon = "tasks"
    list_display = ["agency", "as_of", "period_label", "total_procedures", "online"]
    list_filter = ["agency", "live"]
    ordering = ["agency", "-as_of"]


class ProcedureListViewSet(SnippetViewSet):
    """Each agency's procedures (imported with `manage.py import_procedures`); published lists replace
    the typed online counts on the agency's page."""

    model = ProcedureList
    icon = "list-ul"
    list_display = ["agency", "as_of", "live"]
    list_filter = ["live"]
    ordering = ["agency__name"]


class ReformIndexesGroup(SnippetViewSetGroup):
    menu_label = _("Reform indexes")
    menu_icon = "table"
    menu_order = 210
    items = (
        IndexEditionViewSet,
        IndexSeriesViewSet,
        ResultViewSet,
        AgencyViewSet,
        ServiceCountViewSet,
        ProcedureListViewSet,
    )


register_snippet(ReformIndexesGroup)


# --- Importing results from a file ---------------------------------------------------------------------
# The group's submenu also lists the menu items registered with its `submenu_hook` (Wagtail's
# WagtailMenuRegisterableGroup), which is how the import screen joins the group's menu.
ReformIndexesGroup.submenu_hook = "register_reform_indexes_menu_item"


class ImportResultsMenuItem(MenuItem):
    """The import screen's menu item, shown to those who may change results."""

    def is_shown(self, request):
        return request.user.has_perm("indexes.change_result")


@hooks.register("register_admin_urls")
def register_import_results_url():
    """The import screen, at /admin/indexes/import-results/, and its template as CSV and XLSX."""
    from indexes import admin_views

    return [
        path("indexes/import-results/", admin_views.import_results, name="indexes_import_results"),
        path(
            "indexes/import-results/ket-qua-mau.<str:extension>",
            admin_views.results_template,
            name="indexes_import_results_template",
        ),
    ]


@hooks.register("register_reform_indexes_menu_item")
def register_import_results_menu_item():
    """The “Import results” item, last in the Reform indexes menu."""
    return ImportResultsMenuItem(
        _("Import results"),
        reverse("indexes_import_results"),
        name="import-results",
        icon_name="upload",
        order=5,
    )
