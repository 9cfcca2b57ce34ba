from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "portal.questions"
    label = "questions"
    verbose_name = _("Questions and feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.caching.generation import purge_when_changed
        from portal.questions.models import QuestionField

        # Fields show on /hoi-dap/ as soon as they are saved. Questions purge the page cache only when
        # what the public sees of them changes (`portal.questions.moderation`): a citizen sending one
        # must not empty the cache for everybody.
        purge_when_changed(QuestionField)
