"""Editions cite legal documents: their decision (chosen from the library, or typed) and methodology."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from indexes.models import IndexEdition, IndexesPage
from portal.legal.registry import CitingSource, SourceDescription, register


def describe(edition: IndexEdition) -> SourceDescription | None:
    section = IndexesPage.objects.live().order_by("path").first()
    with override(settings.LANGUAGE_CODE):
        url = section.edition_url(edition) if section else ""
    # The decision's date says when the figures were published; the edition may be entered later.
    date = (
        timezone.make_aware(datetime.datetime.combine(edition.decision_date, datetime.time(12)))
        if edition.decision_date
        else edition.first_published_at
    )
    return SourceDescription(title=edition.title, url=url, date=date)


def register_editions() -> None:
    register(
        CitingSource(
            kind="edition",
            label=_("Reform-index editions"),
            model=IndexEdition,
            text=IndexEdition.citable_text,
            describe=describe,
            documents=lambda edition: [edition.decision_legal_document_id],
        )
    )
