"""Wagtail's image and document delete views, saying why when the portal refuses (portal/admin_permissions.py).

`portal/wagtail_hooks.py` puts them at Wagtail's own addresses (`wagtailimages:delete`,
`wagtaildocs:delete`), ahead of Wagtail's, so every link to delete an image or a document reaches them.
"""

from django.urls import reverse
from wagtail.documents.views.documents import DeleteView as DocumentDeleteView
from wagtail.images.views.images import DeleteView as ImageDeleteView

from portal.admin_permissions import RefusalMixin


class PortalImageDeleteView(RefusalMixin, ImageDeleteView):
    def refusal_url(self) -> str:
        return reverse("wagtailimages:edit", args=[self.object.pk])


class PortalDocumentDeleteView(RefusalMixin, DocumentDeleteView):
    def refusal_url(self) -> str:
        return reverse("wagtaildocs:edit", args=[self.object.pk])
