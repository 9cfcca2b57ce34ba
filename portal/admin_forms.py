"""Forms of Wagtail's admin that the portal adjusts."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    """Wagtail's login form, with a password label that can be translated.

    Wagtail's own declares the field without a label, so Django shows the untranslatable "Password"
    made from the field's name.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
