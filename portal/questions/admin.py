"""The moderators' queue in Wagtail's admin: each question, what was sent, and the actions on it.

Moderators (Kiểm duyệt viên) assign a question to a unit, write the title and question as the public
will read them and the answer, then publish it or decline it with a reason. Questions come from
citizens only: nobody adds or copies one here.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.log_actions import log

from portal.questions import moderation
from portal.questions.models import Question, Status
from portal.site_scoping import SiteScopedPermissionPolicy, visible_to


class QuestionPermissionPolicy(SiteScopedPermissionPolicy):
    """Questions are sent by citizens: no one creates or copies one in the admin; a department's
    moderators answer only the questions sent on their site."""

    def user_has_permission(self, user, action):
        return action not in ("add", "copy") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class QuestionAdminForm(WagtailAdminModelForm):
    """The moderator's fields; what each action needs is checked for that action only."""

    def __init__(self, *args, action: str = "edit", **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        question = self.instance
        # A starting point for the public version: the moderator removes what identifies the asker.
        if not question.title and question.subject:
            self.initial.setdefault("title", question.subject)
        if not question.public_text and question.text:
            self.initial.setdefault("public_text", question.text)

    def clean(self):
        cleaned = super().clean()
        if self.action == "publish":
            draft = Question(
                title=cleaned.get("title") or "",
                public_text=cleaned.get("public_text") or "",
                answer=cleaned.get("answer") or "",
            )
            for field, message in moderation.missing_for_publication(draft).items():
                self.add_error(field, message)
        elif self.action == "decline" and not (cleaned.get("decline_reason") or "").strip():
            self.add_error("decline_reason", _("Say why the question is declined: the asker is told."))
        return cleaned


edit_handler = ObjectList(
    [
        HelpPanel(heading=gettext_lazy("What was sent"), template="questions/admin/sent_panel.html"),
        # A plain list of units: an agency has a dozen, and the chooser's dialog would hide them.
        MultiFieldPanel(
            [FieldPanel("field"), FieldPanel("unit", widget=forms.Select)], heading=gettext_lazy("Filing")
        ),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("public_text"), FieldPanel("answer")],
            heading=gettext_lazy("Published question and answer"),
        ),
        FieldPanel("decline_reason"),
    ],
    base_form_class=QuestionAdminForm,
)


class QuestionIndexView(IndexView):
    any_permission_required = ["change", "delete", "view"]

    def get_base_queryset(self):
        return visible_to(super().get_base_queryset(), self.request.user)


ACTION_MESSAGES = {
    "edit": gettext_lazy("Question no. %(number)s saved."),
    "publish": gettext_lazy("The answer to question no. %(number)s is published."),
    "decline": gettext_lazy("Question no. %(number)s is declined; the asker can see the reason."),
    "withdraw": gettext_lazy("The answer to question no. %(number)s is no longer published."),
}


class QuestionEditView(EditView):
    """Save, publish, decline or withdraw, by the button pressed (`action-<name>` in the form)."""

    template_name = "questions/admin/edit.html"
    actions = ["edit", "publish", "decline", "withdraw"]
    error_message = gettext_lazy("The question could not be saved: see the messages by each field.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.action}

    def save_instance(self):
        question = self.form.save(commit=False)
        if self.action == "publish":
            moderation.publish(question, self.request)
        elif self.action == "decline":
            moderation.decline(question, self.request)
        elif self.action == "withdraw":
            moderation.withdraw(question)
        else:
            moderation.save(question)
        # The history names the question by number and public title only (see Question.__str__).
        log(instance=question, action="wagtail.edit", user=self.request.user)
        return question

    def save_action(self):
        messages.success(self.request, ACTION_MESSAGES[self.action] % {"number": self.object.pk})
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.object
        context["Status"] = Status
        return context
