from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "portal.schedule"
    label = "schedule"
    verbose_name = _("Work schedule")
    default_auto_field = "django.db.models.BigAutoField"

    # Weeks purge the page cache when published or unpublished (they have draft states); their entries
    # are written only then. Leaders and units, which entries name, purge from portal.about.
