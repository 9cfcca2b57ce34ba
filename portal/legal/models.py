"""The legal documents library: the lists editors choose from, the library page, each document's page,
its files and relations, and the citations of documents found in published news and figures.

Each document is a Wagtail page under the library page (`/van-ban/`), so it has what articles have:
drafts, preview, revisions, scheduled publishing and the moderation workflow that covers the whole
page tree (Biên tập viên submit, Kiểm duyệt viên publish). Nothing public reads a draft.

A document's status for readers is derived on the day it is read, from what editors entered (the
validity they chose, the effective and expiry dates) and from the library itself (a published
document that replaces it and is in force): see `LegalDocumentQuerySet.with_status` (SQL, for lists
and filters) and `LegalDocumentPage.status_on` (the same rules in Python).
"""

import datetime
import json
import os
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.caching.generation import install_generation_with, revision_kept_generation
from portal.caching.local import kept_cache
from portal.caching.restrictions import any_restriction
from portal.http import error_response
from portal.legal import filters, numbers, registry
from portal.legal.forms import LegalDocumentPageForm
from portal.models import PortalPage
from portal.pagination import KeptPaginator
from portal.transliteration import ascii_slug, fold, words

DOCUMENTS_PER_PAGE = 20
FILE_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx")
FACETS_SECONDS = 60 * 60
MAX_CITING = 200  # citations read for a document's page; the most recent sources first
CITATIONS_KEY = "legal:citations"  # renewed when the Citation table changes (portal.legal.citations)


def citations_generation() -> str:
    """The token of what shows who cites documents (a document's "Cited in"): renewed by an
    install-wide purge and whenever a publish changes a citation, not by every publish (an article's
    body edited, its citations the same, keeps it)."""
    return install_generation_with(CITATIONS_KEY)


# The lists editors choose from ------------------------------------------------------------------------


class ListEntry(models.Model):
    """A named entry of one of the library's lists, with an address free of diacritics."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Used in the library's filter addresses. Made from the name when left empty."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name)[:200]
        super().save(*args, **kwargs)


class DocumentForm(ListEntry):
    """A form of document (hình thức văn bản): Luật, Nghị định, Quyết định, Kế hoạch, Công văn…"""

    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("As in document symbols, for example: QĐ.")
    )

    class Meta(ListEntry.Meta):
        verbose_name = _("document form")
        verbose_name_plural = _("document forms")


class Issuer(ListEntry):
    """The body that issued a document (cơ quan ban hành): UBND tỉnh, Bộ Nội vụ, the department itself."""

    class Meta(ListEntry.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class DocumentField(ListEntry):
    """The field a document belongs to (lĩnh vực): cải cách hành chính, khoa học và công nghệ…"""

    class Meta(ListEntry.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


# Status -------------------------------------------------------------------------------------------------


class Validity(models.TextChoices):
    """What an editor records about a document's force."""

    IN_FORCE = "con-hieu-luc", _("In force")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Partly expired")
    EXPIRED = "het-hieu-luc", _("Expired")


class Status(models.TextChoices):
    """What readers see, on a given day: the validity, the dates and replacements applied."""

    IN_FORCE = "con-hieu-luc", _("In force")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Partly expired")
    EXPIRED = "het-hieu-luc", _("Expired")
    NOT_YET = "chua-co-hieu-luc", _("Not yet in force")


class RelationKind(models.TextChoices):
    REPLACES = "thay-the", _("replaces")
    AMENDS = "sua-doi-bo-sung", _("amends or supplements")


def today() -> datetime.date:
    return timezone.localdate()


# Documents --------------------------------------------------------------------------------------------


class LegalDocumentQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's `public()`, without its query when no page of the site is restricted."""
        return super().public() if any_restriction() else self

    def published(self):
        """What readers may see: live and not behind a view restriction."""
        return self.live().public()

    def with_status(self, on: datetime.date | None = None):
        """Annotate `current_status` (a `Status` value) as of `on` (today), for lists and filters."""
        on = on or today()
        replaced = Exists(
            DocumentRelation.objects.filter(
                target=OuterRef("pk"), kind=RelationKind.REPLACES, page__live=True
            ).filter(Q(page__effective_from__isnull=True) | Q(page__effective_from__lte=on))
        )
        return self.annotate(
            is_replaced=replaced,
            current_status=Case(
                When(
                    Q(validity=Validity.EXPIRED) | Q(expires_on__lte=on) | Q(is_replaced=True),
                    then=Value(Status.EXPIRED.value),
                ),
                When(effective_from__gt=on, then=Value(Status.NOT_YET.value)),
                When(validity=Validity.PARTLY_EXPIRED, then=Value(Status.PARTLY_EXPIRED.value)),
                default=Value(Status.IN_FORCE.value),
                output_field=models.CharField(),
            ),
        )

    def for_listing(self):
        """What a list shows of each document, in a constant number of queries."""
        return self.select_related("form", "issuer", "field").prefetch_related(
            models.Prefetch("files", queryset=DocumentFile.objects.select_related("document"))
        )

    def matching(self, query: "filters.LibraryQuery"):
        """The documents a list's filters select, in its order (the status is annotated)."""
        documents = self.with_status()
        if query.form:
            documents = documents.filter(form=query.form)
        if query.issuer:
            documents = documents.filter(issuer=query.issuer)
        if query.field:
            documents = documents.filter(field=query.field)
        if query.year:
            documents = documents.filter(
                issued_on__gte=datetime.date(query.year, 1, 1),
                issued_on__lt=datetime.date(query.year + 1, 1, 1),
            )
        if query.status:
            documents = documents.filter(current_status=query.status)
        return documents.order_by(*SORT_ORDERS[query.sort])


SORT_ORDERS = {
    "moi-nhat": ("-issued_on", "-pk"),
    "cu-nhat": ("issued_on", "pk"),
    "ngay-hieu-luc": (F("effective_from").desc(nulls_last=True), "-issued_on", "-pk"),
    "moi-dang": ("-first_published_at", "-pk"),
}
assert set(SORT_ORDERS) == set(filters.SORTS)

LegalDocumentManager = PageManager.from_queryset(LegalDocumentQuerySet)


class LegalLibraryPage(RoutablePageMixin, PortalPage):
    """The library (Hệ thống văn bản): every published document, filtered and sorted, and its feed.

    /van-ban/                 newest first; ?hinh-thuc= &co-quan-ban-hanh= &linh-vuc= &nam=
                              &hieu-luc= &sap-xep= &page=
    /van-ban/rss/             documents newly added to the library
    /van-ban/<document>/      a document (a child page)
    """

    intro = models.TextField(_("introduction"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["legal.LegalDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal documents library")
        verbose_name_plural = _("legal documents libraries")

    def documents(self):
        """The library's published documents (any order)."""
        return LegalDocumentPage.objects.child_of(self).published()

    # Routes ---------------------------------------------------------------------------------

    @path("")
    def listing(self, request):
        choices = self.facets()
        try:
            query = filters.parse(request.GET, choices)
        except filters.BadFilter as problem:
            return error_response(request, str(problem), 400)
        # Built, like the page's documents, only when the template's fragment is not kept; the count is
        # kept per list generation, by library, filters and day (the status filter is the day's).
        documents = SimpleLazyObject(lambda: self.documents().matching(query).for_listing())
        paginator = KeptPaginator(
            documents,
            DOCUMENTS_PER_PAGE,
            rows=lambda ids: documents.filter(pk__in=ids),
            key=f"legal-library:{self.pk}:{today().isoformat()}:{urlencode(query.to_params(without_page=True))}",
            allow_empty_first_page=True,
        )
        if query.page > paginator.num_pages:
            return error_response(
                request,
                gettext("Page %(number)s does not exist: this list has %(pages)s pages.")
                % {"number": query.page, "pages": paginator.num_pages},
                404,
            )
        page_obj = paginator.page(query.page)
        return self.render(
            request,
            context_overrides={
                "query": query,
                "choices": choices,
                "page_obj": page_obj,
                "page_links": paginator.get_elided_page_range(query.page, on_each_side=2, on_ends=1),
                # What the shared pagination keeps in its links and its go-to form.
                "page_query": query.page_query(),
                "page_hidden": query.hidden_fields(without_page=True),
                "sort_choices": filters.sort_choices(),
                "status_choices": Status.choices,
                "feed_url": self.get_url(request) + self.reverse_subpage("feed"),
                "today": today().isoformat(),
                # Each view (its filters, order and page) is its own canonical address.
                "canonical_url": self.lazy_canonical_url(request, query.to_params()),
            },
        )

    @path("rss/", name="feed")
    def feed(self, request):
        from portal.legal.feeds import DocumentFeed

        return DocumentFeed(self, self.documents().with_status().for_listing())(request)

    # Helpers --------------------------------------------------------------------------------

    def facets(self) -> "filters.Choices":
        """The lists and years the filters offer, read once per publish but an article's (they change only
        then)."""
        key = f"legal:facets:{self.pk}:{revision_kept_generation()}:{get_language()}"
        choices = kept_cache().get(key)
        if choices is None:
            documents = self.documents().order_by()
            used = documents.values("form_id", "issuer_id", "field_id").distinct()
            forms = {row["form_id"] for row in used}
            issuers = {row["issuer_id"] for row in used}
            fields = {row["field_id"] for row in used}
            years = [day.year for day in documents.dates("issued_on", "year", order="DESC")]
            choices = filters.Choices(
                forms=[(entry, entry.pk in forms) for entry in DocumentForm.objects.all()],
                issuers=[(entry, entry.pk in issuers) for entry in Issuer.objects.all()],
                fields=[(entry, entry.pk in fields) for entry in DocumentField.objects.all()],
                years=years,
            )
            kept_cache().set(key, choices, FACETS_SECONDS)
        return choices


class LegalDocumentPage(PortalPage):
    """A document the agency issues or applies: number and symbol, form, issuer, dates, status, files."""

    number = models.CharField(
        _("number and symbol"),
        max_length=numbers.MAX_LENGTH,
        blank=True,
        help_text=_(
            "As printed on the document, for example 57/QĐ-UBND or 42/2022/NĐ-CP. Spaces and missing "
            "diacritics are tidied: 57 / QD - UBND is the same number."
        ),
    )
    number_key = models.CharField(max_length=numbers.MAX_LENGTH, blank=True, editable=False, db_index=True)
    form = models.ForeignKey(
        DocumentForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="documents"
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="documents"
    )
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    issued_on = models.DateField(_("date of issue"), db_index=True)
    effective_from = models.DateField(
        _("effective from"), null=True, blank=True, help_text=_("Empty: in force from its date of issue.")
    )
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("From this day the document is shown as expired."),
    )
    validity = models.CharField(
        _("validity"),
        max_length=30,
        choices=Validity.choices,
        default=Validity.IN_FORCE,
        help_text=_(
            "Shown as expired anyway once its expiry date has passed or a published document in force "
            "replaces it."
        ),
    )
    field = models.ForeignKey(
        DocumentField,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    abstract = models.TextField(
        _("abstract"), help_text=_("The document's abstract (trích yếu), as printed under its number.")
    )
    full_text = RichTextField(
        _("full text"),
        blank=True,
        features=["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"],
        help_text=_("Optional. Searchable; the attached file remains the authoritative copy."),
    )

    objects = LegalDocumentManager()
    base_form_class = LegalDocumentPageForm
    summary_field = "abstract"
    # A copy is a new document: its number is left for the editor to write (a copy keeping the number
    # would be refused as a duplicate).
    exclude_fields_in_copy = ["number", "number_key"]

    content_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("form")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                FieldPanel("field"),
            ],
            heading=_("Document"),
        ),
        FieldPanel("abstract"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_from"), FieldPanel("expires_on")]
                ),
                FieldPanel("validity"),
            ],
            heading=_("Dates and validity"),
        ),
        InlinePanel("files", heading=_("Files"), label=_("file"), min_num=0),
        InlinePanel("relations", heading=_("Documents it replaces or amends"), label=_("relation")),
        FieldPanel("full_text"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number", boost=5),
        index.SearchField("abstract", boost=2),
        index.SearchField("full_text"),
        # Folded (no diacritics, đ → d) and split into words, so that "57/QD-UBND", "qd 57 2024" and
        # "quyet dinh 57" all find "Quyết định 57/QĐ-UBND" on every engine (see portal/transliteration.py).
        index.SearchField("search_number_words", boost=5),
        index.AutocompleteField("search_number_words"),
        index.SearchField("search_text_folded"),
        index.FilterField("issued_on"),
        index.FilterField("number_key"),
    ]

    parent_page_types = ["legal.LegalLibraryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    # Number, title and address ----------------------------------------------------------------

    def known_parent(self):
        """The library this document is in or is being added to, when known."""
        parent = getattr(self, "_cached_parent_obj", None)
        if parent is None and self.path:
            parent = self.get_parent()
        return parent

    def fill_derived_fields(self) -> None:
        """The tidied number, its key, the title ("Quyết định 57/QĐ-UBND") and, when empty, the slug."""
        number = numbers.parse_or_none(self.number)
        if number:
            self.number = number.display
        self.number_key = number.key if number else ""
        form_name = self.form.name if self.form_id else gettext("Legal document")
        self.title = f"{form_name} {self.number}".strip() if self.number else form_name
        if not self.slug and number and self.known_parent() is not None:
            year = f"-{self.issued_on.year}" if self.issued_on and not number.year else ""
            self.slug = self._get_autogenerated_slug(
                (ascii_slug(number.display.replace("/", " ")) + year)[:200]
            )

    def full_clean(self, *args, **kwargs):
        self.fill_derived_fields()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.fill_derived_fields()
        super().minimal_clean()

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.number and numbers.parse_or_none(self.number) is None:
            raise ValidationError(
                {
                    "number": gettext(
                        "“%(value)s” is not a document number and symbol. Write it as on the document, "
                        "for example 57/QĐ-UBND or 42/2022/NĐ-CP."
                    )
                    % {"value": self.number}
                }
            )
        duplicate = self.duplicate()
        if duplicate is not None:
            raise ValidationError(
                {
                    "number": gettext(
                        "The library already has document %(number)s issued by %(issuer)s in %(year)s "
                        "(“%(title)s”). A number is given only once by an issuer in a year."
                    )
                    % {
                        "number": duplicate.number,
                        "issuer": self.issuer.name,
                        "year": self.issued_on.year,
                        "title": duplicate.draft_title or duplicate.title,
                    }
                }
            )

    def duplicate(self):
        """Another document of the same library with this number, issuer and year (drafts too), if any."""
        if not (self.number_key and self.issuer_id and self.issued_on):
            return None
        parent = self.known_parent()
        if parent is None:
            return None
        return (
            LegalDocumentPage.objects.child_of(parent)
            .exclude(pk=self.pk)
            .filter(
                number_key=self.number_key,
                issuer_id=self.issuer_id,
                issued_on__gte=datetime.date(self.issued_on.year, 1, 1),
                issued_on__lt=datetime.date(self.issued_on.year + 1, 1, 1),
            )
            .first()
        )

    # Search -----------------------------------------------------------------------------------

    def search_number_words(self) -> str:
        """The number's words and the year: "57 qd ubnd 2024"."""
        year = str(self.issued_on.year) if self.issued_on else ""
        return " ".join([*words(self.number), year]).strip()

    def search_text_folded(self) -> str:
        """Form, issuer, signer, field, abstract and full text without diacritics."""
        parts = [
            self.form.name if self.form_id else "",
            self.issuer.name if self.issuer_id else "",
            self.field.name if self.field_id else "",
            self.signer,
            self.abstract,
            self.plain_full_text(),
        ]
        return fold(" ".join(part for part in parts if part))

    def plain_full_text(self) -> str:
        from django.utils.html import strip_tags

        return strip_tags(self.full_text or "")

    # Status -----------------------------------------------------------------------------------

    def status_on(self, day: datetime.date | None = None, *, replaced: bool | None = None) -> Status:
        """The status readers see on `day`: the same rules as `LegalDocumentQuerySet.with_status`."""
        day = day or today()
        if replaced is None:
            replaced = any(relation.page.is_in_force_on(day) for relation in self.replaced_by())
        if self.validity == Validity.EXPIRED or (self.expires_on and self.expires_on <= day) or replaced:
            return Status.EXPIRED
        if self.effective_from and self.effective_from > day:
            return Status.NOT_YET
        if self.validity == Validity.PARTLY_EXPIRED:
            return Status.PARTLY_EXPIRED
        return Status.IN_FORCE

    def is_in_force_on(self, day: datetime.date) -> bool:
        """Whether a document that replaces another has taken effect (its own expiry aside)."""
        return not self.effective_from or self.effective_from <= day

    @property
    def status(self) -> Status:
        """The status today, from the list's annotation when it has one."""
        annotated = getattr(self, "current_status", None)
        return Status(annotated) if annotated else self.status_on()

    # Relations, files and citations, as the document page shows them ------------------------------

    def replaced_by(self) -> list["DocumentRelation"]:
        return [relation for relation in self.incoming_relations if relation.kind == RelationKind.REPLACES]

    @cached_property
    def all_relations(self) -> list["DocumentRelation"]:
        """Both ways in one query: what this document states, and published documents that name it."""
        return list(
            DocumentRelation.objects.filter(Q(page=self) | Q(target=self, page__live=True))
            .select_related("page", "target")
            .order_by("sort_order", "pk")
        )

    @property
    def incoming_relations(self) -> list["DocumentRelation"]:
        """Published documents that replace or amend this one, newest first."""
        incoming = [relation for relation in self.all_relations if relation.target_id == self.pk]
        return sorted(
            incoming, key=lambda relation: (relation.page.issued_on, relation.page_id), reverse=True
        )

    def relation_groups(self) -> list[tuple[str, list]]:
        """(heading, [(document, note)]) for each kind of relation this document has, both ways."""
        outgoing = [r for r in self.all_relations if r.page_id == self.pk and r.target.live]
        incoming = self.incoming_relations
        groups = [
            (gettext("Replaces"), [(r.target, r.note) for r in outgoing if r.kind == RelationKind.REPLACES]),
            (gettext("Replaced by"), [(r.page, r.note) for r in incoming if r.kind == RelationKind.REPLACES]),
            (
                gettext("Amends or supplements"),
                [(r.target, r.note) for r in outgoing if r.kind == RelationKind.AMENDS],
            ),
            (
                gettext("Amended or supplemented by"),
                [(r.page, r.note) for r in incoming if r.kind == RelationKind.AMENDS],
            ),
        ]
        return [(heading, items) for heading, items in groups if items]

    def with_related(self) -> "LegalDocumentPage":
        """This document with its form, issuer and field read in one query (for its page)."""
        if not getattr(self, "_related_read", False):
            fetched = LegalDocumentPage.objects.select_related("form", "issuer", "field").get(pk=self.pk)
            self.form, self.issuer, self.field = fetched.form, fetched.issuer, fetched.field
            self._related_read = True
        return self

    def attached_files(self) -> list["DocumentFile"]:
        return list(self.files.select_related("document").order_by("sort_order"))

    def citing(self) -> list[tuple[str, list["Citation"]]]:
        """The published news and figures that cite this document, by kind, newest first."""
        cited = Q(document=self)
        if self.number_key:
            cited |= Q(number_key=self.number_key) & (
                Q(cited_year__isnull=True) | Q(cited_year=self.issued_on.year)
            )
        rows = Citation.objects.filter(cited).order_by("-source_date", "-pk")[:MAX_CITING]
        seen, groups = set(), {}
        for row in rows:
            if (row.content_type_id, row.object_id) in seen:
                continue
            seen.add((row.content_type_id, row.object_id))
            groups.setdefault(row.kind, []).append(row)
        return [(registry.label_of(kind), items) for kind, items in groups.items()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["library"] = SimpleLazyObject(lambda: self.get_parent().specific)
        context["today"] = today().isoformat()
        context["citations_generation"] = SimpleLazyObject(citations_generation)
        context["structured_data"] = SimpleLazyObject(lambda: self.structured_data(request))
        return context

    def structured_data(self, request) -> str:
        """schema.org Legislation as JSON-LD, escaped for a <script> element."""
        self.with_related()
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": self.title,
            "legislationIdentifier": self.number,
            "legislationType": self.form.name,
            "legislationDate": self.issued_on.isoformat(),
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": self.issuer.name},
            "abstract": self.abstract,
            "url": self.get_full_url(request),
            "inLanguage": "vi",
        }
        if self.status == Status.EXPIRED:
            data["legislationLegalForce"] = "https://schema.org/NotInForce"
        elif self.status == Status.PARTLY_EXPIRED:
            data["legislationLegalForce"] = "https://schema.org/PartiallyInForce"
        elif self.status == Status.IN_FORCE:
            data["legislationLegalForce"] = "https://schema.org/InForce"
        encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        return mark_safe(encoded.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026"))


class DocumentFile(Orderable):
    """A file of a document (the signed copy, an annex), from Wagtail's document library."""

    page = ParentalKey(LegalDocumentPage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("For example: Phụ lục. Defaults to the file's title."),
    )

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("label")])]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def clean(self):
        if self.document_id and self.extension not in FILE_EXTENSIONS:
            raise ValidationError({"document": _("Attach PDF, DOC, DOCX, XLS or XLSX files only.")})

    @property
    def extension(self) -> str:
        return os.path.splitext(self.document.file.name)[1].lstrip(".").lower() if self.document_id else ""

    @property
    def filename(self) -> str:
        return os.path.basename(self.document.file.name)

    @property
    def text(self) -> str:
        return self.label or self.document.title


class DocumentRelation(Orderable):
    """This document replaces or amends another one of the library."""

    page = ParentalKey(LegalDocumentPage, related_name="relations", on_delete=models.CASCADE)
    kind = models.CharField(
        _("relation"), max_length=30, choices=RelationKind.choices, default=RelationKind.AMENDS
    )
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Optional, for example: Điều 3, khoản 2.")
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("target")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("relation")
        verbose_name_plural = _("relations")

    def clean(self):
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("A document cannot replace or amend itself.")})


# Citations ---------------------------------------------------------------------------------------------


class Citation(models.Model):
    """A document number found in a published article or edition (or a document chosen there).

    Written when the source is published and removed when it is unpublished or deleted, by the
    handlers `portal.legal.sources` connects for the models the apps register. Keyed by the number,
    not by the document, so that a document published after the article that cites it finds it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=30)
    number = models.CharField(max_length=numbers.MAX_LENGTH)
    number_key = models.CharField(max_length=numbers.MAX_LENGTH, db_index=True)
    cited_year = models.PositiveSmallIntegerField(null=True, blank=True)
    document = models.ForeignKey(
        LegalDocumentPage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source_title = models.CharField(max_length=255)
    source_url = models.CharField(max_length=500, blank=True)
    source_date = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"], name="legal_citation_source")]

    def __str__(self) -> str:
        return f"{self.source_title} → {self.number}"
