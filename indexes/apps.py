from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexesConfig(AppConfig):
    name = "indexes"
    verbose_name = _("Reform indexes")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from indexes.citations import register_editions
        from indexes.models import Agency, ClassificationBand, Component, ComponentScore, Correction, Result
        from indexes.permissions import AgencyPermissionPolicy
        from portal.caching.generation import purge_when_changed

        # Before the agency snippet's viewset is registered, which then uses it (indexes/permissions.py).
        register_permission_policy(Agency, AgencyPermissionPolicy(Agency))

        # Editions and service counts purge when published; these rows have no drafts of their own.
        purge_when_changed(Agency, Result, ComponentScore, Correction, Component, ClassificationBand)
        # The legal documents library records the documents editions cite (their decision, methodology).
        register_editions()
        # E-mail alerts when editions, corrections and service counts become public.
        from indexes.alerts import connect

        connect()
