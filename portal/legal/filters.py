"""What a reader asked the library for, read from a query string and checked.

The library page (`/van-ban/`) and the API (`/api/v1/documents`) read the same parameters, so a page's
address and its JSON share their query string:

    hinh-thuc         a form's slug (quyet-dinh)
    co-quan-ban-hanh  an issuing body's slug (ubnd-tinh)
    linh-vuc          a field's slug (cai-cach-hanh-chinh)
    nam               the year of issue (2024)
    hieu-luc          con-hieu-luc, het-hieu-luc-mot-phan, het-hieu-luc, chua-co-hieu-luc
    sap-xep           moi-nhat (default), cu-nhat, ngay-hieu-luc, moi-dang
    page              the page of the list, from 1

A wrong value is a `BadFilter` whose message says which parameter and why, in the reader's language.
Unknown parameters are ignored by the page (links carry tracking parameters) and refused by the API.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

STATUSES = ("con-hieu-luc", "het-hieu-luc-mot-phan", "het-hieu-luc", "chua-co-hieu-luc")
SORTS = {
    "moi-nhat": _("Date of issue, newest first"),
    "cu-nhat": _("Date of issue, oldest first"),
    "ngay-hieu-luc": _("Date in force, newest first"),
    "moi-dang": _("Newly added to the library"),
}
DEFAULT_SORT = "moi-nhat"
FILTER_PARAMETERS = ("hinh-thuc", "co-quan-ban-hanh", "linh-vuc", "nam", "hieu-luc", "sap-xep")
MAX_PAGE = 100_000


class BadFilter(ValueError):
    """A parameter the reader (or a link) got wrong; the message says which and why."""


@dataclass
class Choices:
    """What the filters offer: each list's entries with whether any published document uses them."""

    forms: list = field(default_factory=list)
    issuers: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @staticmethod
    def used(entries) -> list:
        return [entry for entry, in_use in entries if in_use]

    @property
    def used_forms(self):
        return self.used(self.forms)

    @property
    def used_issuers(self):
        return self.used(self.issuers)

    @property
    def used_fields(self):
        return self.used(self.fields)


@dataclass
class LibraryQuery:
    form: object | None = None
    issuer: object | None = None
    field: object | None = None
    year: int | None = None
    status: str | None = None
    sort: str = DEFAULT_SORT
    page: int = 1

    @property
    def filtered(self) -> bool:
        return any([self.form, self.issuer, self.field, self.year, self.status])

    def to_params(self, *, without_page: bool = False) -> list[tuple[str, str]]:
        """The query string's parameters, in a fixed order (the permalink of this view)."""
        params = [
            ("hinh-thuc", self.form.slug if self.form else ""),
            ("co-quan-ban-hanh", self.issuer.slug if self.issuer else ""),
            ("linh-vuc", self.field.slug if self.field else ""),
            ("nam", str(self.year or "")),
            ("hieu-luc", self.status or ""),
            ("sap-xep", self.sort if self.sort != DEFAULT_SORT else ""),
            ("page", str(self.page) if self.page > 1 and not without_page else ""),
        ]
        return [(name, value) for name, value in params if value]

    def to_query_string(self) -> str:
        params = self.to_params()
        return "?" + urlencode(params) if params else ""

    def page_query(self) -> str:
        """The filters as the start of a page link's query string ("hinh-thuc=quyet-dinh&"), or ""."""
        params = self.to_params(without_page=True)
        return urlencode(params) + "&" if params else ""

    def hidden_fields(self, *, without_page: bool = False) -> list[tuple[str, str]]:
        return self.to_params(without_page=without_page)


def sort_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in SORTS.items()]


def _entry(entries, slug: str, message: str):
    for entry, _in_use in entries:
        if entry.slug == slug:
            return entry
    raise BadFilter(message % {"value": slug[:60]})


def _number(value: str, name: str, *, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise BadFilter(
            gettext("“%(value)s” is not a valid value for “%(name)s”.") % {"value": value[:60], "name": name}
        )
    return number


def parse(params, choices: Choices, *, read_page: bool = True) -> LibraryQuery:
    """Read the library's parameters from `params` (a QueryDict or a dict); raise BadFilter."""
    query = LibraryQuery()
    value = params.get("hinh-thuc")
    if value:
        query.form = _entry(choices.forms, value, gettext("There is no document form “%(value)s”."))
    value = params.get("co-quan-ban-hanh")
    if value:
        query.issuer = _entry(choices.issuers, value, gettext("There is no issuing body “%(value)s”."))
    value = params.get("linh-vuc")
    if value:
        query.field = _entry(choices.fields, value, gettext("There is no field “%(value)s”."))
    value = params.get("nam")
    if value:
        query.year = _number(value, "nam", low=1900, high=2100)
    value = params.get("hieu-luc")
    if value:
        if value not in STATUSES:
            raise BadFilter(
                gettext("“%(value)s” is not a status. Choose one of: %(choices)s.")
                % {"value": value[:60], "choices": ", ".join(STATUSES)}
            )
        query.status = value
    value = params.get("sap-xep")
    if value:
        if value not in SORTS:
            raise BadFilter(
                gettext("“%(value)s” is not a way to sort. Choose one of: %(choices)s.")
                % {"value": value[:60], "choices": ", ".join(SORTS)}
            )
        query.sort = value
    value = params.get("page") if read_page else None
    if value:
        try:
            query.page = int(value)
        except ValueError:
            raise BadFilter(gettext("“%(page)s” is not a page number.") % {"page": value[:20]}) from None
        if not 1 <= query.page <= MAX_PAGE:
            raise BadFilter(gettext("“%(page)s” is not a page number.") % {"page": value[:20]})
    return query
