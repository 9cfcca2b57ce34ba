from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site

        from portal.caching.generation import purge_on_publishing, purge_when_changed
        from portal.models import AgencySettings, NavigationSettings, VisitorSettings

        purge_on_publishing()
        purge_when_changed(
            AgencySettings,
            NavigationSettings,
            VisitorSettings,
            Site,
            PageViewRestriction,
            get_image_model(),
            get_document_model(),
        )
