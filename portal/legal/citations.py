"""Documents cited by number: recorded when news and figures are published, linked when pages render.

Recording. When an instance of a registered model (`portal.legal.registry`) is published, the numbers
its text names (and the documents it chose explicitly) become `Citation` rows; unpublishing or
deleting it removes them, and a moved page is recorded again under its new address. A document's
page lists the sources that cite its number, whether they were published before or after it.

Linking. `link_citations(html)` turns every number in the text parts of `html` into a link to the
published document it names, when exactly one does ("57/QĐ-UBND ngày 25/01/2024": the date, or the
year in the number, tells documents with the same number apart). What editors wrote is never
changed: the links are added to the rendered HTML, which the pages keep in their fragment caches
until the next publish. Numbers inside existing links, scripts and form controls are left alone.
The documents a render needs are read in one query and kept per publish generation, language and
day (a document's status can change overnight).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal.caching.generation import renew_token, revision_kept_generation
from portal.caching.local import kept_cache
from portal.legal import numbers, registry
from portal.legal.models import CITATIONS_KEY, Citation, LegalDocumentPage, Status, today

# Recording ---------------------------------------------------------------------------------------------


def record(instance) -> int:
    """Write the citations of a published source (replacing earlier ones); return how many."""
    source = registry.source_for(instance)
    if source is None or instance.pk is None:
        return 0
    description = source.describe(instance)
    content_type = ContentType.objects.get_for_model(instance)
    rows = []
    if description is not None:
        common = {
            "content_type": content_type,
            "object_id": instance.pk,
            "kind": source.kind,
            "source_title": description.title[:255],
            "source_url": description.url[:500],
            "source_date": description.date,
        }
        seen = set()
        for cited in numbers.find_cited(source.text(instance)):
            if (cited.number.key, cited.year) in seen:
                continue
            seen.add((cited.number.key, cited.year))
            rows.append(
                Citation(
                    number=cited.number.display,
                    number_key=cited.number.key,
                    cited_year=cited.year,
                    **common,
                )
            )
        chosen = [pk for pk in source.documents(instance) if pk]
        for document in LegalDocumentPage.objects.filter(pk__in=chosen).only(
            "number", "number_key", "issued_on"
        ):
            rows.append(
                Citation(
                    number=document.number,
                    number_key=document.number_key,
                    cited_year=document.issued_on.year,
                    document=document,
                    **common,
                )
            )
    recorded = Citation.objects.filter(content_type=content_type, object_id=instance.pk)
    if sorted(map(_shown, recorded)) == sorted(map(_shown, rows)):
        return len(rows)  # the common edit: the body changed, not what it cites nor how it is listed
    with transaction.atomic():
        recorded.delete()
        Citation.objects.bulk_create(rows)
        _citations_changed()
    return len(rows)


def _shown(citation: Citation) -> tuple:
    """What a citation row says: which document it names and how its source is listed."""
    return (
        citation.kind,
        citation.number,
        citation.number_key,
        citation.cited_year or 0,
        citation.document_id or 0,
        citation.source_title,
        citation.source_url,
        citation.source_date.timestamp() if citation.source_date else 0.0,
    )


def _citations_changed() -> None:
    """Documents' "Cited in" lists are kept under `citations_generation`: renew it once committed."""
    transaction.on_commit(lambda: renew_token(CITATIONS_KEY))


def forget(instance) -> None:
    """Remove the citations of a source that is no longer public."""
    if registry.source_for(instance) is None or instance.pk is None:
        return
    content_type = ContentType.objects.get_for_model(instance)
    deleted, _ = Citation.objects.filter(content_type=content_type, object_id=instance.pk).delete()
    if deleted:
        _citations_changed()


def record_all() -> int:
    """Record the citations of every published source again (after an upgrade or a bulk import)."""
    total = 0
    for source in registry.sources():
        manager = source.model._default_manager
        published = manager.filter(live=True) if hasattr(source.model, "live") else manager.all()
        for instance in published.iterator(chunk_size=500):
            total += record(instance)
    return total


def _published(sender, instance, **kwargs):
    record(instance)


def _unpublished(sender, instance, **kwargs):
    forget(instance)


def _moved(sender, instance, **kwargs):
    if getattr(instance, "live", False):
        record(instance.specific if hasattr(instance, "specific") else instance)


def connect() -> None:
    """Keep the citations in step with publishing, for every registered model."""
    page_published.connect(_published, dispatch_uid="legal-citations-page-published")
    published.connect(_published, dispatch_uid="legal-citations-published")
    page_unpublished.connect(_unpublished, dispatch_uid="legal-citations-page-unpublished")
    unpublished.connect(_unpublished, dispatch_uid="legal-citations-unpublished")
    post_delete.connect(_unpublished, dispatch_uid="legal-citations-deleted")
    post_page_move.connect(_moved, dispatch_uid="legal-citations-moved")


# Linking -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRef:
    """What a link to a published document needs, kept in the cache."""

    pk: int
    url: str
    number: str
    title: str
    issuer: str
    issued_on: object  # date
    status: str

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def expired(self) -> bool:
        return self.status == Status.EXPIRED


def _ref(document) -> DocumentRef:
    return DocumentRef(
        pk=document.pk,
        url=document.url or "",
        number=document.number,
        title=document.title,
        issuer=document.issuer.name,
        issued_on=document.issued_on,
        status=document.current_status,
    )


def _references(keys: set[str], ids: set[int]) -> tuple[dict[str, list[DocumentRef]], dict[int, DocumentRef]]:
    """The published documents with these number keys, and with these ids: one query for what the
    cache does not hold."""
    if not keys and not ids:
        return {}, {}
    day = today()
    # The documents' references change only when a document is published (articles' publishes leave them).
    prefix = f"legal:cited:{revision_kept_generation()}:{get_language()}:{day.isoformat()}"
    key_names = {f"{prefix}:k:{key}": key for key in keys}
    id_names = {f"{prefix}:i:{pk}": pk for pk in ids}
    kept = kept_cache().get_many([*key_names, *id_names])
    by_key = {key: kept[name] for name, key in key_names.items() if name in kept}
    by_id = {pk: kept[name] for name, pk in id_names.items() if name in kept}
    missing_keys = keys - set(by_key)
    missing_ids = ids - set(by_id)
    if missing_keys or missing_ids:
        found = (
            LegalDocumentPage.objects.published()
            .with_status(day)
            .filter(Q(number_key__in=missing_keys) | Q(pk__in=missing_ids))
            .select_related("issuer")
            .defer("full_text", "abstract")
            .order_by("pk")
        )
        fresh_keys = {key: [] for key in missing_keys}
        fresh_ids: dict[int, DocumentRef | None] = dict.fromkeys(missing_ids)
        for document in found:
            ref = _ref(document)
            if document.number_key in fresh_keys:
                fresh_keys[document.number_key].append(ref)
            if document.pk in fresh_ids:
                fresh_ids[document.pk] = ref
        kept_cache().set_many(
            {f"{prefix}:k:{key}": refs for key, refs in fresh_keys.items()}
            | {f"{prefix}:i:{pk}": ref for pk, ref in fresh_ids.items()},
            settings.FRAGMENT_CACHE_SECONDS,
        )
        by_key |= fresh_keys
        by_id |= fresh_ids
    return by_key, by_id


TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
# Text inside these is not linked: an existing link, code, form controls, the document's head.
SKIPPED = {"a", "script", "style", "textarea", "title", "option", "select", "button", "head"}


def choose(refs: list[DocumentRef], cited: numbers.Cited, exclude: int | None = None) -> DocumentRef | None:
    """The one published document a citation names, or None when none or several do."""
    candidates = [ref for ref in refs if ref.pk != exclude]
    if cited.cited_on:
        same_day = [ref for ref in candidates if ref.issued_on == cited.cited_on]
        candidates = same_day or candidates
    if cited.year:
        candidates = [ref for ref in candidates if ref.issued_on.year == cited.year]
    return candidates[0] if len(candidates) == 1 else None


class Resolution:
    """The published documents some texts cite, read at once; links them into each text."""

    def __init__(self, texts: list[str], document_ids=()):
        keys = {cited.number.key for text in texts for cited in numbers.find_cited(str(text or ""))}
        self.by_key, self.by_id = _references(keys, {pk for pk in document_ids if pk})

    def document(self, pk: int | None) -> DocumentRef | None:
        """A document chosen explicitly, if it is published."""
        return self.by_id.get(pk) if pk else None

    def cited(self, text: str) -> DocumentRef | None:
        """The published document the first number in `text` names, when exactly one does."""
        found = numbers.find_cited(text or "")
        return choose(self.by_key.get(found[0].number.key, []), found[0]) if found else None

    def link(self, html, *, exclude: int | None = None) -> SafeString:
        """`html` (already safe) with every citation of exactly one published document made a link."""
        html = str(html or "")
        if not self.by_key:
            return mark_safe(html)
        parts = TAG.split(html)
        skipped_depth = 0
        for position, part in enumerate(parts):
            if position % 2:  # a tag or a comment
                tag = TAG_NAME.match(part)
                if tag and tag[2].lower() in SKIPPED and not part.endswith("/>"):
                    skipped_depth = max(0, skipped_depth + (-1 if tag[1] else 1))
            elif part and not skipped_depth:
                parts[position] = self._link_text(part, exclude)
        # Safe: the input was safe HTML and only escaped attributes and links around its text are added.
        return mark_safe("".join(parts))

    def _link_text(self, text: str, exclude: int | None) -> str:
        pieces, position = [], 0
        for cited in numbers.find_cited(text):
            ref = choose(self.by_key.get(cited.number.key, []), cited, exclude)
            if ref is None or not ref.url:
                continue
            description = gettext("%(title)s, %(issuer)s, %(date)s – %(status)s") % {
                "title": ref.title,
                "issuer": ref.issuer,
                "date": ref.issued_on.strftime("%d/%m/%Y"),
                "status": ref.status_label.lower(),
            }
            css = "citation citation--expired" if ref.expired else "citation"
            pieces += [
                text[position : cited.start],
                f'<a class="{css}" href="{escape(ref.url)}" title="{escape(description)}">',
                text[cited.start : cited.end],
                "</a>",
            ]
            position = cited.end
        pieces.append(text[position:])
        return "".join(pieces)


def link_citations(html, exclude: int | None = None) -> SafeString:
    """`html` with its citations of published documents made links (see the module's docstring)."""
    return Resolution([str(html or "")]).link(html, exclude=exclude)


# What editors see -------------------------------------------------------------------------------------


@dataclass
class Finding:
    """A number a draft names, and what the library has under it."""

    number: str
    cited_on: object  # date or None
    documents: list  # LegalDocumentPage, drafts too
    linked: object  # the published document it will link to, or None

    @property
    def verdict(self) -> str:
        if self.linked is not None:
            return "linked"
        if not self.documents:
            return "missing"
        if any(document.live for document in self.documents):
            return "ambiguous"
        return "draft"


def findings(instance) -> list[Finding] | None:
    """The numbers `instance` (as the editor last saved it) cites, each with its documents; None
    when its model cites none."""
    source = registry.source_for(instance)
    if source is None:
        return None
    cited_numbers = []
    seen = set()
    for cited in numbers.find_cited(source.text(instance)):
        if (cited.number.key, cited.year) not in seen:
            seen.add((cited.number.key, cited.year))
            cited_numbers.append(cited)
    documents = {}
    keys = {cited.number.key for cited in cited_numbers}
    if keys:
        for document in (
            LegalDocumentPage.objects.filter(number_key__in=keys)
            .with_status()
            .select_related("issuer")
            .order_by("-issued_on", "pk")
        ):
            documents.setdefault(document.number_key, []).append(document)
    results = []
    for cited in cited_numbers:
        candidates = documents.get(cited.number.key, [])
        if cited.year:
            candidates = [document for document in candidates if document.issued_on.year == cited.year]
        live = [
            _ref_or_none(document) for document in candidates if document.live and document.url is not None
        ]
        linked = choose([ref for ref in live if ref], cited)
        results.append(
            Finding(number=cited.number.display, cited_on=cited.cited_on, documents=candidates, linked=linked)
        )
    return results


def _ref_or_none(document) -> DocumentRef | None:
    try:
        return _ref(document)
    except AttributeError:
        return None
