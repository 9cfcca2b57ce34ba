from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "portal.legal"
    label = "legal"
    verbose_name = _("Legal documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.caching.generation import purge_when_changed
        from portal.legal import citations
        from portal.legal.models import DocumentField, DocumentForm, Issuer

        citations.connect()
        # Documents purge when published; the lists show on the library's filters as soon as saved.
        purge_when_changed(DocumentForm, Issuer, DocumentField)
