"""What a reader asked the search for, read from the query string of /tim-kiem/ or /api/v1/search.

The words are folded (`portal.transliteration`), so every engine compares plain words; words that
name a score ("chỉ số", "xếp hạng"…) are told apart from those naming an agency, and a year ("2023")
or a rank ("13/18") in the words narrows the scores. Filters are checked: a wrong one is a
`BadSearch` whose message says which and why.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from indexes.models import Agency, AgencyKind
from news.models import NewsCategory, NewsTag
from portal.transliteration import fold, words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
GROUPS = ("tin-tuc", "co-quan", "ket-qua", "van-ban", "hoi-dap")
SORTS = ("lien-quan", "moi-nhat")

# Words that say "a score" rather than name an agency: dropped before agencies are looked up.
SCORE_WORDS = [
    "chi so cai cach hanh chinh",
    "chi so cchc",
    "par index",
    "chi so",
    "cai cach hanh chinh",
    "cai cach",
    "hanh chinh",
    "cchc",
    "ket qua",
    "diem so",
    "diem",
    "xep hang",
    "xep loai",
    "thu hang",
    "hang",
    "nam",
    "cua",
]
YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
RANK = re.compile(r"\b(\d{1,3})\s*/\s*(\d{1,3})\b")


class BadSearch(ValueError):
    """A parameter the reader (or a link) got wrong; the message says which and why."""


@dataclass
class SearchRequest:
    """What the reader asked for, checked: the words, and the filters as query parameters."""

    text: str = ""
    terms: list[str] = field(default_factory=list)
    years_named: list[int] = field(default_factory=list)
    rank_named: tuple[int, int] | None = None
    year: int | None = None
    agency: Agency | None = None
    kind: str | None = None
    category: NewsCategory | None = None
    tag: NewsTag | None = None
    group: str | None = None
    sort: str = "lien-quan"
    page: int = 1
    # The site's home page whose pages are searched; None searches every site (the hub).
    scope: Any = None
    # The request's site (the hub's too): whose sections and categories best bets offer.
    site: Any = None

    @property
    def query(self) -> str:
        """The folded words as the engines get them."""
        return " ".join(self.terms)

    @property
    def agency_terms(self) -> list[str]:
        """The words left once score words, years and ranks are taken out: an agency's name, if any."""
        text = " " + " ".join(self.terms) + " "
        text = RANK.sub(" ", YEAR.sub(" ", text))
        for phrase in SCORE_WORDS:
            text = text.replace(f" {phrase} ", " ")
        return [word for word in text.split() if not word.isdigit()]

    @property
    def filters_active(self) -> bool:
        return any([self.year, self.agency, self.kind, self.category, self.tag])


def parse_request(params, *, site=None) -> SearchRequest:
    """Read the query string of /tim-kiem/ or /api/v1/search on `site` (whose categories a category's
    address names); raise BadSearch with a clear message."""
    raw = " ".join((params.get("q") or "").split())[:MAX_QUERY_LENGTH]
    request = SearchRequest(text=raw, terms=words(raw)[:MAX_TERMS])
    folded = fold(raw)
    request.years_named = sorted({int(year) for year in YEAR.findall(folded)})
    rank = RANK.search(folded)
    if rank and 0 < int(rank.group(1)) <= int(rank.group(2)):
        request.rank_named = (int(rank.group(1)), int(rank.group(2)))

    if params.get("nam"):
        request.year = _number(params["nam"], "nam", low=1900, high=2100)
    if params.get("co-quan"):
        request.agency = _by_slug(Agency, params["co-quan"])
        if request.agency is None:
            raise BadSearch(
                _("There is no agency with the code “%(code)s”.") % {"code": params["co-quan"][:60]}
            )
    if params.get("loai-co-quan"):
        if params["loai-co-quan"] not in AgencyKind.values:
            raise BadSearch(
                _("“%(value)s” is not a kind of agency.") % {"value": params["loai-co-quan"][:60]}
            )
        request.kind = params["loai-co-quan"]
    if params.get("chuyen-muc"):
        # Each department may have a category at the same address: the reader's site's own.
        request.category = NewsCategory.at_address(params["chuyen-muc"], site)
        if request.category is None:
            raise BadSearch(_("There is no category “%(slug)s”.") % {"slug": params["chuyen-muc"][:60]})
    if params.get("the"):
        request.tag = _by_slug(NewsTag, params["the"])
        if request.tag is None:
            raise BadSearch(_("There is no tag “%(slug)s”.") % {"slug": params["the"][:60]})
    if params.get("nhom"):
        if params["nhom"] not in GROUPS:
            raise BadSearch(_("“%(value)s” is not a group of results.") % {"value": params["nhom"][:60]})
        request.group = params["nhom"]
    if params.get("sap-xep"):
        if params["sap-xep"] not in SORTS:
            raise BadSearch(_("“%(value)s” is not a way to sort.") % {"value": params["sap-xep"][:60]})
        request.sort = params["sap-xep"]
    if params.get("trang"):
        request.page = _number(params["trang"], "trang", low=1, high=10_000)
    return request


def _by_slug(model, slug: str):
    # PostgreSQL refuses a NUL byte in a query parameter outright (SQLite just finds nothing); no slug has one.
    return None if "\x00" in slug else model.objects.filter(slug=slug).first()


def _number(value: str, name: str, *, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise BadSearch(
            _("“%(value)s” is not a valid value for “%(name)s”.") % {"value": value[:60], "name": name}
        )
    return number
