from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexesConfig(AppConfig):
    name = "indexes"
    verbose_name = _("Reform indexes")

    def ready(self):
        from indexes.citations import register_editions
        from indexes.models import Agency, ClassificationBand, Component, ComponentScore, Correction, Result
        from portal.caching.generation import purge_when_changed

        # Editions and service counts purge when published; these rows have no drafts of their own.
        purge_when_changed(Agency, Result, ComponentScore, Correction, Component, ClassificationBand)
        # The legal documents library records the documents editions cite (their decision, methodology).
        register_editions()
