"""Admin forms for the figures, where a rule spans a result and its inline component scores."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class ResultForm(WagtailAdminModelForm):
    """A result's component scores may only use components of the result's own edition."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = self.formsets.get("component_scores")
        if scores is not None and self.instance.edition_id:
            own = self.instance.edition.components.all()
            for form in [*scores.forms, scores.empty_form]:
                form.fields["component"].queryset = own

    def clean(self):
        cleaned_data = super().clean()
        edition = cleaned_data.get("edition")
        scores = self.formsets.get("component_scores")
        if edition is None or scores is None:
            return cleaned_data
        for form in scores.forms:
            data = getattr(form, "cleaned_data", None) or {}
            component = data.get("component")
            if component is not None and not data.get("DELETE") and component.edition_id != edition.pk:
                form.add_error("component", _("This component belongs to another edition."))
        return cleaned_data
