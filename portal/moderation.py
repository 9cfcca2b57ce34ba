"""Moderating from the dashboard.

"Chờ bạn duyệt" lists what awaits the user's review, as Wagtail's own panel does, but finds it with one
query however many department sites (each with its own approval task) the install holds.

Approving: Wagtail's "…" menu publishes at once on "Phê duyệt", without a word. The portal's dashboard
asks first (this view's dialog), then says what happened, with a link to the live page."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import GroupApprovalTask, Page, Revision, Task, TaskState


def reviewable_task_states(user) -> QuerySet[TaskState]:
    """The task states `user` may approve or reject now: Wagtail's `TaskState.objects.reviewable_by`,
    which asks each active task in turn (one query per task, so per department site). Here the group
    approval tasks, every site's, are answered in one query: in progress, on an active task, and the user
    is a superuser or in one of the task's groups. Any other kind of task still answers for itself."""
    group_approval = ContentType.objects.get_for_model(GroupApprovalTask)
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, task__active=True, task__content_type=group_approval
    )
    if not user.is_superuser:
        in_task_groups = GroupApprovalTask.groups.through.objects.filter(
            groupapprovaltask_id=OuterRef("task_id"), group__user=user
        )
        states = states.filter(Exists(in_task_groups))
    for task in Task.objects.filter(active=True).exclude(content_type=group_approval).specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Chờ bạn duyệt" panel (same template, same rows and actions), its task states found by
    `reviewable_task_states`. Wagtail's `get_context_data`, with only that line changed."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = {
            "states": [],
            "request": request,
            "csrf_token": parent_context["csrf_token"],
        }
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context

        states = (
            reviewable_task_states(request.user)
            .select_related("revision", "revision__user", "workflow_state", "workflow_state__workflow")
            .prefetch_related("revision__content_object", "revision__content_object__latest_revision")
            .order_by("-started_at")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
        )
        for state in states:
            obj = state.revision.content_object
            if not obj:  # the object is gone (no GenericRelation to keep it)
                continue
            action_url_name = "wagtailadmin_pages:workflow_action"
            preview_url_name = "wagtailadmin_pages:workflow_preview"
            compare_url_name = "wagtailadmin_pages:revisions_compare"
            if not isinstance(obj, Page):  # a snippet under a workflow
                viewset = obj.snippet_viewset
                action_url_name = viewset.get_url_name("workflow_action")
                preview_url_name = viewset.get_url_name("workflow_preview")
                compare_url_name = viewset.get_url_name("revisions_compare")
            if not getattr(obj, "is_previewable", False):
                preview_url_name = None
            context["states"].append(
                {
                    "obj": obj,
                    "revision": state.revision,
                    "previous_revision_id": state.previous_revision_id,
                    "live_revision_id": obj.live_revision_id,
                    "task_state": state,
                    "actions": state.task.specific.get_actions(obj, request.user),
                    "workflow_tasks": state.workflow_state.all_tasks_with_status(),
                    "workflow_action_url_name": action_url_name,
                    "workflow_preview_url_name": preview_url_name,
                    "revisions_compare_url_name": compare_url_name,
                }
            )
        return context


class ConfirmApprovalView(WorkflowActionView):
    """Wagtail's workflow action "approve" for a page, behind a confirmation dialog."""

    submit_url_name = "portal_confirm_approval"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, action_name="approve", **kwargs)

    def get_form_class(self):
        return None  # a plain confirmation; "Phê duyệt kèm nhận xét" remains for a comment

    def get(self, request, *args, **kwargs):
        return self.render_modal_form(request, None)

    def get_template_names(self):
        return ["portal/admin/confirm_approval.html"]

    def get_submit_url(self):
        return reverse(self.submit_url_name, args=(self.object.pk, self.task_state.id))

    def get_context_data(self, **kwargs):
        workflow_state = self.task_state.workflow_state
        tasks = list(workflow_state.workflow.tasks.filter(active=True).values_list("pk", flat=True))
        return super().get_context_data(
            last_step=not tasks or tasks[-1] == self.task.pk,
            next_url=self.redirect_url,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        page = self.object.specific_class.objects.get(pk=self.object.pk)
        title = page.draft_title or page.title
        if page.workflow_in_progress:
            messages.success(request, format_html(_("“{}” approved: it goes on to the next step."), title))
        elif page.live:
            messages.success(
                request,
                format_html(_("“{}” approved and published."), title),
                buttons=[messages.button(page.url, _("View on the site"), new_window=True)],
            )
        else:
            messages.success(request, format_html(_("“{}” approved."), title))
        return response
