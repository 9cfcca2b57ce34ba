from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, ReferenceIndex, Site
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from portal.admin_permissions import document_permission_policy, image_permission_policy
        from portal.caching.generation import (
            purge_on_publishing,
            purge_when_changed,
            sites_showing_every_site,
        )
        from portal.caching.routing import keep_published_page
        from portal.models import AgencySettings, NavigationSettings, VisitorSettings
        from portal.site_scoping import hub_site_ids

        # Deleting media that published content uses needs the right to publish (portal/admin_permissions.py).
        # exact_class: ahead of the policies Wagtail's own apps register for these models.
        register_permission_policy(get_image_model(), image_permission_policy(), exact_class=True)
        register_permission_policy(get_document_model(), document_permission_policy(), exact_class=True)
        # The site's identity (its logo) counts in the images' usage, as pages and snippets do.
        ReferenceIndex.register_model(AgencySettings)

        purge_on_publishing()
        # The first view after a publish finds the page kept (portal/caching/routing.py).
        page_published.connect(keep_published_page, dispatch_uid="routing-keep-published-page")
        # The hub shows every department's news and directory: a department's purge is the hub's too.
        if hub_site_ids not in sites_showing_every_site:
            sites_showing_every_site.append(hub_site_ids)
        purge_when_changed(
            AgencySettings,
            NavigationSettings,
            VisitorSettings,
            Site,
            PageViewRestriction,
            get_image_model(),
            get_document_model(),
        )
