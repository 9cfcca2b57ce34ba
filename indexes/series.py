"""Which editions belong together: one index series, keyed for now by who published it and the group.

There is no series model yet (another change adds one: publisher and group on a series of their own).
Until then an edition's series is its decision's issuer and its group, and everything that needs a series
(the methodology page, its address) asks this module only, so pointing it at the model later is a
change here alone.
"""

from indexes.models.figures import IndexEdition
from portal.transliteration import ascii_slug


def series_key(edition: IndexEdition) -> tuple[str, str]:
    """(publisher, group) of the edition's series."""
    return (edition.decision_issuer.strip(), edition.group.strip())


def series_slug(edition: IndexEdition) -> str:
    """The series' address: "ubnd-tinh-quang-tri-so-ban-nganh-cap-tinh"."""
    publisher, group = series_key(edition)
    return ascii_slug(f"{publisher} {group}")[:120] or "chi-so"


def series_title(edition: IndexEdition) -> str:
    """ "UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh" (the group alone when the publisher is unknown)."""
    publisher, group = series_key(edition)
    return f"{publisher} — {group}" if publisher else group


def editions_in_series(slug: str) -> list[IndexEdition]:
    """The published editions of the series `slug`, oldest first, with their frameworks and bands."""
    editions = (
        IndexEdition.objects.published()
        .select_related("decision_document", "decision_legal_document")
        .prefetch_related("components", "bands")
        .order_by("year", "pk")
    )
    return [edition for edition in editions if series_slug(edition) == slug]
