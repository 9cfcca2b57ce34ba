"""The conventions every router of the public API follows, in one place.

- An unknown query parameter is a 400 that names it and lists the allowed ones (a misspelt filter
  must not silently return everything); parameters are known by their public names (aliases such as
  `co-quan`), as readers type them.
- Lists are paginated (`page`, `page_size` ≤ `MAX_PAGE_SIZE`) in an envelope
  `{count, page, page_size, results}`; a page past the end is a 404 (page 1 of an empty list is empty).
- Errors are `{detail, errors?}` (`ErrorOut`), documented on each endpoint with `ERRORS`.
"""

from math import ceil

from ninja import Field, Schema
from ninja.errors import HttpError

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50


class NoParameters(Schema):
    """An endpoint that takes no query parameters at all."""


class Pagination(Schema):
    page: int = Field(1, ge=1, description="The page to return, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items a page, 1 to {MAX_PAGE_SIZE}."
    )


class PageEnvelope(Schema):
    count: int = Field(description="Items matching, on all pages.")
    page: int
    page_size: int


class ParameterProblem(Schema):
    parameter: str
    problem: str | None = None


class ErrorOut(Schema):
    detail: str
    errors: list[ParameterProblem] | None = None


ERRORS = {400: ErrorOut, 404: ErrorOut}


def parameter_names(schema: type[Schema]) -> list[str]:
    """The query parameters a schema reads, by the names readers use (a field's alias, else its name)."""
    return [field.alias or name for name, field in schema.model_fields.items()]


def reject_unknown_parameters(request, schema: type[Schema]) -> None:
    """Answer 400 naming every query parameter `schema` does not read."""
    allowed = parameter_names(schema)
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise HttpError(
            400,
            f"Unknown parameters: {', '.join(unknown)}. Allowed: {', '.join(sorted(allowed)) or 'none'}.",
        )


def paginate(items, pagination: Pagination) -> dict:
    """The envelope of one page of `items` (a queryset: one count query, one sliced query)."""
    count = items.count()
    last = max(1, ceil(count / pagination.page_size))
    if pagination.page > last:
        raise HttpError(
            404,
            f"Page {pagination.page} is beyond the last page, {last} "
            f"({count} items, {pagination.page_size} a page).",
        )
    start = (pagination.page - 1) * pagination.page_size
    return {
        "count": count,
        "page": pagination.page,
        "page_size": pagination.page_size,
        "results": items[start : start + pagination.page_size],
    }


def parameter_problems(error) -> dict:
    """The body of a 400 for parameters ninja could not read: which parameter, and what is wrong."""
    problems = [
        {"parameter": ".".join(str(part) for part in item.get("loc", [])[1:]), "problem": item.get("msg")}
        for item in error.errors
    ]
    return {"detail": "Invalid parameters", "errors": problems}
