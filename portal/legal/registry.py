"""Which models cite documents, declared by the apps that own them.

The library sits below news and the figures and never imports them; instead each app registers, from
its `AppConfig.ready()`, the models whose published text may cite documents, with what to read and
how to describe a source on a document's page:

    register(CitingSource(kind="news", label=_("News"), model=ArticlePage, text=..., describe=...))

`portal.legal.citations` then keeps the `Citation` table in step with publishing, and the editors'
panel (`portal.legal.panels`) reads the same text to show which numbers a draft cites.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import override


@dataclass(frozen=True)
class SourceDescription:
    """How a citing source is listed on a document's page."""

    title: str
    url: str  # "" when it has no public address
    date: datetime | None


@dataclass(frozen=True)
class CitingSource:
    kind: str  # a short name: "news", "edition"
    label: str | Promise  # the heading on a document's page: "News that cite it"
    model: type
    # The plain text that may name documents by number.
    text: Callable[[Any], str]
    # How it is listed; None when it is not public (then it cites nothing).
    describe: Callable[[Any], SourceDescription | None]
    # Documents chosen explicitly rather than named in the text (an edition's decision), by id.
    documents: Callable[[Any], Iterable[int]] = field(default=lambda instance: ())


_sources: dict[type, CitingSource] = {}


def register(source: CitingSource) -> None:
    _sources[source.model] = source


def source_for(instance) -> CitingSource | None:
    """The registered source `instance` is one of (a subclass's instance counts), or None."""
    for model in type(instance).__mro__:
        if model in _sources:
            return _sources[model]
    return None


def sources() -> list[CitingSource]:
    return list(_sources.values())


def label_of(kind: str) -> str:
    for source in _sources.values():
        if source.kind == kind:
            return str(source.label)
    return kind


def default_language_url(page) -> str:
    """A page's address in the portal's first language, whichever language the publishing request used."""
    with override(settings.LANGUAGE_CODE):
        return page.url or ""
