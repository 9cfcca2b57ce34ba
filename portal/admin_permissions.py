"""Permission policies that refuse more than Wagtail's, and say why, in the admin's language.

Wagtail's policies answer yes or no. The portal adds rules that depend on what is public (an image a
live page shows, an agency whose figures are published), and an editor who meets one should read the
reason, not Wagtail's "you do not have permission". So a policy here is Wagtail's own policy plus
`extra_refusal()`: the sentence that explains the refusal, or None. Wagtail reads the policy through
its registry everywhere (admin views, bulk actions, choosers, the API, its actions); `RefusalMixin`
shows the sentence in the views an editor opens.

Media in public use: an image or a document that published content uses (a live page, a published
snippet, a site setting: Wagtail's reference index tells which) may only be deleted by those who may
publish pages (Kiểm duyệt viên). Biên tập viên keep Wagtail's ownership rules otherwise: they delete
unused images and documents, and those only drafts use.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.models import DraftStateMixin, Page, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry


class ExplainedRefusals:
    """A permission policy mixin: Wagtail's answer for an object, then the portal's own rules."""

    def allowed_by_wagtail(self, user, action, instance) -> bool:
        """What the Wagtail policy this one extends says (each policy calls its base explicitly)."""
        raise NotImplementedError

    def extra_refusal(self, user, action, instance) -> str | None:
        """Why the portal refuses what Wagtail would allow, as a sentence for the user; None to allow."""
        return None

    def refusal(self, user, action, instance) -> str | None:
        """The portal's reason, when it alone refuses; None when Wagtail refuses anyway, or nobody does."""
        if not self.allowed_by_wagtail(user, action, instance):
            return None
        return self.extra_refusal(user, action, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.allowed_by_wagtail(user, action, instance) and not self.extra_refusal(
            user, action, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)


class RefusalMixin:
    """For Wagtail's edit and delete views: when the portal refuses the object, say why and go back.

    The view's `permission_required` action is checked on the object itself. A refusal is an error
    message on the page given by `refusal_url()` (a redirect, as Wagtail's own refusals are).
    """

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        reason = None
        if isinstance(policy, ExplainedRefusals):
            reason = policy.refusal(request.user, self.permission_required, self.object)
        if reason:
            messages.error(request, reason)
            return redirect(self.refusal_url())
        return super().dispatch(request, *args, **kwargs)

    def refusal_url(self) -> str:
        raise NotImplementedError


def may_delete_media_in_public_use(user) -> bool:
    """Those who may publish pages (Kiểm duyệt viên, administrators) may take media off public pages."""
    return user.is_active and (
        user.is_superuser or policy_registry.get_by_type(Page).user_has_permission(user, "publish")
    )


def public_uses(instance) -> int:
    """How many public objects use `instance`, by Wagtail's reference index.

    A page or snippet with draft states counts while it is live (the index records a page's live
    content); anything else (site settings, snippets without drafts) is public as soon as saved.
    """
    sources = defaultdict(set)
    for content_type_id, object_id in (
        ReferenceIndex.get_references_to(instance).values_list("content_type_id", "object_id").distinct()
    ):
        sources[content_type_id].add(object_id)
    count = 0
    for content_type_id, object_ids in sources.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, DraftStateMixin):
            count += model._default_manager.filter(pk__in=object_ids, live=True).count()
        else:
            count += len(object_ids)
    return count


class MediaPermissionPolicy(ExplainedRefusals, CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images or documents; deleting one in public use needs the right to publish."""

    in_use_message = None  # set per model: "The image “%(title)s” is used by published content…"

    def __init__(self, model, *, auth_model, in_use_message):
        super().__init__(model, auth_model=auth_model, owner_field_name="uploaded_by_user")
        self.in_use_message = in_use_message

    def allowed_by_wagtail(self, user, action, instance) -> bool:
        return CollectionOwnershipPermissionPolicy.user_has_any_permission_for_instance(
            self, user, [action], instance
        )

    def extra_refusal(self, user, action, instance) -> str | None:
        if action != "delete" or may_delete_media_in_public_use(user) or not public_uses(instance):
            return None
        return self.in_use_message % {"title": instance.title}


def image_permission_policy() -> MediaPermissionPolicy:
    from wagtail.images import get_image_model

    return MediaPermissionPolicy(
        get_image_model(),
        auth_model="wagtailimages.Image",
        in_use_message=_(
            "The image “%(title)s” is used by published content, so only a moderator may delete it."
        ),
    )


def document_permission_policy() -> MediaPermissionPolicy:
    from wagtail.documents import get_document_model

    return MediaPermissionPolicy(
        get_document_model(),
        auth_model="wagtaildocs.Document",
        in_use_message=_(
            "The document “%(title)s” is used by published content, so only a moderator may delete it."
        ),
    )
