"""The admin form of a legal document: the address is made from the number when left empty."""

from django.utils.translation import gettext_lazy as _

from portal.admin_forms import PortalPageForm


class LegalDocumentPageForm(PortalPageForm):
    """A document's title is made from its form and number ("Quyết định 57/QĐ-UBND"), and its slug
    from the number and year ("57-qd-ubnd-2024") unless the editor writes one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The document's address. Left empty, it is made from the number and the year."
            )
        if self.parent_page is not None and not self.instance.pk:
            # The model checks a new number against the library it is being added to.
            self.instance._cached_parent_obj = self.parent_page
