"""What an editor sees in the editor: the document numbers their draft cites, and what each becomes.

Add `CitedDocumentsPanel()` to the panels of a model registered in `portal.legal.registry`. It reads
the draft as last saved and lists each number it found: linked to a published document of the
library, matching only a document not yet published, matching several (a date after the number
tells them apart), or not in the library.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from portal.legal.citations import findings


class CitedDocumentsPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Documents cited"))
        kwargs.setdefault(
            "help_text",
            _(
                "Document numbers found in the text as last saved (save the draft to refresh). Those of "
                "published documents in the library become links when the page is shown."
            ),
        )
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "legal/admin/cited_documents_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["findings"] = findings(self.instance) if self.instance is not None else None
            return context
