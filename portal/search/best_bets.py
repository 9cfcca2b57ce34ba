"""Best bets: when the words name the reform index, one of its editions, an agency or a news category,
that page is offered first, above the groups of results.

"chi so cai cach hanh chinh" leads to the index section, "Chỉ số CCHC 2023" and "xep hang 2023" to the
2023 ranking (of this province: the edition of that year ranking the most agencies, so another
province's ranking loaded beside it is not the one offered), "So Khoa hoc" to the agency's page and
"cải cách hành chính" to the news category. Only public, published pages are offered.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from indexes.models import Agency, IndexEdition, IndexesPage
from news.models import NewsCategory, NewsIndexPage
from portal.caching.generation import list_generation
from portal.caching.restrictions import public
from portal.questions.models import QuestionsPage
from portal.search.query import RANK, YEAR, SearchRequest
from portal.transliteration import words

# Folded phrases that name the index itself (the section's own title is read as well).
INDEX_NAMES = (
    "chi so cai cach hanh chinh",
    "chi so cai cach",
    "chi so cchc",
    "par index",
    "cchc",
)
# Words that ask for a year's ranking when a year comes with them.
RANKING_WORDS = ("bang xep hang", "xep hang", "ket qua", "diem")
MAX_BETS = 3
OWN_PAGE_KEPT_SECONDS = 60 * 60
SECTION_TYPES = (IndexesPage, NewsIndexPage, QuestionsPage)


@dataclass(frozen=True)
class BestBet:
    kind: str  # "index", "edition", "agency" or "category"
    title: str
    url: str
    description: str


def _without_numbers(request: SearchRequest) -> str:
    """The folded words without years, ranks and the little words around them ("năm", "của")."""
    text = " " + RANK.sub(" ", YEAR.sub(" ", " ".join(request.terms))) + " "
    for word in ("nam", "cua", "cac"):
        text = text.replace(f" {word} ", " ")
    return " ".join(text.split())


def best_bets(request: SearchRequest, agencies: list[Agency]) -> list[BestBet]:
    """The pages the words name, most precise first: an edition, an agency, the index, a category."""
    if not request.terms:
        return []
    words_left = _without_numbers(request)
    section = own_page(IndexesPage, request)
    bets = []
    if section is not None:
        names_index = _names_index(words_left, section)
        if request.years_named and (names_index or words_left in RANKING_WORDS or not words_left):
            for year in request.years_named:
                edition = edition_of_year(year)
                if edition is not None:
                    bets.append(
                        BestBet(
                            "edition",
                            edition.title,
                            section.edition_url(edition, current_site=request.site),
                            _("The ranking of %(year)s: every agency's index, rank and change.")
                            % {"year": year},
                        )
                    )
        agency = named_agency(request, agencies)
        if agency is not None:
            bets.append(
                BestBet(
                    "agency",
                    agency.name,
                    section.agency_url(agency, current_site=request.site),
                    _("The agency's index, rank and change in every year."),
                )
            )
        if names_index and not bets:
            bets.append(
                BestBet(
                    "index",
                    section.title,
                    section.get_url(current_site=request.site),
                    _("Every edition's ranking, each agency's figures and the comparison."),
                )
            )
    category = named_category(words_left, request)
    if category is not None:
        bets.append(category)
    return bets[:MAX_BETS]


def _names_index(words_left: str, section: IndexesPage) -> bool:
    names = (*INDEX_NAMES, " ".join(words(section.title)))
    return any(words_left == name or words_left.startswith(name + " ") for name in names)


def edition_of_year(year: int) -> IndexEdition | None:
    """The published edition of `year` that ranks the most agencies (this province's, not another's)."""
    return (
        IndexEdition.objects.published()
        .filter(year=year)
        .annotate(ranked=Count("results", filter=Q(results__index_value__isnull=False)))
        .order_by("-ranked", "pk")
        .first()
    )


def named_agency(request: SearchRequest, agencies: list[Agency]) -> Agency | None:
    """The one agency found whose name or short name begins with the reader's agency words."""
    terms = request.agency_terms
    if not terms or len(agencies) != 1:
        return None
    agency = agencies[0]
    asked = " ".join(terms)
    for name in (agency.name, agency.short_name):
        folded = " ".join(words(name))
        if folded and (folded == asked or folded.startswith(asked + " ")):
            return agency
    return None


def own_page(page_type, request: SearchRequest):
    """The live, public page of `page_type` (a section a search links to) on the reader's site, or
    None; the first anywhere when no site answers."""
    return own_sections(request).get(page_type._meta.label_lower)


def own_sections(request: SearchRequest) -> dict:
    """The reader's site's figures section, news section and questions page, by model label: one query
    for the three, kept until the next publish on that site but an article's edit (the list
    generation), as every search asks for some of them.

    The pages are specific but deferred (only Wagtail's own page fields read): a search uses their
    addresses, titles and routes, none of their own fields."""
    site_id = request.site.pk if request.site is not None else None

    def read():
        pages = public(Page.objects.live().type(*SECTION_TYPES))
        if request.site is not None:
            pages = pages.descendant_of(request.site.root_page, inclusive=True)
        found = {}
        for page in pages.order_by("path").specific(defer=True):
            section = next(section for section in SECTION_TYPES if isinstance(page, section))
            found.setdefault(section._meta.label_lower, page)
        return found

    key = f"search:own-sections:{site_id}:{list_generation(site_id)}"
    return cache.get_or_set(key, read, OWN_PAGE_KEPT_SECONDS)


def named_category(words_left: str, request: SearchRequest) -> BestBet | None:
    """The news category of the reader's site (or a shared one) whose name is exactly the words, with
    its listing's address on that site."""
    if not words_left:
        return None
    category = next(
        (
            category
            for category in NewsCategory.shown_on(request.site)
            if words(category.name) == words_left.split()
        ),
        None,
    )
    if category is None:
        return None
    news = own_page(NewsIndexPage, request)
    if news is None:
        return None
    return BestBet(
        "category",
        category.name,
        news.get_url(current_site=request.site) + news.reverse_subpage("category", args=[category.slug]),
        _("The news of this category, newest first."),
    )
