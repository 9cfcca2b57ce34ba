"""Who may change an agency: the agency snippet's permission policy and its edit and delete views.

An agency has no drafts, so saving one is publishing it: its name and kind show at once on every
ranking, comparison and download that names it. Once an agency has published figures (a result in a
published edition or a published service count: `Agency.objects.with_published_figures()`), changing or
deleting it also needs `indexes.change_published_agency`, which migration 0003 gives Kiểm duyệt viên.
Biên tập viên add agencies and change those nobody outside the admin sees yet.
"""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView

from indexes.models.figures import Agency
from portal.admin_permissions import ExplainedRefusals, RefusalMixin

CHANGE_PUBLISHED = "indexes.change_published_agency"


class AgencyPermissionPolicy(ExplainedRefusals, ModelPermissionPolicy):
    def allowed_by_wagtail(self, user, action, instance) -> bool:
        return ModelPermissionPolicy.user_has_permission(self, user, action)

    def extra_refusal(self, user, action, instance) -> str | None:
        if action not in ("change", "delete") or user.has_perm(CHANGE_PUBLISHED):
            return None
        if not Agency.objects.with_published_figures().filter(pk=instance.pk).exists():
            return None
        return gettext(
            "The agency “%(name)s” has published figures, so only a moderator may change or delete it."
        ) % {"name": instance.name}


class AgencyEditView(RefusalMixin, EditView):
    def refusal_url(self) -> str:
        return reverse(self.index_url_name)


class AgencyDeleteView(RefusalMixin, DeleteView):
    def refusal_url(self) -> str:
        return reverse(self.index_url_name)
