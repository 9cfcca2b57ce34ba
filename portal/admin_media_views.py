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

    def get_success_message(self):
        # The image chooser's "Dùng ảnh đã có và xóa ảnh mới" deletes a duplicate the editor has just
        # uploaded and goes on choosing: no "Image deleted" message waiting for their next page, where it
        # would read as if the article's picture had gone.
        if self.request.GET.get("next", "").startswith(reverse("wagtailimages_chooser:choose")):
            return None
        return super().get_success_message()


class PortalDocumentDeleteView(RefusalMixin, DocumentDeleteView):
    def refusal_url(self) -> str:
        return reverse("wagtaildocs:edit", args=[self.object.pk])
