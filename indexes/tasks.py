"""Work the figures leave to the background worker (django-tasks, backend "background")."""

import logging

from django_tasks import task
from wagtail.search.backends import get_search_backends_with_name

from indexes.models.figures import Agency

logger = logging.getLogger(__name__)


@task(backend="background")
def index_agencies(agency_ids: list[int]) -> None:
    """Add agencies created in bulk by an import (which sends no signals) to every auto-updated search
    index. Run by the worker: on PostgreSQL indexing 2,000 agencies takes longer than the import itself."""
    agencies = list(Agency.objects.filter(pk__in=agency_ids))
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(Agency, agencies)
        except Exception:
            # As Wagtail does on save: an engine outside the database may be down; the agencies are
            # added again by `manage.py update_index`.
            logger.exception(
                "Adding %d imported agencies to the search backend %r failed", len(agencies), name
            )
            if not backend.catch_indexing_errors:
                raise
