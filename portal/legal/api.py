"""The legal documents library in the public JSON API.

    GET /api/v1/documents          published documents: the library's filters (hinh-thuc,
                                   co-quan-ban-hanh, linh-vuc, nam, hieu-luc, sap-xep), words or a
                                   number in `q`, paginated (page, page_size)
    GET /api/v1/documents/{id}     one published document with its full text, relations and the
                                   published news and figures that cite it

The parameters are the library page's (`portal.legal.filters`), so a page's address and its JSON
share their query string. Only published documents are read; expired ones are listed with their
status, as on the page. Unknown parameters and malformed values are a 400 naming them; a page past
the end is a 404 (`portal.api_conventions`).

`make_router(engine_guard, over_search_limit)` builds the router: the API root hands it the site
search's guard, which turns a failing search server into a 503, and its per-client limit, which
answers a 429 with Retry-After once a client searches too often (`q` is searched on the engine; lists
without `q` are not limited). The library cannot import them, being below the site search.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import Literal

from django.http import JsonResponse
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.rich_text import expand_db_html

from portal.api_conventions import (
    ERRORS,
    ErrorOut,
    NoParameters,
    PageEnvelope,
    Pagination,
    paginate,
    reject_unknown_parameters,
)
from portal.legal import filters, search
from portal.legal.models import DocumentField, DocumentForm, Issuer, LegalDocumentPage

StatusValue = Literal[filters.STATUSES]
SortValue = Literal[tuple(filters.SORTS)]


class DocumentFilters(Pagination):
    q: str = Field(
        "",
        max_length=200,
        description="A number in any spelling (57/QD-UBND, 57 / QĐ - UBND) or words of the number, abstract "
        "or full text (qd 57 2024); diacritics optional.",
    )
    hinh_thuc: str | None = Field(None, alias="hinh-thuc", max_length=200, description="A form's slug.")
    co_quan_ban_hanh: str | None = Field(
        None, alias="co-quan-ban-hanh", max_length=200, description="An issuing body's slug."
    )
    linh_vuc: str | None = Field(None, alias="linh-vuc", max_length=200, description="A field's slug.")
    nam: int | None = Field(None, ge=1900, le=2100, description="The year of issue.")
    hieu_luc: StatusValue | None = Field(None, alias="hieu-luc", description="The status today.")
    sap_xep: SortValue | None = Field(
        None,
        alias="sap-xep",
        description="moi-nhat (date of issue, newest first; the default without q), cu-nhat, ngay-hieu-luc "
        "(date in force), moi-dang (newly added). With q and no sap-xep: best match first.",
    )


class NamedOut(Schema):
    slug: str
    name: str


class FileOut(Schema):
    title: str
    url: str
    extension: str
    size: int | None = Field(description="Bytes, when known.")


class DocumentRefOut(Schema):
    id: int
    number: str
    title: str
    url: str
    note: str = ""


class DocumentOut(Schema):
    id: int
    number: str = Field(description="Number and symbol as printed: 57/QĐ-UBND.")
    number_key: str = Field(description="The number as compared: 57/qd-ubnd.")
    title: str
    form: NamedOut
    issuer: NamedOut
    field: NamedOut | None
    signer: str
    issued_on: date
    effective_from: date | None
    expires_on: date | None
    status: StatusValue = Field(description="The status today.")
    status_label: str
    abstract: str
    url: str
    files: list[FileOut]


class CitationOut(Schema):
    kind: str
    title: str
    url: str | None
    date: date | None


class DocumentDetailOut(DocumentOut):
    full_text_html: str
    replaces: list[DocumentRefOut]
    replaced_by: list[DocumentRefOut]
    amends: list[DocumentRefOut]
    amended_by: list[DocumentRefOut]
    cited_by: list[CitationOut]


class DocumentPage(PageEnvelope):
    results: list[DocumentOut]


def all_choices() -> filters.Choices:
    return filters.Choices(
        forms=[(entry, True) for entry in DocumentForm.objects.all()],
        issuers=[(entry, True) for entry in Issuer.objects.all()],
        fields=[(entry, True) for entry in DocumentField.objects.all()],
    )


def named(entry) -> dict | None:
    return {"slug": entry.slug, "name": entry.name} if entry else None


def document_out(request, document) -> dict:
    absolute = request.build_absolute_uri
    return {
        "id": document.pk,
        "number": document.number,
        "number_key": document.number_key,
        "title": document.title,
        "form": named(document.form),
        "issuer": named(document.issuer),
        "field": named(document.field),
        "signer": document.signer,
        "issued_on": document.issued_on,
        "effective_from": document.effective_from,
        "expires_on": document.expires_on,
        "status": document.status.value,
        "status_label": str(document.status.label),
        "abstract": document.abstract,
        "url": request.build_absolute_uri(document.url),
        "files": [
            {
                "title": item.text,
                "url": absolute(item.document.url),
                "extension": item.extension,
                "size": item.document.file_size,
            }
            for item in document.files.all()
        ],
    }


def make_router(
    engine_guard: Callable[[], AbstractContextManager] = nullcontext,
    over_search_limit: Callable[[object], bool] = lambda request: False,
) -> Router:
    router = Router(tags=["documents"])

    @router.get(
        "/documents",
        response={200: DocumentPage, **ERRORS, 429: ErrorOut},
        summary="Published legal documents",
    )
    def documents(request, parameters: Query[DocumentFilters]):
        """The library's documents, newest first: filtered as on /van-ban/, searched with `q`."""
        reject_unknown_parameters(request, DocumentFilters)
        try:
            query = filters.parse(request.GET, all_choices(), read_page=False)
        except filters.BadFilter as problem:
            raise HttpError(400, str(problem)) from None
        found = LegalDocumentPage.objects.published().matching(query)
        if parameters.q.strip():
            if over_search_limit(request):
                return JsonResponse(
                    {"detail": "Too many searches from this address; wait a minute."},
                    status=429,
                    headers={"Retry-After": "60"},
                )
            with engine_guard():
                found = search.matching(parameters.q, found, by_relevance=parameters.sap_xep is None)
        envelope = paginate(found.for_listing(), parameters)
        envelope["results"] = [document_out(request, document) for document in envelope["results"]]
        return envelope

    @router.get(
        "/documents/{document_id}",
        response={200: DocumentDetailOut, **ERRORS},
        summary="One published legal document",
    )
    def document(request, document_id: int):
        """A document with its full text, the documents it replaces or amends and those that replace or
        amend it, and the published news and figures that cite it."""
        reject_unknown_parameters(request, NoParameters)
        found = (
            LegalDocumentPage.objects.published().with_status().for_listing().filter(pk=document_id).first()
        )
        if found is None:
            raise HttpError(404, gettext("There is no published document with this id."))
        body = document_out(request, found)
        groups = {"replaces": [], "replaced_by": [], "amends": [], "amended_by": []}
        for relation in found.all_relations:
            if relation.page_id == found.pk and relation.target.live:
                name = "replaces" if relation.kind == "thay-the" else "amends"
                groups[name].append(reference(request, relation.target, relation.note))
        for relation in found.incoming_relations:
            name = "replaced_by" if relation.kind == "thay-the" else "amended_by"
            groups[name].append(reference(request, relation.page, relation.note))
        body |= groups
        body["full_text_html"] = expand_db_html(found.full_text or "")
        body["cited_by"] = [
            {
                "kind": row.kind,
                "title": row.source_title,
                "url": request.build_absolute_uri(row.source_url) if row.source_url else None,
                "date": row.source_date.date() if row.source_date else None,
            }
            for _label, rows in found.citing()
            for row in rows
        ]
        return body

    return router


def reference(request, document, note: str = "") -> dict:
    return {
        "id": document.pk,
        "number": document.number,
        "title": document.title,
        "url": request.build_absolute_uri(document.url),
        "note": note,
    }
