from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    name = "portal.about"
    label = "about"
    verbose_name = _("About the agency")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.about.models import Leader, Unit
        from portal.caching.generation import purge_when_changed

        # Pages purge when published; units and leaders show on pages (and in the schedule) once saved.
        purge_when_changed(Unit, Leader)
