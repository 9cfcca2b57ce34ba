"""The figures of each public view as plain tables: the source of every CSV, XLSX and JSON download.

Pages render the same rows (`indexes.rankings`), so a downloaded file always carries the figures the
reader saw. Cells hold raw values (Decimal, int, str or None); formatting happens in the template or
in the writer.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indexes import formatting
from indexes.formatting import FORMATTERS
from indexes.models.figures import Agency, IndexEdition, Procedure, ProcedureList, ServiceCount
from indexes.rankings import RankedResult, Summary

Cell = Decimal | int | str | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass
class DataTable:
    """A titled grid of figures to download; `slug` names it in download addresses (…/tai-ve/<slug>/csv/)."""

    slug: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    # For tables read across (a row per figure), how each row's cells read on the page.
    row_formats: list[str] = field(default_factory=list)

    def display_rows(self) -> list[tuple[str, list[str]]]:
        """(row heading, formatted cells) for a table read across, using `row_formats`."""
        return [
            (str(row[0]), [FORMATTERS[row_format](cell) for cell in row[1:]])
            for row, row_format in zip(self.rows, self.row_formats, strict=True)
        ]

    def labelled_rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """`display_rows` with each cell beside its column's label: for a table that a phone shows row
        by row, each value named ("Sở Khoa học và Công nghệ: 8,25")."""
        labels = [str(column.label) for column in self.columns[1:]]
        return [(heading, list(zip(labels, cells, strict=True))) for heading, cells in self.display_rows()]

    def as_dicts(self) -> list[dict[str, Cell]]:
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


def _band_name(row: RankedResult) -> str:
    band = row.band
    return band.name if band else ""


def ranking_table(edition: IndexEdition, rows: list[RankedResult]) -> DataTable:
    """The edition's ranking: one row per agency with every component, the total, index, band and changes."""
    components = list(edition.components.all())
    columns = [
        Column("rank", _("Rank")),
        Column("agency", _("Agency")),
        Column("agency_slug", _("Agency code")),
        *[
            Column(f"component_{position}", f"{component.name} ({component.maximum.normalize():f})")
            for position, component in enumerate(components, start=1)
        ],
        Column("points", _("Total points")),
        Column("maximum", _("Applicable maximum")),
        Column("index", _("Index (%)")),
        Column("band", _("Classification")),
        Column("index_change", _("Index change")),
        Column("rank_change", _("Rank change (places)")),
        Column("published_rank", _("Published rank")),
    ]
    table = DataTable("xep-hang", _("Ranking: %(edition)s") % {"edition": edition.title}, columns)
    for row in rows:
        scores = row.result.scores_by_component()
        table.rows.append(
            [
                row.rank or None,
                row.agency.name,
                row.agency.slug,
                *[getattr(scores.get(component.pk), "points", None) for component in components],
                row.result.points,
                row.result.maximum,
                row.result.index_value,
                _band_name(row),
                row.index_change,
                row.rank_change,
                row.result.published_rank,
            ]
        )
    return table


def summary_table(edition: IndexEdition, summary: Summary) -> DataTable:
    """The edition in figures, as ministries publish beside a ranking: its series, full score, how many
    agencies it ranks, and their mean and median index."""
    columns = [
        Column("edition", _("Edition")),
        Column("year", _("Year")),
        Column("publisher", _("Publisher")),
        Column("group", _("Group ranked")),
        Column("maximum", _("Full score")),
        Column("ranked_count", _("Agencies ranked")),
        Column("mean_index", _("Mean index (%)")),
        Column("median_index", _("Median index (%)")),
    ]
    table = DataTable("thong-ke", _("%(edition)s in figures") % {"edition": edition.title}, columns)
    table.rows.append(
        [
            edition.title,
            edition.year,
            edition.series.publisher,
            edition.series.group,
            edition.maximum,
            summary.count,
            summary.mean,
            summary.median,
        ]
    )
    return table


def history_table(agency: Agency, rows: list[RankedResult]) -> DataTable:
    """An agency's index and rank across editions, newest first."""
    columns = [
        Column("year", _("Year")),
        Column("edition", _("Edition")),
        Column("series", _("Series")),
        Column("points", _("Total points")),
        Column("maximum", _("Applicable maximum")),
        Column("index", _("Index (%)")),
        Column("rank", _("Rank")),
        Column("ranked_count", _("Agencies ranked")),
        Column("band", _("Classification")),
        Column("index_change", _("Index change")),
        Column("rank_change", _("Rank change (places)")),
    ]
    table = DataTable("qua-cac-nam", _("%(agency)s across editions") % {"agency": agency.name}, columns)
    for row in rows:
        table.rows.append(
            [
                row.edition.year,
                row.edition.title,
                str(row.edition.series),
                row.result.points,
                row.result.maximum,
                row.result.index_value,
                row.rank or None,
                row.ranked_count or None,
                _band_name(row),
                row.index_change,
                row.rank_change,
            ]
        )
    return table


def components_table(row: RankedResult) -> DataTable:
    """One result's component scores against each component's maximum."""
    columns = [
        Column("component", _("Component")),
        Column("maximum", _("Maximum points")),
        Column("points", _("Appraised points")),
        Column("share", _("Share of maximum (%)")),
    ]
    title = _("%(agency)s, %(edition)s: components") % {
        "agency": row.agency.name,
        "edition": row.edition.title,
    }
    table = DataTable("diem-thanh-phan", title, columns)
    scores = row.result.scores_by_component()
    for component in row.edition.components.all():
        score = scores.get(component.pk)
        table.rows.append(
            [
                component.name,
                component.maximum,
                score.points if score else None,
                score.share if score else None,
            ]
        )
    return table


def services_table(agency: Agency, counts: list[ServiceCount]) -> DataTable:
    """An agency's online-service and file-processing figures over time, newest first."""
    columns = [
        Column("as_of", _("As of")),
        Column("period", _("Period")),
        Column("total_procedures", _("Procedures")),
        Column("online", _("Online")),
        Column("online_share", _("Online (%)")),
        Column("fully_online", _("Fully online")),
        Column("partly_online", _("Partly online")),
        Column("level_3", _("Level 3")),
        Column("level_4", _("Level 4")),
        Column("files_received", _("Files received")),
        Column("files_early", _("Settled early")),
        Column("files_on_time", _("Settled on time")),
        Column("files_late", _("Settled late")),
    ]
    table = DataTable(
        "dich-vu-cong", _("%(agency)s: online public services") % {"agency": agency.name}, columns
    )
    for count in counts:
        table.rows.append(
            [
                count.as_of.isoformat(),
                count.period_label,
                count.total_procedures,
                count.online,
                count.online_share,
                count.fully_online,
                count.partly_online,
                count.level_3,
                count.level_4,
                count.files_received,
                count.files_early,
                count.files_on_time,
                count.files_late,
            ]
        )
    return table


def procedures_table(agency: Agency, procedure_list: ProcedureList, procedures: list[Procedure]) -> DataTable:
    """The procedures behind an agency's online count (as filtered on the page): code, name, field, level."""
    columns = [
        Column("code", _("Code")),
        Column("name", _("Procedure")),
        Column("field", _("Field")),
        Column("level", _("Online level")),
        Column("portal_url", _("Link on the public-service portal")),
    ]
    title = _("%(agency)s: administrative procedures as of %(date)s") % {
        "agency": agency.name,
        "date": procedure_list.as_of.strftime("%d/%m/%Y"),
    }
    table = DataTable("thu-tuc", title, columns)
    for procedure in procedures:
        table.rows.append(
            [
                procedure.code,
                procedure.name,
                procedure.field,
                procedure.get_level_display(),
                procedure.portal_url,
            ]
        )
    return table


def comparison_table(edition: IndexEdition, rows: list[RankedResult]) -> DataTable:
    """Two to four agencies side by side in one edition: a row per figure, a column per agency."""
    columns = [Column("figure", _("Figure"))] + [Column(row.agency.slug, row.agency.name) for row in rows]
    table = DataTable("so-sanh", _("Comparison: %(edition)s") % {"edition": edition.title}, columns)
    scores = [row.result.scores_by_component() for row in rows]
    for component in edition.components.all():
        label = f"{component.name} ({formatting.points(component.maximum)})"
        table.rows.append(
            [label, *[getattr(agency_scores.get(component.pk), "points", None) for agency_scores in scores]]
        )
        table.row_formats.append("points")
    table.rows += [
        [_("Total points"), *[row.result.points for row in rows]],
        [_("Index (%)"), *[row.result.index_value for row in rows]],
        [_("Rank"), *[row.rank or None for row in rows]],
        [_("Classification"), *[_band_name(row) for row in rows]],
        [_("Index change"), *[row.index_change for row in rows]],
        [_("Rank change (places)"), *[row.rank_change for row in rows]],
    ]
    table.row_formats += ["points", "points", "text", "text", "signed", "rank_change"]
    return table
