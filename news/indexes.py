"""The database index the news listings need on Wagtail's page table, and the expression it holds."""

from django.db import models
from wagtail.models import Page

CHILDREN_BY_DATE_INDEX = "news_page_children_by_date"


class ParentPath(models.Func):
    """A page's parent's path: its own, less its last step (treebeard's `steplen` characters).

    Written out with its numbers rather than as `Substr(path, 1, Length(path) - 4)`, whose numbers
    SQLite receives as parameters: a query's expression must be the index's, word for word, for SQLite
    to use the index. SUBSTR and LENGTH are the same functions on SQLite and PostgreSQL.
    """

    template = f"SUBSTR(%(expressions)s, 1, LENGTH(%(expressions)s) - {Page.steplen})"
    output_field = models.CharField()

    def __init__(self, path="path", **extra):
        super().__init__(path, **extra)


def children_by_date_index() -> models.Index:
    """Pages by parent, newest first: each section's listing is the start of its range."""
    return models.Index(
        ParentPath(),
        models.F("first_published_at").desc(),
        models.F("id").desc(),
        name=CHILDREN_BY_DATE_INDEX,
    )
