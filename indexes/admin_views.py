"""The admin screen that imports an edition's results from a CSV or XLSX file, with a trial run first.

A file that passed a trial run is kept for an hour (`indexes.checked_files`), so "Import" writes
exactly what the trial showed without choosing the file again. After an import the screen links to
the edition and, while the edition is a draft, offers to publish it.
"""

import csv
import io
import re
from pathlib import Path, PurePath

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from indexes import checked_files
from indexes.importers import EXTENSIONS, MAX_FILE_SIZE, ImportFileError, SheetRows, import_sheet, read_sheet
from indexes.models import IndexEdition, IndexesPage, Result

PERMISSION = "indexes.change_result"
PUBLISH_PERMISSION = "indexes.publish_indexedition"
SAMPLES = Path(__file__).resolve().parent / "samples"
TEMPLATE_NAME = "ket-qua-mau"


class ImportResultsForm(forms.Form):
    """An edition, a file of its results (or the one checked in the trial run) and whether agencies the
    file names may be created."""

    edition = forms.ModelChoiceField(
        label=gettext_lazy("Edition"),
        queryset=IndexEdition.objects.order_by("-year", "title"),
    )
    file = forms.FileField(
        label=gettext_lazy("Results file"),
        help_text=gettext_lazy("CSV (UTF-8) or XLSX, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
        required=False,
    )
    checked_file = forms.CharField(widget=forms.HiddenInput, required=False)
    create_agencies = forms.BooleanField(
        label=gettext_lazy("Create the agencies that do not exist yet"),
        required=False,
    )

    sheet: SheetRows | None = None
    checked_name: str = ""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(limit)s can be imported.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_FILE_SIZE)}
            )
        return self._read(upload)

    def clean(self):
        cleaned = super().clean()
        if self.has_error("file") or cleaned.get("file") is not None:
            cleaned["checked_file"] = ""  # a new file replaces the one checked before
            return cleaned
        token = cleaned.get("checked_file")
        if not token:
            self.add_error("file", _("Choose the results file."))
            return cleaned
        try:
            upload, checked = checked_files.reopen(token, user=self.user)
        except checked_files.CheckedFileGone:
            cleaned["checked_file"] = ""
            self.add_error(
                "file", _("The checked file is no longer kept (files are kept for an hour). Choose it again.")
            )
            return cleaned
        edition = cleaned.get("edition")
        if edition is not None and edition.pk != checked["edition"]:
            self.add_error(
                "edition",
                _("The file was checked against another edition. Run a trial again with this edition."),
            )
        self.checked_name = checked["original"]
        try:
            self._read(upload)
        except forms.ValidationError as error:
            self.add_error("file", error)
        return cleaned

    def _read(self, upload):
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
        checked_files.sweep()
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

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "template_downloads": [
                (reverse("indexes_import_results_template", args=[extension]), f"{TEMPLATE_NAME}.{extension}")
                for extension in ("csv", "xlsx")
            ],
        }

    def post(self, request, *args, **kwargs):
        if "publish_edition" in request.POST:
            return self.publish_edition(request.POST["publish_edition"])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        dry_run = "import" not in self.request.POST
        edition = form.cleaned_data["edition"]
        token = form.cleaned_data["checked_file"]
        report = import_sheet(
            edition=edition,
            sheet=form.sheet,
            create_agencies=form.cleaned_data["create_agencies"],
            dry_run=dry_run,
        )
        checked_name = form.checked_name or (
            form.cleaned_data["file"].name if form.cleaned_data["file"] else ""
        )
        if not report.ok:
            messages.error(self.request, report.summary())
            token = ""
        elif dry_run:
            messages.info(self.request, report.summary())
            if not token:
                token = checked_files.keep(
                    form.cleaned_data["file"], user=self.request.user, edition_id=edition.pk
                )
        else:
            messages.success(self.request, report.summary())
            if token:
                checked_files.discard(token, user=self.request.user)
            token = ""
        # The next press of a button sends the checked file's token, never the file again.
        form = self.get_form_class()(
            initial={**form.cleaned_data, "file": None, "checked_file": token}, user=self.request.user
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                checked_name=checked_name if token else "",
                edition_links=self.edition_links(edition) if report.applied else None,
            )
        )

    def form_invalid(self, form):
        messages.validation_error(self.request, _("The file could not be checked."), form)
        return super().form_invalid(form)

    def edition_links(self, edition: IndexEdition) -> dict:
        """Where the imported edition can be seen: in the admin, on the site when live, and whether this
        user may publish it."""
        edition.refresh_from_db()
        section = IndexesPage.objects.live().first()
        return {
            "edition": edition,
            "admin_url": reverse("wagtailsnippets_indexes_indexedition:edit", args=[edition.pk]),
            "public_url": section.specific.edition_url(edition) if edition.live and section else "",
            "can_publish": not edition.live and self.request.user.has_perm(PUBLISH_PERMISSION),
        }

    def publish_edition(self, edition_id: str):
        """Publish the edition just imported (its latest revision), as the snippet editor's Publish does."""
        if not self.request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        if not str(edition_id).isdigit():
            raise Http404
        edition = get_object_or_404(IndexEdition, pk=edition_id)
        revision = edition.latest_revision or edition.save_revision(user=self.request.user)
        revision.publish(user=self.request.user)
        edition.refresh_from_db()
        links = self.edition_links(edition)
        messages.success(
            self.request,
            format_html(_("Edition “{}” published."), edition.title),
            buttons=[messages.button(links["public_url"] or links["admin_url"], _("View"), new_window=True)],
        )
        return HttpResponseRedirect(f"{reverse('indexes_import_results')}?edition={edition.pk}")


import_results = ImportResultsView.as_view()


def results_template(request, extension: str):
    """The import template, as CSV (the sample file) or XLSX (the same rows in a workbook)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    sample = SAMPLES / f"{TEMPLATE_NAME}.csv"
    if extension == "csv":
        return FileResponse(sample.open("rb"), as_attachment=True, filename=f"{TEMPLATE_NAME}.csv")
    if extension != "xlsx":
        raise Http404
    return FileResponse(_workbook_of(sample), as_attachment=True, filename=f"{TEMPLATE_NAME}.xlsx")


NUMBER = re.compile(r"^-?\d+(,\d+)?$")


def _workbook_of(csv_path: Path) -> io.BytesIO:
    """The sample's rows in a workbook, numbers as numbers (Excel shows them with the reader's comma)."""
    import openpyxl  # here: only the admin's sample download needs it (7 MB in every worker otherwise)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả"
    with csv_path.open(encoding="utf-8-sig", newline="") as source:
        for row in csv.reader(source):
            sheet.append([float(cell.replace(",", ".")) if NUMBER.match(cell) else cell for cell in row])
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column) + 2
        sheet.column_dimensions[column[0].column_letter].width = min(width, 40)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer
