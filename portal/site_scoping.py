"""What a department owns outside its page tree: snippets with a `site`, filtered to the request's site on
the public pages and to the editor's sites in the admin.

A row with a site belongs to that department (its news categories, question fields, units, leaders,
schedule weeks, questions); a row without one is shared by every site (a category the province defines
for all). Public pages show their site's rows and the shared ones; the hub, every site's. In the admin a
department's editors list, choose, edit and delete only their sites' rows, and what they add is their
site's; the shared rows are the province's (superusers) to change.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.models import GroupPagePermission, Page, Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from portal.caching.generation import lists_generation_anywhere, site_root_paths
from portal.caching.local import kept_cache
from portal.models import AgencySettings


class SiteScoped(models.Model):
    """A row a department's site owns, or (no site) one shared by every site."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The department's site this belongs to. Empty: shared by every site."),
    )

    class Meta:
        abstract = True


# This process's copy of `all_sites()` and the list generation it was read under.
_sites_read: tuple[str, dict[int, Site]] | None = None


def all_sites() -> dict[int, Site]:
    """Every site by id, each with `is_hub` (whether it is the province's hub, whose lists cover every
    site), in one query read once per change anywhere but an article's text
    (`lists_generation_anywhere`: saving a site or its settings renews it) rather than on every page
    view; within a process, from its memory."""
    global _sites_read
    change = lists_generation_anywhere()
    if _sites_read is not None and _sites_read[0] == change:
        return _sites_read[1]
    sites = kept_cache().get(f"sites:{change}")
    if sites is None:
        hub = AgencySettings.objects.filter(site=OuterRef("pk"), is_hub=True)
        sites = {site.pk: site for site in Site.objects.annotate(is_hub=Exists(hub))}
        kept_cache().set(f"sites:{change}", sites, settings.FRAGMENT_CACHE_SECONDS)
    _sites_read = (change, sites)
    return sites


def is_hub(site: Site | None) -> bool:
    """Whether a site is the province's hub."""
    known = all_sites().get(site.pk) if site is not None else None
    return known is not None and known.is_hub


def hub_site_ids() -> set[int]:
    """The hub's id (a set: none before a hub is made), purged with every site's pages
    (`portal.caching.generation.sites_showing_every_site`)."""
    return {pk for pk, site in all_sites().items() if site.is_hub}


def site_of(page) -> Site | None:
    """The site whose tree holds a page (the innermost one), from Wagtail's cached list of site roots and
    `all_sites()`, so that scoping a page's own lists costs no query."""
    path = page.url_path or ""
    site_roots = site_root_paths()
    roots = [root for root in site_roots if path.startswith(root.root_path)]
    if not roots:
        return None
    return all_sites().get(max(roots, key=lambda root: len(root.root_path)).site_id)


def for_site(queryset, site: Site | None):
    """The rows a site shows: its own and the shared ones; every row on the hub or with no site."""
    if site is None or is_hub(site):
        return queryset
    return queryset.filter(Q(site=site) | Q(site__isnull=True))


def for_request(queryset, request):
    """`for_site` for the request's site."""
    return for_site(queryset, Site.find_for_request(request) if request is not None else None)


def own_first(queryset):
    """A site's own row before a shared one of the same slug."""
    return queryset.order_by(F("site").asc(nulls_last=True), "pk")


def editable_site_ids(user) -> set[int] | None:
    """The sites whose pages the user may edit (their groups' page permissions on the site's home page or
    above it); None for every site and the shared rows: superusers, and the install-wide groups, whose
    permissions are on the tree's root (every site, present and future)."""
    if user.is_superuser:
        return None
    paths = list(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
    )
    if any(len(path) <= Page.steplen for path in paths):
        return None
    return {
        site_id
        for site_id, root_path in Site.objects.values_list("pk", "root_page__path")
        if any(root_path.startswith(path) for path in paths)
    }


def visible_to(queryset, user):
    """The rows a user may see and change in the admin: their sites' (every row for superusers)."""
    site_ids = editable_site_ids(user)
    return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)


class SiteScopedPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, and for one row only if it belongs to one of the user's sites."""

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and self._owns(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and self._owns(
            user, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_to(super().instances_user_has_any_permission_for(user, actions), user)

    @staticmethod
    def _owns(user, instance) -> bool:
        site_ids = editable_site_ids(user)
        return site_ids is None or instance.site_id in site_ids


class SiteScopedForm(WagtailAdminModelForm):
    """The `site` field offers the editor's own sites only, and a department's editor must pick one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("site")
        if field is None or self.for_user is None:
            return
        site_ids = editable_site_ids(self.for_user)
        if site_ids is not None:
            field.queryset = Site.objects.filter(pk__in=site_ids)
            field.required = True
            field.empty_label = None
            if not self.instance.pk and len(site_ids) == 1:
                self.initial.setdefault("site", next(iter(site_ids)))
        elif isinstance(field, forms.ModelChoiceField):
            field.empty_label = _("Shared by every site")


class SiteScopedChoosing:
    """A chooser's rows: the editor's sites' and the shared ones."""

    def get_object_list(self):
        objects = super().get_object_list()
        site_ids = editable_site_ids(self.request.user)
        return objects if site_ids is None else objects.filter(Q(site_id__in=site_ids) | Q(site__isnull=True))


class SiteScopedChooseView(SiteScopedChoosing, ChooseView):
    pass


class SiteScopedChooseResultsView(SiteScopedChoosing, ChooseResultsView):
    pass


class SiteScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SiteScopedChooseView
    choose_results_view_class = SiteScopedChooseResultsView


class SiteScopedIndexView(IndexView):
    """A ModelViewSet's listing of the editor's sites' rows (snippets' listings use `get_queryset`)."""

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request.user)


class OwnRowsOnly:
    """A view of one row (edit, delete, copy, history…) that refuses a row of another site."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        site_ids = editable_site_ids(self.request.user)
        if site_ids is not None and instance.site_id not in site_ids:
            raise PermissionDenied
        return instance


# The viewset's views that open one row.
ROW_VIEWS = [
    "edit_view_class",
    "delete_view_class",
    "copy_view_class",
    "inspect_view_class",
    "history_view_class",
    "usage_view_class",
    "unpublish_view_class",
    "revisions_view_class",
    "revisions_revert_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "lock_view_class",
    "unlock_view_class",
    "workflow_history_view_class",
    "workflow_history_detail_view_class",
]


class SiteScopedViewSetMixin:
    """For a SnippetViewSet or ModelViewSet: the listing holds the editor's sites' rows and the chooser
    the editor's and the shared ones. Register `SiteScopedPermissionPolicy` for the model too, so that
    opening or changing another site's row is refused."""

    chooser_viewset_class = SiteScopedChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ROW_VIEWS:
            view_class = getattr(self, name, None)
            if (
                isinstance(view_class, type)
                and hasattr(view_class, "get_object")
                and not issubclass(view_class, OwnRowsOnly)
            ):
                setattr(self, name, type(view_class.__name__, (OwnRowsOnly, view_class), {}))

    def get_queryset(self, request):
        parent = getattr(super(), "get_queryset", None)  # SnippetViewSet's; a ModelViewSet has none
        queryset = parent(request) if parent else None
        if queryset is None:
            queryset = self.model._default_manager.all()
        return visible_to(queryset, request.user)
