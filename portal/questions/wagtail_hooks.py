"""Questions in Wagtail's admin: the moderators' queue, the fields, and the counts on the dashboard."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.questions.admin import QuestionEditView, QuestionIndexView, QuestionPermissionPolicy, edit_handler
from portal.questions.models import Question, QuestionField, Status
from portal.site_scoping import (
    SiteScopedForm,
    SiteScopedIndexView,
    SiteScopedPermissionPolicy,
    SiteScopedViewSetMixin,
    visible_to,
)

# Before the viewset is registered: it reads the policy from Wagtail's registry.
register_permission_policy(Question, QuestionPermissionPolicy(Question), exact_class=True)


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "question_queue"
    url_prefix = "questions"
    icon = "help"
    menu_label = _("Questions")
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    edit_handler = edit_handler
    copy_view_enabled = False
    list_display = ["queue_title", "field", "unit", "status", "received_at"]
    list_filter = ["status", "field", "unit", "kind"]
    search_fields = ["title", "subject"]
    search_backend_name = None  # the database, not the index: the index holds published answers only
    ordering = ["-received_at"]
    list_per_page = 30


register_permission_policy(QuestionField, SiteScopedPermissionPolicy(QuestionField), exact_class=True)


class QuestionFieldViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = QuestionField
    index_view_class = SiteScopedIndexView
    name = "question_fields"
    url_prefix = "questions/fields"
    icon = "tag"
    menu_label = _("Fields")
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")],
        base_form_class=SiteScopedForm,
    )
    list_display = ["name", "slug", "site", "sort_order"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False


class QuestionsGroup(ViewSetGroup):
    menu_label = _("Questions and feedback")
    menu_icon = "help"
    menu_order = 230
    items = (QuestionViewSet, QuestionFieldViewSet)


@hooks.register("register_admin_viewset")
def register_questions():
    return QuestionsGroup()


class QuestionsPanel(Component):
    """How many questions wait for a unit and how many are being answered, with links to each list."""

    name = "questions"
    order = 40
    template_name = "questions/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        counts = dict(
            visible_to(Question.objects.all(), parent_context["request"].user)
            .filter(status__in=[Status.RECEIVED, Status.IN_PROGRESS])
            .order_by()
            .values_list("status")
            .annotate(count=Count("pk"))
        )
        index = reverse("question_queue:index")
        return {
            "rows": [
                (Status.RECEIVED.label, counts.get(Status.RECEIVED, 0), f"{index}?status={Status.RECEIVED}"),
                (
                    Status.IN_PROGRESS.label,
                    counts.get(Status.IN_PROGRESS, 0),
                    f"{index}?status={Status.IN_PROGRESS}",
                ),
            ],
            "index_url": index,
        }


@hooks.register("construct_homepage_panels")
def add_questions_panel(request, panels):
    if request.user.has_perm("questions.change_question"):
        panels.append(QuestionsPanel())
