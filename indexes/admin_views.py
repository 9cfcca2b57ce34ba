"""The admin screen that imports an edition's results from a CSV or XLSX file, with a trial run first."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from indexes.importers import EXTENSIONS, MAX_FILE_SIZE, ImportFileError, SheetRows, import_sheet, read_sheet
from indexes.models import IndexEdition, Result

PERMISSION = "indexes.change_result"


class ImportResultsForm(forms.Form):
    """An edition, a file of its results and whether agencies the file names may be created."""

    edition = forms.ModelChoiceField(
        label=gettext_lazy("Edition"),
        queryset=IndexEdition.objects.order_by("-year", "title"),
    )
    file = forms.FileField(
        label=gettext_lazy("Results file"),
        help_text=gettext_lazy("CSV (UTF-8) or XLSX, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    create_agencies = forms.BooleanField(
        label=gettext_lazy("Create the agencies that do not exist yet"),
        required=False,
    )

    sheet: SheetRows | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(limit)s can be imported.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_FILE_SIZE)}
            )
        try:
            upload.seek(0)
            self.sheet = read_sheet(upload, upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ImportResultsView(WagtailAdminTemplateMixin, FormView):
    """Check a file against an edition (trial run) or import it; show what each row does or what is wrong."""

    template_name = "indexes/admin/import_results.html"
    form_class = ImportResultsForm
    page_title = gettext_lazy("Import results")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_indexes_result:list"),
                "label": capfirst(Result._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        edition = IndexEdition.objects.filter(pk=self.request.GET.get("edition") or None).first()
        return {"edition": edition} if edition else {}

    def form_valid(self, form):
        dry_run = "import" not in self.request.POST
        report = import_sheet(
            edition=form.cleaned_data["edition"],
            sheet=form.sheet,
            create_agencies=form.cleaned_data["create_agencies"],
            dry_run=dry_run,
        )
        if not report.ok:
            messages.error(self.request, report.summary())
        elif dry_run:
            messages.info(self.request, report.summary())
        else:
            messages.success(self.request, report.summary())
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def form_invalid(self, form):
        messages.validation_error(self.request, _("The file could not be checked."), form)
        return super().form_invalid(form)


import_results = ImportResultsView.as_view()
