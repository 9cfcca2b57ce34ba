"""Reform-index figures: agencies, editions with their framework, results and online-service counts.

Editors type in (or import) only what a decision published. Ranks, ties, bands, the change on the
previous edition and each component's share of its maximum are derived when read, so they can never
disagree with the figures they come from. Nothing here is public until its edition is published.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import Rank
from django.dispatch import Signal
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from indexes import formatting
from indexes.forms import ResultForm
from portal.legal.models import LegalDocumentPage
from portal.legal.numbers import find_cited
from portal.legal.panels import CitedDocumentsPanel
from portal.transliteration import ascii_slug, fold

# Figures are kept as published, up to three decimals (provinces publish 91,651); never rounded to fit.
DECIMAL_PLACES = 3
POINTS = {"max_digits": 7, "decimal_places": DECIMAL_PLACES}
INDEX = {"max_digits": 6, "decimal_places": DECIMAL_PLACES}
TWO_PLACES = Decimal("0.01")
# A published total may be rounded from unrounded component scores; a gap above this is a real
# disagreement worth flagging.
TOTAL_TOLERANCE = Decimal("0.05")
# Addresses the reform-index page uses for itself; an edition cannot take them as its slug.
RESERVED_SLUGS = {"co-quan", "so-sanh", "tai-ve", "bieu-do"}


def percent(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded to two places; None when it cannot be computed.

    Two places, not three: a derived index must not look more precise than decisions publish it.
    """
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def figure_text(value: Decimal | int | None) -> str | None:
    """A stored figure as plain text without trailing zeros: 21.500 → "21.5", 100.000 → "100"."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value.quantize(Decimal(1)) if value == value.to_integral_value() else value:f}"
    return str(value)


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("Department or provincial agency")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    OTHER = "other", _("Other")


class AgencyQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def with_published_figures(self):
        """Agencies with a result in a published edition, a published service count or procedure list.

        These are the agencies that have a public page: the agency list, the sitemap, the API and
        search all list exactly these.
        """
        return self.filter(
            Exists(Result.objects.published().filter(agency=OuterRef("pk")))
            | Exists(ServiceCount.objects.published().filter(agency=OuterRef("pk")))
            | Exists(ProcedureList.objects.published().filter(agency=OuterRef("pk")))
        )

    def with_published_results(self):
        """Agencies with a result in a published edition: only where results themselves are needed."""
        return self.filter(results__edition__live=True).distinct()


class Agency(index.Indexed, models.Model):
    """A public body that is ranked and offers public services; it outlives any one edition."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("For example: Sở KH&CN.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The agency's address on the portal. Made from the name when left empty."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    province = models.CharField(_("province"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Shown on the agency's page. Say here when an agency is invented for demonstration."),
    )

    objects = AgencyQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("short_name", boost=2),
        index.SearchField("province"),
        # Folded (no diacritics, đ → d) so that "so khoa hoc" finds "Sở Khoa học"; see portal/transliteration.py.
        index.SearchField("search_name_folded", boost=3),
        index.AutocompleteField("search_name_folded"),
        index.FilterField("id"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        # Agencies have no drafts, so a change to one with published figures is public at once:
        # it needs this permission besides "change" (Kiểm duyệt viên; indexes/permissions.py).
        permissions = [("change_published_agency", "Can change or delete agencies with published figures")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name)[:200]
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def search_name_folded(self) -> str:
        return fold(f"{self.name} {self.short_name} {self.province}")


class IndexSeries(models.Model):
    """Who publishes a ranking, for which group: "UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh".

    Ranks, changes and histories are computed within a series only: two provinces both ranking their
    "Sở, ban, ngành cấp tỉnh" publish two series, and neither's results appear in the other's lists.
    """

    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        help_text=_("Who assesses and ranks, for example: UBND tỉnh Quảng Trị."),
    )
    group = models.CharField(
        _("group ranked"),
        max_length=200,
        help_text=_("The agencies ranked against each other, for example: Sở, ban, ngành cấp tỉnh."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Names the series in addresses and the API. Made from the publisher and group when empty."
        ),
    )

    panels = [FieldPanel("publisher"), FieldPanel("group"), FieldPanel("slug")]

    class Meta:
        ordering = ["publisher", "group"]
        verbose_name = _("index series")
        verbose_name_plural = _("index series")
        constraints = [
            models.UniqueConstraint(fields=["publisher", "group"], name="unique_series_publisher_group")
        ]

    def __str__(self) -> str:
        return f"{self.publisher} \u2014 {self.group}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_series_slug(f"{self.publisher} {self.group}", exclude=self.pk)
        super().save(*args, **kwargs)

    @classmethod
    def named(cls, publisher: str, group: str) -> "IndexSeries":
        """The series of this publisher and group, created when it does not exist yet."""
        series, _ = cls.objects.get_or_create(publisher=publisher.strip(), group=group.strip())
        return series


def unique_series_slug(text: str, *, exclude: int | None = None) -> str:
    """A slug made from `text` that no other series has yet."""
    base = ascii_slug(text)[:190] or "chuoi"
    taken = set(
        IndexSeries.objects.exclude(pk=exclude).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def in_series(self, series):
        """Editions of one series (an `IndexSeries` or its id)."""
        return self.filter(series=series)


class IndexEdition(DraftStateMixin, RevisionMixin, ClusterableModel):
    """One published assessment: a year, a group of agencies, a decision and its own framework."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    year = models.PositiveSmallIntegerField(_("year assessed"), validators=[MinValueValidator(1990)])
    series = models.ForeignKey(
        IndexSeries,
        verbose_name=_("series"),
        related_name="editions",
        on_delete=models.PROTECT,
        help_text=_(
            "Who publishes this ranking and for which group. Ranks and changes are computed against the "
            "previous edition of the same series only."
        ),
    )
    framework_maximum = models.DecimalField(
        _("framework maximum"),
        **POINTS,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
        help_text=_(
            "The full score when the edition has no components (for example 100). With components, their "
            "maxima add up to it and this is ignored."
        ),
    )
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    decision_legal_document = models.ForeignKey(
        "legal.LegalDocumentPage",
        verbose_name=_("decision in the document library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose the decision from the library when it is there: its number, date and issuer are then "
            "taken from it, and the edition's page links to it. A number typed below that matches one "
            "document of the library is linked to it when saved."
        ),
    )
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("decision document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    methodology = RichTextField(
        _("methodology notes"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="index_edition")

    objects = EditionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("series"), FieldPanel("framework_maximum")]),
        MultiFieldPanel(
            [
                FieldPanel("decision_legal_document"),
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("decision_issuer"),
                FieldPanel("decision_document"),
            ],
            heading=_("Decision that published the scores"),
        ),
        InlinePanel("components", heading=_("Components"), label=_("component")),
        InlinePanel("bands", heading=_("Classification bands"), label=_("band")),
        FieldPanel("methodology"),
        CitedDocumentsPanel(),
    ]

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("index edition")
        verbose_name_plural = _("index editions")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the portal itself; choose another.")})
        if self.decision_legal_document_id is None:
            self.decision_legal_document = self.decision_in_library()
        document = self.decision_legal_document
        if document is not None:
            self.decision_number = document.number
            self.decision_date = document.issued_on
            self.decision_issuer = document.issuer.name

    def decision_in_library(self):
        """The one document of the library the typed decision number names (its date, if typed, agreeing)."""
        cited = find_cited(self.decision_text())
        if len(cited) != 1:
            return None
        documents = LegalDocumentPage.objects.filter(number_key=cited[0].number.key)
        if cited[0].year:
            documents = documents.filter(issued_on__year=cited[0].year)
        documents = list(documents.select_related("issuer")[:2])
        return documents[0] if len(documents) == 1 else None

    def decision_text(self) -> str:
        """The decision as a citation reads: "57/QĐ-UBND ngày 25/01/2024"."""
        if self.decision_number and self.decision_date:
            return f"{self.decision_number} ngày {self.decision_date:%d/%m/%Y}"
        return self.decision_number

    def citable_text(self) -> str:
        """What may cite legal documents by number: the decision and the methodology notes."""
        return "\n".join([self.decision_text(), strip_tags(self.methodology or "")])

    @property
    def group(self) -> str:
        """The group this edition ranks, as its series names it."""
        return self.series.group

    @property
    def maximum(self) -> Decimal | None:
        """The framework's full score: the components' maxima added up (100 for most editions), else the
        maximum the editor or the import gave; None when neither is known, never 0."""
        components = self.components.all()
        if components:
            return sum((component.maximum for component in components), Decimal(0))
        return self.framework_maximum or None

    def band_for(self, index_value: Decimal | None):
        """The classification band an index falls in, from this edition's own table."""
        if index_value is None:
            return None
        for band in sorted(self.bands.all(), key=lambda band: band.min_index, reverse=True):
            if index_value >= band.min_index:
                return band
        return None

    def previous(self):
        """The latest published edition of the same series assessed before this one."""
        return (
            IndexEdition.objects.published()
            .filter(series_id=self.series_id, year__lt=self.year)
            .order_by("-year", "-pk")
            .first()
        )


class Component(Orderable):
    """One area of an edition's framework, with its maximum points ("Cải cách thể chế", 6,5)."""

    edition = ParentalKey(IndexEdition, related_name="components", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    maximum = models.DecimalField(_("maximum points"), **POINTS, validators=[MinValueValidator(0)])

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("maximum")])]

    class Meta(Orderable.Meta):
        verbose_name = _("component")
        verbose_name_plural = _("components")
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="unique_component_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.maximum})"


class ClassificationBand(Orderable):
    """A row of an edition's classification table: an index at or above `min_index` earns `name`."""

    edition = ParentalKey(IndexEdition, related_name="bands", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=60, help_text=_("For example: Tốt, Khá, Nhóm I."))
    min_index = models.DecimalField(
        _("from index (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("min_index")])]

    class Meta(Orderable.Meta):
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")

    def __str__(self) -> str:
        return f"{self.name} (≥ {self.min_index} %)"


class ResultQuerySet(models.QuerySet):
    def published(self):
        return self.filter(edition__live=True)

    def ranked(self):
        """Annotate each result with its rank in its edition (ties share, the next skips) and the group size."""
        return self.annotate(
            rank=Window(Rank(), partition_by=F("edition_id"), order_by=F("index_value").desc()),
            ranked_count=Window(Count("id"), partition_by=F("edition_id")),
        )


class Result(ClusterableModel):
    """One agency in one edition, as the decision published it."""

    edition = models.ForeignKey(
        IndexEdition, verbose_name=_("edition"), related_name="results", on_delete=models.CASCADE
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="results", on_delete=models.PROTECT
    )
    points = models.DecimalField(_("total points"), **POINTS, null=True, blank=True)
    self_assessed_points = models.DecimalField(_("self-assessed points"), **POINTS, null=True, blank=True)
    applicable_maximum = models.DecimalField(
        _("applicable maximum"),
        **POINTS,
        null=True,
        blank=True,
        help_text=_(
            "Below the framework's maximum when some criteria did not apply. Empty: the full maximum."
        ),
    )
    index_value = models.DecimalField(
        _("index (%)"),
        **INDEX,
        null=True,
        blank=True,
        help_text=_("As published. Empty: computed from the points and the applicable maximum."),
    )
    published_rank = models.PositiveSmallIntegerField(
        _("published rank"),
        null=True,
        blank=True,
        help_text=_(
            "Only if the decision states one; the portal derives the rank itself and flags a difference."
        ),
    )
    note = models.TextField(
        _("published explanation"),
        blank=True,
        help_text=_("Shown beside a total that disagrees with its components, for example a survey part."),
    )

    objects = ResultQuerySet.as_manager()
    base_form_class = ResultForm
    # Kept out of Wagtail's reference index ("usage" of agencies and editions): a result only points at
    # its edition and agency, which the database already ties (cascade, protect), and an index row per
    # figure cost an import of 2,000 rows some 30 s. Imports write results in bulk, without signals.
    wagtail_reference_index_ignore = True

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("agency")]),
        FieldRowPanel(
            [FieldPanel("points"), FieldPanel("applicable_maximum"), FieldPanel("index_value")],
        ),
        FieldRowPanel([FieldPanel("self_assessed_points"), FieldPanel("published_rank")]),
        FieldPanel("note"),
        InlinePanel("component_scores", heading=_("Component scores"), label=_("component score")),
    ]

    class Meta:
        ordering = ["edition", "-index_value"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["edition", "agency"], name="one_result_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} – {self.edition}"

    @property
    def maximum(self) -> Decimal | None:
        return self.applicable_maximum or (self.edition.maximum if self.edition_id else None)

    def derived_index(self) -> Decimal | None:
        return percent(self.points, self.maximum)

    def clean(self):
        if self.points is not None and self.maximum and self.points > self.maximum:
            raise ValidationError({"points": _("The total is above the applicable maximum.")})
        if self.index_value is not None and not Decimal(0) <= self.index_value <= Decimal(100):
            raise ValidationError({"index_value": _("An index is a percentage between 0 and 100.")})

    def save(self, *args, **kwargs):
        if self.index_value is None:
            self.index_value = self.derived_index()
        before = self.stored_figures() if self.pk else None
        super().save(*args, **kwargs)
        if before is not None:
            self.record_correction(before)

    # --- derived, for display -------------------------------------------------------------------------

    def component_total(self) -> Decimal | None:
        """The sum of the component scores, or None unless every component of the edition has one."""
        scores = list(self.component_scores.all())
        if not scores or len(scores) < len(self.edition.components.all()):
            return None
        return sum((score.points for score in scores), Decimal(0))

    @property
    def total_disagrees(self) -> bool:
        """The published total differs from the sum of the published component scores."""
        total = self.component_total()
        return total is not None and self.points is not None and abs(total - self.points) > TOTAL_TOLERANCE

    @property
    def rank_disagrees(self) -> bool:
        """The decision's rank differs from the rank its own indexes give (needs `.ranked()`)."""
        rank = getattr(self, "rank", None)
        return self.published_rank is not None and rank is not None and rank != self.published_rank

    def band(self):
        return self.edition.band_for(self.index_value)

    def scores_by_component(self) -> dict[int, "ComponentScore"]:
        return {score.component_id: score for score in self.component_scores.all()}

    # --- correction history ------------------------------------------------------------------------

    def stored_figures(self) -> dict[str, str | None]:
        """The figures as stored now, as text so they can be compared and kept in the history.

        Written as plain numbers without trailing zeros ("21.5", "91.651"), whatever the decimals the
        database keeps, so the history reads as published.
        """
        stored = Result.objects.filter(pk=self.pk).values(*CORRECTED_FIELDS)
        figures = {key: figure_text(value) for key, value in (stored.first() or {}).items()}
        for name, points in ComponentScore.objects.filter(result_id=self.pk).values_list(
            "component__name", "points"
        ):
            figures[name] = figure_text(points)
        return figures

    def loaded_figures(self, component_names: dict[int, str]) -> dict[str, str | None]:
        """`stored_figures` from this instance and its loaded scores, without a query: for bulk writes."""
        figures = {name: figure_text(getattr(self, name)) for name in CORRECTED_FIELDS}
        for score in self.component_scores.all():
            figures[component_names[score.component_id]] = figure_text(score.points)
        return figures

    def record_correction(self, before: dict[str, str | None]) -> "Correction | None":
        """Keep the previous figures publicly when a published result changes."""
        if not IndexEdition.objects.filter(pk=self.edition_id, live=True).exists():
            return None
        changes = figure_changes(before, self.stored_figures())
        if not changes:
            return None
        return Correction.objects.create(result=self, changes=changes)


CORRECTED_FIELDS = ("points", "applicable_maximum", "index_value", "published_rank", "self_assessed_points")


def figure_changes(before: dict[str, str | None], after: dict[str, str | None]) -> dict[str, dict]:
    """Each figure that differs, from and to, as a correction records it (a missing figure is None)."""
    return {
        key: {"from": before.get(key), "to": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


class ComponentScore(models.Model):
    """The appraised score of one result in one component (and the self-assessed one where published)."""

    result = ParentalKey(Result, related_name="component_scores", on_delete=models.CASCADE)
    component = models.ForeignKey(
        Component, verbose_name=_("component"), related_name="scores", on_delete=models.CASCADE
    )
    points = models.DecimalField(_("appraised points"), **POINTS, validators=[MinValueValidator(0)])
    self_assessed_points = models.DecimalField(_("self-assessed points"), **POINTS, null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("component"), FieldPanel("points"), FieldPanel("self_assessed_points")])
    ]

    class Meta:
        ordering = ["component__sort_order"]
        verbose_name = _("component score")
        verbose_name_plural = _("component scores")
        constraints = [
            models.UniqueConstraint(fields=["result", "component"], name="one_score_per_component")
        ]

    def __str__(self) -> str:
        return f"{self.component.name}: {self.points}"

    def clean(self):
        if self.component_id and self.points is not None and self.points > self.component.maximum:
            message = _("%(points)s is above the component's maximum of %(maximum)s.") % {
                "points": formatting.points(self.points),
                "maximum": formatting.points(self.component.maximum),
            }
            raise ValidationError({"points": message})

    @property
    def share(self) -> Decimal | None:
        """The score as a percentage of the component's maximum."""
        return percent(self.points, self.component.maximum)

    @property
    def is_full(self) -> bool:
        return self.points == self.component.maximum


# Sent with `corrections=[…]` after corrections are written in bulk (an import), which sends no post_save:
# whatever follows each correction (the e-mail alerts) listens to this too.
corrections_created = Signal()


class Correction(models.Model):
    """A change to a result after its edition was published; shown publicly as that figure's history."""

    result = models.ForeignKey(Result, related_name="corrections", on_delete=models.CASCADE)
    corrected_at = models.DateTimeField(_("corrected at"), auto_now_add=True)
    changes = models.JSONField(_("changes"), help_text=_("Each changed figure, from and to."))

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.result} ({self.corrected_at:%d/%m/%Y})"

    FIGURE_LABELS = {
        "points": _("total points"),
        "applicable_maximum": _("applicable maximum"),
        "index_value": _("index (%)"),
        "published_rank": _("published rank"),
        "self_assessed_points": _("self-assessed points"),
    }

    def readable_changes(self) -> list[tuple[str, str | None, str | None]]:
        """(figure, from, to) for each changed figure; component scores are named by their component."""
        return [
            (str(self.FIGURE_LABELS.get(key, key)), change.get("from"), change.get("to"))
            for key, change in self.changes.items()
        ]


class ServiceCountQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class ServiceCount(DraftStateMixin, RevisionMixin, models.Model):
    """An agency's public-service figures as of a date: how many procedures are online, how files were handled."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="service_counts", on_delete=models.CASCADE
    )
    as_of = models.DateField(_("as of"), help_text=_("The date the figures describe."))
    period_label = models.CharField(
        _("period"), max_length=60, blank=True, help_text=_("For example: Năm 2023, Quý I/2024.")
    )
    total_procedures = models.PositiveIntegerField(_("procedures in total"))
    online_procedures = models.PositiveIntegerField(
        _("offered online"),
        null=True,
        blank=True,
        help_text=_("All procedures offered online. Leave empty when the split below is published."),
    )
    fully_online = models.PositiveIntegerField(_("fully online"), null=True, blank=True)
    partly_online = models.PositiveIntegerField(_("partly online"), null=True, blank=True)
    level_3 = models.PositiveIntegerField(_("level 3 (older scheme)"), null=True, blank=True)
    level_4 = models.PositiveIntegerField(_("level 4 (older scheme)"), null=True, blank=True)
    files_received = models.PositiveIntegerField(_("files received"), null=True, blank=True)
    files_early = models.PositiveIntegerField(_("settled early"), null=True, blank=True)
    files_on_time = models.PositiveIntegerField(_("settled on time"), null=True, blank=True)
    files_late = models.PositiveIntegerField(_("settled late"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service_count")

    objects = ServiceCountQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("agency"), FieldPanel("as_of"), FieldPanel("period_label")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("total_procedures"), FieldPanel("online_procedures")]),
                FieldRowPanel([FieldPanel("fully_online"), FieldPanel("partly_online")]),
                FieldRowPanel([FieldPanel("level_3"), FieldPanel("level_4")]),
            ],
            heading=_("Procedures"),
        ),
        FieldRowPanel(
            [
                FieldPanel("files_received"),
                FieldPanel("files_early"),
                FieldPanel("files_on_time"),
                FieldPanel("files_late"),
            ],
            heading=_("Files processed"),
        ),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["agency", "-as_of"]
        verbose_name = _("online-service count")
        verbose_name_plural = _("online-service counts")
        constraints = [models.UniqueConstraint(fields=["agency", "as_of"], name="one_count_per_agency_date")]

    def __str__(self) -> str:
        return f"{self.agency} – {self.as_of:%d/%m/%Y}"

    def clean(self):
        online = [value for value in (self.fully_online, self.partly_online) if value is not None]
        if (
            self.total_procedures is not None
            and max(sum(online), self.online_procedures or 0) > self.total_procedures
        ):
            raise ValidationError(_("More procedures are online than there are procedures."))
        levels = [value for value in (self.level_3, self.level_4) if value is not None]
        if self.total_procedures is not None and sum(levels) > self.total_procedures:
            raise ValidationError(_("More procedures are at level 3 or 4 than there are procedures."))
        settled = [
            value for value in (self.files_early, self.files_on_time, self.files_late) if value is not None
        ]
        if self.files_received is not None and sum(settled) > self.files_received:
            raise ValidationError(_("More files were settled than were received."))

    @property
    def online(self) -> int | None:
        """Procedures offered online at all: as published, else fully plus partly, else levels 3 and 4."""
        if self.online_procedures is not None:
            return self.online_procedures
        if self.fully_online is not None or self.partly_online is not None:
            return (self.fully_online or 0) + (self.partly_online or 0)
        if self.level_3 is not None or self.level_4 is not None:
            return (self.level_3 or 0) + (self.level_4 or 0)
        return None

    @property
    def online_share(self) -> Decimal | None:
        return percent(self.online, self.total_procedures)

    @property
    def settled(self) -> int | None:
        parts = [
            value for value in (self.files_early, self.files_on_time, self.files_late) if value is not None
        ]
        return sum(parts) if parts else None

    @property
    def in_time(self) -> int | None:
        """Files settled early or on time."""
        if self.settled is None:
            return None
        return (self.files_early or 0) + (self.files_on_time or 0)


# --- the procedures behind a service count ---------------------------------------------------------------


class ProcedureLevel(models.TextChoices):
    """How far a procedure can be done online, as the national public-service portal lists it."""

    FULL = "toan-trinh", _("Fully online")
    PARTIAL = "mot-phan", _("Partly online")
    OFFLINE = "truc-tiep", _("Not online")


class ProcedureListQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class ProcedureList(DraftStateMixin, RevisionMixin, ClusterableModel):
    """The administrative procedures an agency handles, as of a date: the list behind its online count.

    When an agency has a published list, its online-service figures are counted from the list (and the
    list is a public table); otherwise the typed `ServiceCount` stays, labelled as typed.
    """

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), related_name="procedure_list", on_delete=models.CASCADE
    )
    as_of = models.DateField(_("as of"), help_text=_("The date the list describes."))
    source = models.CharField(_("source"), max_length=255, blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="procedure_list")

    objects = ProcedureListQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("agency"), FieldPanel("as_of")]),
        FieldPanel("source"),
        InlinePanel("procedures", heading=_("Procedures"), label=_("procedure")),
    ]

    class Meta:
        ordering = ["agency__name"]
        verbose_name = _("procedure list")
        verbose_name_plural = _("procedure lists")

    def __str__(self) -> str:
        return f"{self.agency} – {self.as_of:%d/%m/%Y}"

    def counts(self) -> "ProcedureCounts":
        """How many procedures the list holds, fully and partly online: read from the (prefetched) list."""
        levels = [procedure.level for procedure in self.procedures.all()]
        return ProcedureCounts(
            total=len(levels),
            fully_online=levels.count(ProcedureLevel.FULL),
            partly_online=levels.count(ProcedureLevel.PARTIAL),
        )


@dataclass(frozen=True)
class ProcedureCounts:
    """The online-service figures counted from a procedure list."""

    total: int
    fully_online: int
    partly_online: int

    @property
    def online(self) -> int:
        return self.fully_online + self.partly_online

    @property
    def online_share(self) -> Decimal | None:
        return percent(self.online, self.total)


class Procedure(Orderable):
    """One administrative procedure of an agency's list: code, name, field, how far it is online, link."""

    procedure_list = ParentalKey(ProcedureList, related_name="procedures", on_delete=models.CASCADE)
    code = models.CharField(
        _("code"), max_length=60, help_text=_("The procedure's code, for example 1.001234.")
    )
    name = models.CharField(_("name"), max_length=500)
    field = models.CharField(_("field"), max_length=200, blank=True)
    level = models.CharField(
        _("online level"), max_length=20, choices=ProcedureLevel.choices, default=ProcedureLevel.OFFLINE
    )
    portal_url = models.URLField(
        _("link on the public-service portal"),
        max_length=500,
        blank=True,
        help_text=_("The procedure's page on the national public-service portal (dichvucong.gov.vn)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("field"), FieldPanel("portal_url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(fields=["procedure_list", "code"], name="unique_procedure_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
