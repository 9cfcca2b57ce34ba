"""Approving from the dashboard: Wagtail's "…" menu publishes at once on "Phê duyệt", without a word.
The portal's dashboard asks first (this view's dialog), then says what happened, with a link to the live
page."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView


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
