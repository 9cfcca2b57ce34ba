"""Site search: news, agencies, published scores, legal documents and answered questions in one box,
with or without diacritics.

The engine (Wagtail's database backend, Elasticsearch or OpenSearch) finds articles, agencies and the
published answers to citizens' questions (their published text only: never the asker's data);
published scores are then read from the database for the agencies found, narrowed by the years and
ranks the query names. Legal documents are found by number in any spelling, or by words
(`portal.legal.search`). Nothing is written per query: no hit counting, no query log.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from indexes.models import Agency, IndexEdition, IndexesPage, Result
from indexes.rankings import RankedResult, standings, unranked
from news.models import ArticlePage, ArticleTag
from portal.caching.generation import lists_generation_anywhere
from portal.caching.restrictions import public
from portal.legal import search as legal_search
from portal.legal.models import LegalDocumentPage
from portal.questions.models import Question, Status
from portal.search import postgres_index
from portal.search.availability import engine_guard
from portal.search.best_bets import BestBet, best_bets, edition_of_year
from portal.search.highlighting import highlight
from portal.search.query import MAX_TERMS, BadSearch, SearchRequest
from portal.search.ranking import RerankedHits, rerank
from portal.sites import in_request_site, in_scope
from portal.transliteration import words

ARTICLES_PER_PAGE = 10
GROUP_SIZE = 5  # agencies and scores shown beside the news when no group is chosen
GROUP_PAGE_SIZE = 20  # and when one is
SUGGESTIONS = 6
PUBLIC_AGENCIES_KEPT_SECONDS = 60 * 60

# Hits ---------------------------------------------------------------------------------------------


@dataclass
class ArticleHit:
    article: ArticlePage
    title: str
    snippet: str


@dataclass
class AgencyHit:
    agency: Agency
    name: str


@dataclass
class ScoreHit:
    row: RankedResult
    agency_name: str


@dataclass
class DocumentHit:
    document: LegalDocumentPage
    number: str
    abstract: str


@dataclass
class QuestionHit:
    question: Question
    title: str
    snippet: str


@dataclass
class SearchResults:
    request: SearchRequest
    articles: list[ArticleHit] = field(default_factory=list)
    article_count: int = 0
    articles_more: bool = False  # more articles than `article_count`, which is then a lower bound
    page_count: int = 1
    agencies: list[AgencyHit] = field(default_factory=list)
    agency_count: int = 0
    scores: list[ScoreHit] = field(default_factory=list)
    score_count: int = 0
    documents: list[DocumentHit] = field(default_factory=list)
    document_count: int = 0
    questions: list[QuestionHit] = field(default_factory=list)
    question_count: int = 0
    best_bets: list[BestBet] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            self.article_count
            + self.agency_count
            + self.score_count
            + self.document_count
            + self.question_count
        )


def search(request: SearchRequest) -> SearchResults:
    """Run the search: each group is searched unless another group was chosen.

    Raises `SearchUnavailable` when the search server fails (`portal.search.availability`).
    """
    results = SearchResults(request=request)
    if not request.terms and not request.filters_active:
        return results
    with engine_guard():
        return search_groups(request, results)


def search_groups(request: SearchRequest, results: SearchResults) -> SearchResults:
    size = GROUP_PAGE_SIZE if request.group else GROUP_SIZE
    if request.group in (None, "tin-tuc"):
        search_articles(request, results)
    agencies = find_agencies(request)
    if request.group is None and request.page == 1:
        results.best_bets = best_bets(request, agencies)
    if request.group in (None, "co-quan"):
        results.agency_count = len(agencies)
        results.agencies = [
            AgencyHit(agency, highlight(agency.name, request.terms, original=request.text))
            for agency in agencies[:size]
        ]
    if request.group in (None, "ket-qua"):
        rows = find_scores(request, agencies)
        results.score_count = len(rows)
        results.scores = [
            ScoreHit(row, highlight(row.agency.name, request.terms, original=request.text))
            for row in rows[:size]
        ]
    if request.group in (None, "van-ban"):
        search_documents(request, results, size)
    if request.group in (None, "hoi-dap"):
        search_questions(request, results, size)
    return results


def search_documents(request: SearchRequest, results: SearchResults, size: int) -> None:
    """Published legal documents: by number in any spelling, or by words; of the year asked for."""
    if request.category or request.tag or request.agency or request.kind:
        return  # filters documents do not have
    documents = in_scope(LegalDocumentPage.objects.published(), request.scope)
    documents = documents.with_status().order_by("-issued_on", "-pk")
    if request.year:
        documents = documents.filter(issued_on__year=request.year)
    # The ids that match, best first (one query), then only the page's documents are read.
    ids = legal_search.matching_ids(request.text, documents) if request.terms else None
    results.document_count = documents.count() if ids is None else len(ids)
    start = 0
    if request.group == "van-ban":  # the documents alone, a page at a time
        results.page_count = max(1, -(-results.document_count // size))
        if request.page > results.page_count:
            raise BadSearch(
                _("Page %(number)s does not exist: these results have %(pages)s pages.")
                % {"number": request.page, "pages": results.page_count}
            )
        start = (request.page - 1) * size
    if ids is None:
        shown = list(documents.select_related("issuer")[start : start + size])
    else:
        wanted = ids[start : start + size]
        by_id = {
            document.pk: document for document in documents.filter(pk__in=wanted).select_related("issuer")
        }
        shown = [by_id[pk] for pk in wanted if pk in by_id]
    results.documents = [
        DocumentHit(
            document=document,
            number=highlight(document.title, request.terms, original=request.text),
            abstract=highlight(document.abstract, request.terms, original=request.text, limit=240),
        )
        for document in shown
    ]


def searches_in_the_database() -> bool:
    """Whether Wagtail's database backend (SQLite FTS5, PostgreSQL full text) answers searches."""
    return ".database." in type(get_search_backend()).__module__


def article_queryset(request: SearchRequest):
    articles = in_scope(ArticlePage.objects.live().public(), request.scope)
    if request.year:
        tz = timezone.get_current_timezone()
        articles = articles.filter(
            first_published_at__gte=datetime(request.year, 1, 1, tzinfo=tz),
            first_published_at__lt=datetime(request.year + 1, 1, 1, tzinfo=tz),
        )
    # Each filter a subquery of the link table alone (`pk IN`, so an article linked twice counts once):
    # the outer query already keeps live, public articles of the site.
    links = {
        "category": (ArticlePage.categories.through.objects, "articlepage_id", "newscategory"),
        "tag": (ArticleTag.objects, "content_object_id", "tag"),
        "agency": (ArticlePage.agencies.through.objects, "articlepage_id", "agency"),
        "kind": (ArticlePage.agencies.through.objects, "articlepage_id", "agency__kind"),
    }
    for name, (through, article_column, lookup) in links.items():
        value = getattr(request, name)
        if value:
            linked = through.filter(**{lookup: value}).values_list(article_column, flat=True)
            if not searches_in_the_database():
                # Elasticsearch and OpenSearch filter on plain values only: resolve the relations first.
                linked = list(linked.distinct())
            articles = articles.filter(pk__in=linked)
    return articles


def count_at_most(found, limit: int) -> tuple[int, bool]:
    """How many `found` holds, counting no further than `limit`; and whether there are more.

    A word in nearly every article matches tens of thousands: counting them exactly costs more than
    the search itself and tells the reader nothing ("more than 2,000" does as well).
    """
    if isinstance(found, QuerySet):
        found = found.order_by()  # counting needs no order: the database stops at the limit, unsorted
    count = found[: limit + 1].count()
    return (limit, True) if count > limit else (count, False)


def newest_matches(articles, request: SearchRequest, operator: str, *, most_match: bool = False):
    """The matching articles, newest first, unranked (lazy: the engine's results, or on PostgreSQL's
    database backend a QuerySet reading its full-text index; `most_match` when the words are in
    thousands of them, see `postgres_index.matching`)."""
    newest = articles.order_by("-first_published_at").only("pk")
    if postgres_index.in_use():
        return postgres_index.matching(newest, request.query, operator, most_match=most_match)
    return newest.search(request.query, operator=operator, order_by_relevance=False)


def search_articles(request: SearchRequest, results: SearchResults) -> None:
    if postgres_index.in_use():
        with postgres_index.planned_for_search():
            return find_articles(request, results)
    return find_articles(request, results)


def find_articles(request: SearchRequest, results: SearchResults) -> None:
    articles = article_queryset(request)
    limit = settings.SEARCH_RANK_LIMIT
    start = (request.page - 1) * ARTICLES_PER_PAGE
    if request.terms:
        # Every word first (said explicitly: Elasticsearch and OpenSearch default to any word); when that
        # finds nothing (a misspelt or stray word), any of them. One unranked pass both counts (up to the
        # limit) and, when the list is by date, gives the page: each pass of the engine over a word found
        # in nearly every article is what a search costs.
        operator = "and"
        newest = newest_matches(articles, request, operator)
        count, more = count_at_most(newest, limit)
        if not count:
            operator = "or"
            newest = newest_matches(articles, request, operator)
            count, more = count_at_most(newest, limit)
        if request.sort == "moi-nhat" or more:
            # Scoring thousands of matches costs a quarter of a second on PostgreSQL and says little
            # about which of them the reader wants: so many are listed newest first instead. The
            # count and the page are two passes: reading the ids of 2,000 matches to do both in one
            # cost 110-150 ms where these cost 15 and 3 (PostgreSQL, 10,000 articles).
            if postgres_index.in_use() and more:  # a page of the newest found by testing each in turn
                newest = newest_matches(articles, request, operator, most_match=True)
            wanted = [article.pk for article in newest[start : start + ARTICLES_PER_PAGE]]
            by_id = ArticlePage.objects.in_bulk(wanted)
            found = [by_id[pk] for pk in wanted if pk in by_id]
            start = 0
        else:
            # Ranked, then the phrase before scattered words, the spelling typed before other spellings.
            if postgres_index.in_use():
                ranked = postgres_index.RankedMatches(articles, request.query, operator, count)
            else:
                ranked = articles.search(request.query, operator=operator, order_by_relevance=True)
            found = RerankedHits(ranked, count, request.text, lambda article: (article.title, article.lead))
    else:
        found = articles.order_by("-first_published_at")
        count, more = count_at_most(found, limit)
    results.article_count, results.articles_more = count, more
    results.page_count = max(1, -(-count // ARTICLES_PER_PAGE))
    if request.page > results.page_count:
        raise BadSearch(
            _("Page %(number)s does not exist: these results have %(pages)s pages.")
            % {"number": request.page, "pages": results.page_count}
        )
    hits = list(found[start : start + ARTICLES_PER_PAGE])
    for article in hits:
        snippet_source = article.lead
        if request.terms and not _mentions(article.lead, request.terms):
            body = article.plain_body()
            if _mentions(body, request.terms):
                snippet_source = body
        results.articles.append(
            ArticleHit(
                article=article,
                title=highlight(article.title, request.terms, original=request.text),
                snippet=highlight(snippet_source, request.terms, original=request.text, limit=240),
            )
        )


def search_questions(request: SearchRequest, results: SearchResults, size: int) -> None:
    """Answered questions whose published title, question or answer has the words (every word, else any).

    Filters that only articles or agencies have (category, tag, agency, kind) leave this group empty.
    """
    if not request.terms or request.category or request.tag or request.agency or request.kind:
        return
    questions = Question.objects.filter(status=Status.ANSWERED).public_fields().order_by()
    if request.scope is not None:  # a department's site: the questions sent there
        site = request.site
        if site is None or site.root_page_id != request.scope.pk:
            site = Site.objects.filter(root_page=request.scope).first()
        questions = questions.filter(Q(site_id=site.pk if site else None) | Q(site_id__isnull=True))
    if request.year:
        questions = questions.filter(published_at__year=request.year)
    # The first answers, then the count only when they fill the group: each pass of the engine reads
    # every entry with the words, articles' included, which a word found in every article makes costly.
    shown, count = page_and_count(questions.search(request.query, operator="and"), size)
    if not shown:
        shown, count = page_and_count(questions.search(request.query, operator="or"), size)
    results.question_count = count
    for question in shown:
        text = question.public_text
        if not _mentions(text, request.terms) and _mentions(question.answer_text(), request.terms):
            text = question.answer_text()
        results.questions.append(
            QuestionHit(
                question=question,
                title=highlight(question.title, request.terms, original=request.text),
                snippet=highlight(text, request.terms, original=request.text, limit=240),
            )
        )


def page_and_count(found, size: int) -> tuple[list, int]:
    """The first `size` results, and how many there are (counted only when they fill the page)."""
    shown = list(found[:size])
    return shown, (found.count() if len(shown) == size else len(shown))


def _mentions(text: str, terms: list[str]) -> bool:
    folded = f" {' '.join(words(text))} "
    return any(f" {term}" in folded for term in terms)


def public_agencies() -> list[Agency]:
    """The agencies with published figures, by name (their names and addresses only), which every
    search and suggestion narrows to and the agency filter offers: kept until the next change anywhere
    but an article's text (`lists_generation_anywhere`)."""

    def read():
        return list(Agency.objects.with_published_figures().order_by("name").only("name", "slug"))

    return cache.get_or_set(
        f"search:public-agencies:{lists_generation_anywhere()}", read, PUBLIC_AGENCIES_KEPT_SECONDS
    )


def public_agency_ids() -> list[int]:
    """The ids of `public_agencies()`."""
    return sorted(agency.pk for agency in public_agencies())


def find_agencies(request: SearchRequest) -> list[Agency]:
    """Agencies with published figures whose name has every agency word of the query."""
    agencies = Agency.objects.filter(pk__in=public_agency_ids())
    if request.agency:
        agencies = agencies.filter(pk=request.agency.pk)
    if request.kind:
        agencies = agencies.filter(kind=request.kind)
    terms = request.agency_terms
    if terms:
        found = list(agencies.search(" ".join(terms), operator="and"))
        return rerank(request.text, found, lambda agency: (agency.name, agency.short_name))
    if request.agency or request.kind:
        return list(agencies.order_by("name"))
    return []


def find_scores(request: SearchRequest, agencies: list[Agency]) -> list[RankedResult]:
    """Published results of the agencies found, in the years and at the rank the query names."""
    results = (
        Result.objects.published()
        .select_related("agency", "edition", "edition__series")
        .prefetch_related("edition__bands")  # each score shows its band: one query, not one per score
    )
    if request.agency_terms or request.agency or request.kind:
        if not agencies:
            return []
        results = results.filter(agency__in=agencies)
    elif not (request.years_named or request.rank_named or request.year):
        return []  # words that name no agency, year or rank: not a score look-up
    years = set(request.years_named) | ({request.year} if request.year else set())
    if years:
        results = results.filter(edition__year__in=years)
        if not (request.agency_terms or request.agency or request.kind):
            # A year's ranking asked for ("xep hang 2023"): this province's, not another province's
            # ranking of that year loaded beside it (each ranking's results stay with their own).
            editions = [edition_of_year(year) for year in years]
            results = results.filter(edition__in=[edition for edition in editions if edition is not None])
    results = list(results.order_by("-edition__year", "-index_value")[:500])
    ranks = standings({result.edition_id for result in results})
    rows = [
        RankedResult(result, ranks.get((result.edition_id, result.agency_id)) or unranked(result))
        for result in results
    ]
    if request.rank_named:
        rank, out_of = request.rank_named
        rows = [row for row in rows if row.rank == rank and row.ranked_count == out_of]
    rows.sort(key=lambda row: (-row.edition.year, row.rank == 0, row.rank, row.agency.name))
    return rows


def suggestions(text: str, scope=None, request=None) -> list[dict]:
    """Agencies, editions and article titles that start like what the reader is typing, each with the
    address it opens and what it is: up to three agencies, two editions, then articles, six in all.

    Agencies and editions link to the figures section of the reader's site (`request`), articles to
    their own site's address."""
    query = " ".join(words(text)[:MAX_TERMS])
    if len(query) < 2:
        return []
    sections = public(IndexesPage.objects.live())
    if request is not None:
        sections = in_request_site(sections, request)
    section = sections.order_by("path").first()
    found = []
    # operator="and" everywhere: the database backend ANDs words by default but Elasticsearch and
    # OpenSearch OR them, so "dich vu" would suggest every "Sở Nội vụ" there.
    with engine_guard():  # one failing call ends it: the second would wait out its own timeout
        if section is not None:
            agencies = Agency.objects.filter(pk__in=public_agency_ids()).autocomplete(query, operator="and")
            for agency in this_provinces_first(list(agencies[:SUGGESTIONS]))[:3]:
                found.append(
                    {
                        "label": agency.name,
                        "kind": "agency",
                        "kind_label": _("Agency"),
                        "slug": agency.slug,
                        "url": section.agency_url(agency, request),
                    }
                )
            for edition in matching_editions(query)[:2]:
                found.append(
                    {
                        "label": edition.title,
                        "kind": "edition",
                        "kind_label": _("Ranking"),
                        "url": section.edition_url(edition, request),
                    }
                )
        articles = in_scope(ArticlePage.objects.live().public(), scope).autocomplete(query, operator="and")
        for article in articles[: SUGGESTIONS - len(found)]:
            found.append(
                {
                    "label": article.title,
                    "kind": "article",
                    "kind_label": _("News"),
                    "url": article.get_url(request),
                }
            )
    return found[:SUGGESTIONS]


def main_editions() -> list[IndexEdition]:
    """Each year's ranking of this province: of a year's published editions, the one ranking the most
    agencies (another province's ranking loaded beside it ranks fewer), newest year first."""
    ranked = Count("results", filter=Q(results__index_value__isnull=False))
    editions, years = [], set()
    for edition in (
        IndexEdition.objects.published().annotate(ranked=ranked).order_by("-year", "-ranked", "pk")
    ):
        if edition.year not in years:
            years.add(edition.year)
            editions.append(edition)
    return editions


def this_provinces_first(agencies: list[Agency]) -> list[Agency]:
    """`agencies` with those ranked in this province's rankings first, the engine's order kept within."""
    if len(agencies) < 2:
        return agencies
    ours = set(
        Result.objects.filter(edition__in=main_editions(), agency__in=agencies).values_list(
            "agency_id", flat=True
        )
    )
    return sorted(agencies, key=lambda agency: agency.pk not in ours)


def matching_editions(query: str) -> list[IndexEdition]:
    """Published editions whose title has a word starting with each word typed, newest first; of a
    year, only the edition ranking the most agencies (this province's, not another's loaded beside it).

    Words that only say "the ranking" ("cchc", "xep hang") count as the title's own: "chi so cchc 20"
    finds the 2023 and 2022 rankings, whose titles spell the index out.
    """
    asked = query.split()
    editions = []
    for edition in main_editions():
        title = [*words(edition.title), "cchc", "xep", "hang", "bang"]
        if all(any(word.startswith(part) for word in title) for part in asked):
            editions.append(edition)
    return editions
