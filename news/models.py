"""Reform news: categories, tags, the news index (listings, archive, feeds) and article pages."""

import hashlib
import json
from datetime import datetime, time, timedelta
from functools import partial

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models import F, Value
from django.db.models.lookups import Exact
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageLogEntry, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from news.blocks import ArticleBodyBlock
from news.indexes import ParentPath
from portal.caching.generation import kept_for_request, list_generation, lists_generation_anywhere, read_token
from portal.caching.local import kept_cache
from portal.caching.restrictions import any_restriction
from portal.http import error_response
from portal.legal.panels import CitedDocumentsPanel
from portal.models import PortalPage
from portal.pagination import KeptPaginator
from portal.site_scoping import SiteScoped, SiteScopedForm, for_site, site_of
from portal.transliteration import ascii_slug, fold

ARTICLES_PER_PAGE = 10
# A section's months to browse are kept across publishes (most add an article to a month already listed:
# see news/signals.py). What changes them without a publish in the section (a page moved, a view
# restriction) renews this token instead, and a day's limit bounds whatever was missed.
ARCHIVE_MONTHS_SECONDS = 24 * 60 * 60
ARCHIVE_VERSION_KEY = "news:archive-version"
# When an article's content last changed is kept by the time of its last publication (a new one is a
# new key), for a week; evicted or expired, it is read again from the publications.
CONTENT_UPDATED_KEPT_SECONDS = 7 * 24 * 60 * 60


def content_updated_key(article) -> str:
    """Where `ArticlePage.content_updated_at` is kept: by article and time of its last publication."""
    return f"news:content-updated:{article.pk}:{article.last_published_at.timestamp()}"


def archive_months_cache_key(news_index_id: int) -> str:
    return f"news:archive-months:{news_index_id}:{read_token(ARCHIVE_VERSION_KEY)}"


class NewsCategory(SiteScoped):
    """A section of the news ("Tin tức - Sự kiện", "Cải cách hành chính"), with a listing and a feed: a
    department's own, or shared by every site."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_("The category's address. Made from the name when left empty."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order in menus"), default=0)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    base_form_class = SiteScopedForm

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unique_news_category_name_per_site"),
            models.UniqueConstraint(fields=["site", "slug"], name="unique_news_category_slug_per_site"),
        ]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def shown_on(cls, site) -> list["NewsCategory"]:
        """The categories a site shows, in their order: its own and the shared ones (every one on the hub
        or with no site). Kept per list generation of the site, which saving a category renews."""
        site_id = site.pk if site is not None else None
        generation = list_generation(site_id) if site_id is not None else lists_generation_anywhere()
        key = f"news:categories:{site_id or 'all'}:{generation}"

        def read():
            return list(for_site(cls.objects.all(), site))

        return kept_for_request(
            key, lambda: kept_cache().get_or_set(key, read, settings.FRAGMENT_CACHE_SECONDS)
        )

    @classmethod
    def at_address(cls, slug: str, site) -> "NewsCategory | None":
        """The category a site shows under `slug`: its own before a shared one of the same address."""
        matching = [category for category in cls.shown_on(site) if category.slug == slug]
        return min(matching, key=lambda category: category.site_id is None, default=None)


class NewsTag(TagBase):
    """A tag on news articles, with an address free of diacritics."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = ascii_slug(tag) or "the"
        return f"{slug}-{i}" if i is not None else slug


class ArticleTag(ItemBase):
    tag = models.ForeignKey(NewsTag, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


PATH_LENGTH = Page._meta.get_field("path").max_length


def path_range(page) -> models.Q:
    """The paths of `page` and everything under it, as a range an index serves. Wagtail's paths are
    made of digits and capital letters only (as treebeard's own child interval assumes), so every
    descendant's lies between the page's and the page's padded with "Z" to the column's length."""
    return models.Q(path__range=(page.path, page.path.ljust(PATH_LENGTH, "Z")))


class ArticleQuerySet(PageQuerySet):
    """Query logic for article listings, kept here so every listing shares it."""

    def published(self):
        """Live articles any reader may open (no password, login or group on them or above), newest first.

        Every public list starts here: listings, feeds, the home page, related news.
        """
        return self.live().public().order_by("-first_published_at", "-pk")

    # A province's install holds every department's articles in one page table. Wagtail finds a page's
    # children and descendants with `path LIKE 'prefix%'`, which SQLite answers by reading the whole table
    # (its LIKE ignores case, so the path's index cannot serve it): a department's listing then cost as
    # much as every site's articles together (tests/benchmarks/sites_benchmark.py).
    # - Children (a section's listing) are found by their parent's path, which the index
    #   `news.indexes.children_by_date_index` holds with the date: a page of the listing is the start
    #   of the section's range, however many other sections share the table.
    # - Descendants by the same prefix as a range of paths, added alongside, which the path's index serves.
    def child_of_q(self, other):
        return models.Q(Exact(ParentPath(), other.path))

    def descendant_of_q(self, other, inclusive=False):
        return super().descendant_of_q(other, inclusive) & path_range(other)

    def public(self):
        """Wagtail's `public()`, without its query when no page of the site is restricted."""
        return super().public() if any_restriction() else self

    def for_listing(self):
        """What a listing shows of each article, fetched in a constant number of queries."""
        return self.prefetch_related(*listing_prefetches())

    def in_category(self, category: NewsCategory):
        # EXISTS rather than a join: a category holds a good share of the news, and a join lets SQLite
        # read the whole category and sort it by date (46 ms at 100,000 articles) where walking the
        # date's index and checking each article stops after a page (1 ms). Tags, mostly rare, keep
        # the join, which is the faster way to a few articles.
        links = ArticlePage.categories.through.objects.filter(articlepage_id=models.OuterRef("pk"))
        return self.filter(models.Exists(links.filter(newscategory=category)))

    def tagged(self, tag: NewsTag):
        return self.filter(tagged_items__tag=tag)

    def in_period(self, start: datetime, end: datetime):
        return self.filter(first_published_at__gte=start, first_published_at__lt=end)


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


# The renditions an article card shows (templates/news/includes/article_card.html): the listings read
# only these, not every size ever made of the image.
CARD_PICTURE = "format-{webp,jpeg} width-{400,800}"


def listing_prefetches() -> list:
    """What an article's card shows beyond its own row: the image's card renditions, the categories.

    The image itself comes with the article's row (`select_related("hero_image")`).
    """
    rendition_model = get_image_model().get_rendition_model()
    renditions = rendition_model.objects.filter(filter_spec__in=Filter.expand_spec(CARD_PICTURE))
    return [
        models.Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
        "categories",
    ]


class ArticlePaginator(KeptPaginator):
    """Pages of an article listing that stay fast deep into 100,000 articles.

    The count, each page's article ids and the deep pages' starting points are kept per list
    generation (`portal.pagination`): the database sorts and skips only article ids (narrow rows), and
    the page's ten articles are then read whole, by id. Each id is kept with its article's last
    publication time, the key of its kept card (`news_tags.article_cards`): as what a card shows is part
    of the list signature (`news.signals.list_signature`), a publish that keeps the lists keeps the
    card, and a page whose cards are kept reads no article.
    """

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(
            object_list,
            per_page,
            stamp="last_published_at",
            # The cards read their images and categories only when not kept (news_tags.article_cards),
            # and never the body.
            rows=lambda ids: (
                ArticlePage.objects.filter(pk__in=ids).defer_streamfields().select_related("hero_image")
            ),
            **kwargs,
        )


class NewsIndexPage(RoutablePageMixin, PortalPage):
    """The news section: every listing (all, by category, by tag, by month) and the RSS feeds."""

    intro = models.TextField(_("introduction"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news section")
        verbose_name_plural = _("news sections")

    def articles(self):
        return ArticlePage.objects.child_of(self).published()

    @classmethod
    def kept_at(cls, tree_path: str) -> "NewsIndexPage | None":
        """The news section at `tree_path` (an article's parent), kept with the request's site's lists:
        publishing or moving a section renews them, an article's edit does not."""
        key = f"news:section-at:{tree_path}:{list_generation()}"
        return kept_cache().get_or_set(
            key, lambda: cls.objects.filter(path=tree_path).first(), settings.FRAGMENT_CACHE_SECONDS
        )

    # Routes ---------------------------------------------------------------------------------

    @path("")
    def all_articles(self, request):
        return self.render_listing(request, self.articles, list_name="all", heading=self.title)

    @path("chuyen-muc/<str:slug>/")
    def category(self, request, slug):
        category = self.get_category_or_404(slug)
        return self.render_listing(
            request,
            lambda: self.articles().in_category(category),
            list_name=f"category:{category.pk}",
            heading=category.name,
            category=category,
            feed_url=self.get_url(request) + self.reverse_subpage("category_feed", args=[category.slug]),
        )

    @path("the/<str:slug>/")
    def tag(self, request, slug):
        # Only a tag that a live public article of this section carries has a page: one that only drafts
        # (or unpublished or restricted articles) carry would announce them.
        # The tag first, then whether one of this section's articles carries it: an `IN` over the
        # section's articles made the database list them all (50 ms at 10,000 articles).
        # The answer kept per list generation (a publish may tag or untag an article; a renamed tag
        # purges), for tags that exist only: made-up addresses cost a query, never a cache entry.
        key = f"news:tag:{self.pk}:{list_generation()}:{hashlib.sha256(slug.encode()).hexdigest()[:32]}"
        tag = kept_cache().get(key)
        if tag is None:
            tag = NewsTag.objects.filter(slug=slug).first()
            if tag is not None:
                tag = tag if self.articles().tagged(tag).exists() else False
                kept_cache().set(key, tag, settings.FRAGMENT_CACHE_SECONDS)
        if not tag:
            return error_response(
                request, gettext("There is no tag “%(slug)s”.") % {"slug": slug}, status=404
            )
        return self.render_listing(
            request,
            lambda: self.articles().tagged(tag),
            list_name=f"tag:{tag.pk}",
            heading=gettext("Tag: %(tag)s") % {"tag": tag.name},
        )

    @path("luu-tru/<int:year>/", name="archive_year")
    @path("luu-tru/<int:year>/<int:month>/", name="archive_month")
    def archive(self, request, year, month=None):
        if not 1900 <= year <= 9999:
            return error_response(
                request, gettext("%(year)s is not a year we can show.") % {"year": year}, 404
            )
        if month is not None and not 1 <= month <= 12:
            return error_response(
                request,
                gettext("Month %(month)s does not exist: months run from 1 to 12.") % {"month": month},
                404,
            )
        start, end = period_bounds(year, month)
        heading = (
            gettext("Archive: %(month)s/%(year)s") % {"month": month, "year": year}
            if month
            else gettext("Archive: %(year)s") % {"year": year}
        )
        return self.render_listing(
            request,
            lambda: self.articles().in_period(start, end),
            list_name=f"archive:{year}:{month}",
            heading=heading,
            archive=(year, month),
        )

    @path("rss/", name="feed")
    def feed(self, request):
        from news.feeds import ArticleFeed

        return ArticleFeed(self)(request)

    @path("chuyen-muc/<str:slug>/rss/", name="category_feed")
    def category_feed(self, request, slug):
        from news.feeds import ArticleFeed

        return ArticleFeed(self, category=self.get_category_or_404(slug))(request)

    # Helpers --------------------------------------------------------------------------------

    @cached_property
    def all_categories(self) -> list[NewsCategory]:
        """The site's categories and the shared ones, kept per list generation (a change to one renews it)."""
        return NewsCategory.shown_on(site_of(self))

    def get_category_or_404(self, slug: str) -> NewsCategory:
        for category in self.all_categories:
            if category.slug == slug:
                return category
        raise Http404(f"No news category {slug!r}")

    def render_listing(self, request, find_articles, *, list_name: str, heading, **context):
        """Render one page of a listing; a page number that is not one gets a clear 400 or 404.

        `find_articles()` builds the listing's QuerySet, only when its count or its page's articles are
        read (not when the page's content is kept); `list_name` names the list among the section's (the
        key of its kept count).
        """
        raw_number = request.GET.get("page", "1")
        try:
            number = int(raw_number)
        except ValueError:
            return error_response(
                request, gettext("“%(page)s” is not a page number.") % {"page": raw_number[:20]}, 400
            )
        archive_year = (context.get("archive") or (None, None))[0]
        paginator = ArticlePaginator(
            SimpleLazyObject(find_articles),
            ARTICLES_PER_PAGE,
            key=f"news:{self.pk}:{list_name}",
            allow_empty_first_page=True,
        )
        if not 1 <= number <= paginator.num_pages:
            return error_response(
                request,
                gettext("Page %(number)s does not exist: this list has %(pages)s pages.")
                % {"number": number, "pages": paginator.num_pages},
                404,
            )
        return self.render(
            request,
            context_overrides={
                "listing_heading": heading,
                "page_obj": paginator.page(number),
                "page_links": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
                # Read only if the listing is not kept (the template's fragment cache).
                "categories": SimpleLazyObject(lambda: self.all_categories),
                "archive_years": SimpleLazyObject(self.archive_years),
                "archive_year": SimpleLazyObject(
                    lambda: archive_year or next(iter(self.archive_years()), None)
                ),
                "archive_months": SimpleLazyObject(lambda: self.archive_months_of(archive_year)),
                "feed_url": self.get_url(request) + self.reverse_subpage("feed"),
                # Each listing (a category, a tag, a month, a page of them) is its own canonical address.
                "canonical_url": self.lazy_canonical_url(request, [("page", number)] if number > 1 else []),
                **context,
            },
        )

    def archive_months(self) -> list[tuple[int, int]]:
        """The (year, month) pairs that have articles, newest first, for the browse-by-date links.

        Finding them reads every article's date, so the answer is kept until an article is published
        in a month not listed, unpublished or deleted, or a page moves (see news/signals.py).
        """

        def months():
            dates = self.articles().order_by().dates("first_published_at", "month", order="DESC")
            return [(date.year, date.month) for date in dates]

        key = archive_months_cache_key(self.pk)
        return kept_for_request(key, lambda: cache.get_or_set(key, months, timeout=ARCHIVE_MONTHS_SECONDS))

    def archive_years(self) -> list[int]:
        """The years that have articles, newest first."""
        return list(dict.fromkeys(year for year, _month in self.archive_months()))

    def archive_months_of(self, year: int | None) -> list[int]:
        """The months of `year` (else of the newest year) that have articles, in calendar order."""
        pairs = self.archive_months()
        if year is None and pairs:
            year = pairs[0][0]
        return sorted(month for pair_year, month in pairs if pair_year == year)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        urls += [
            {"location": base + self.reverse_subpage("category", args=[category.slug]).lstrip("/")}
            for category in self.all_categories  # its site's and the shared ones, as its listing shows
        ]
        return urls


def body_text(data) -> str:
    """Every piece of text in a StreamField's raw data, without markup, in reading order."""
    texts = []

    def walk(value):
        if isinstance(value, str):
            texts.append(strip_tags(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in (
                    "id",
                    "type",
                    "image",
                    "document",
                    "url",
                    "level",
                    "first_row_is_table_header",
                ):
                    walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(list(data))
    return " ".join(text.strip() for text in texts if text.strip())


def period_bounds(year: int, month: int | None) -> tuple[datetime, datetime]:
    """The start (inclusive) and end (exclusive) of a year or a month, in the portal's time zone."""
    tz = timezone.get_current_timezone()
    if month is None:
        return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime.combine((start + timedelta(days=32)).replace(day=1), time(), tzinfo=tz)
    return start, end


def comparable(value):
    """A revision's field as content, not as text: the body is kept as a JSON string whose keys
    PostgreSQL's jsonb may have reordered between two revisions of the same content."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class ArticlePage(RoutablePageMixin, PortalPage):
    """A news article: conference reports, conclusion notices, results announcements."""

    lead = models.TextField(_("lead"), help_text=_("One or two sentences that sum the article up."))
    summary_field = "lead"
    route_select_related = ("hero_image",)  # the picture and the link previews
    author = models.CharField(_("author"), max_length=200, help_text=_("Who wrote it, as published."))
    source = models.CharField(
        _("source"), max_length=200, help_text=_("Where the information comes from, as the law requires.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("alt text of the main image"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Defaults to the image's description."
        ),
    )
    hero_caption = models.CharField(_("caption of the main image"), max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("categories"), related_name="articles")
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("tags"), blank=True)
    agencies = ParentalManyToManyField(
        "indexes.Agency",
        verbose_name=_("agencies concerned"),
        related_name="articles",
        blank=True,
        help_text=_("The article is listed on these agencies' pages."),
    )

    objects = ArticleManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("source")], heading=_("Author and source")),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("agencies"),
            ],
            heading=_("Categories, tags and agencies"),
        ),
        CitedDocumentsPanel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("first_published_at"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        # The same text folded (no diacritics, đ → d), so "dong thap" finds "Đồng Tháp" on every engine.
        index.SearchField("search_title_folded", boost=4),
        index.AutocompleteField("search_title_folded"),
        index.SearchField("search_text_folded"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def clean(self):
        super().clean()
        if self.hero_image and not (self.hero_alt or self.hero_image.description):
            raise ValidationError(
                {"hero_alt": _("Describe the main image: it has no description in the image library.")}
            )

    def search_title_folded(self) -> str:
        return fold(self.title)

    def search_text_folded(self) -> str:
        """Lead, body, author, tags and categories without diacritics, for the search engines."""
        parts = [self.lead, self.author, body_text(self.body.raw_data)]
        parts += [tag.name for tag in self.tags.all()] + [category.name for category in self.categories.all()]
        return fold(" ".join(parts))

    def citable_text(self) -> str:
        """What may cite legal documents by number: the lead, the source and the body."""
        return "\n".join([self.lead, self.source, body_text(self.body.raw_data)])

    def plain_body(self) -> str:
        """The body as plain text, for search snippets."""
        return body_text(self.body.raw_data)

    @property
    def hero_alt_text(self) -> str:
        return self.hero_alt or (self.hero_image.description if self.hero_image else "")

    def related_articles(self, limit: int = 4) -> list["ArticlePage"]:
        """Other articles on the same subject, the closest first, newest among equals.

        An article naming the same agencies weighs most (3 each), then one sharing tags (2 each), then
        one sharing categories (1 each). The links are added up in one grouped pass of the database
        (Django's ORM cannot group a UNION, hence the SQL around it): scoring each article with
        subqueries took 100 ms at 10,000 articles, reading the links into Python as long. Which
        articles those are depends only on the lists articles are in (live, date, agencies, tags,
        categories), and what the page shows of them (title, address, date) is part of the same
        signature (`news.signals.list_signature`): they are kept per list generation of every site
        (related news may be another department's), and an edit of an article's body reads none.
        """
        key = f"news:related-articles:{self.pk}:{limit}:{lists_generation_anywhere()}"
        related = kept_cache().get(key)
        if related is None:
            ranked = self.related_article_ids(limit)
            # Their bodies are not shown: reading them made each related article cost half a
            # millisecond. The best `limit` are read first; the next ones only if a view restriction
            # hid some of those.
            shown = ArticlePage.objects.published().defer_streamfields()
            by_id = shown.in_bulk(ranked[:limit])
            if len(by_id) < limit and len(ranked) > limit:
                by_id.update(shown.in_bulk(ranked[limit:]))
            related = [by_id[pk] for pk in ranked if pk in by_id][:limit]
            kept_cache().set(key, related, settings.FRAGMENT_CACHE_SECONDS)
        return related

    def related_article_ids(self, limit: int) -> list[int]:
        """The ids of the live articles closest to this one, best first: more than `limit`, as a view
        restriction may hide a few (`related_articles`)."""
        weight = partial(Value, output_field=models.IntegerField())
        agency_links = ArticlePage.agencies.through.objects
        category_links = ArticlePage.categories.through.objects
        links = (
            # The agencies as the page holds them (its score cards read the same list).
            agency_links.filter(agency_id__in=[agency.pk for agency in self.agency_list])
            .annotate(article_id=F("articlepage_id"), weight=weight(3))
            .values_list("article_id", "weight")
            .union(
                ArticleTag.objects.filter(
                    tag_id__in=ArticleTag.objects.filter(content_object_id=self.pk).values("tag_id")
                )
                .annotate(article_id=F("content_object_id"), weight=weight(2))
                .values_list("article_id", "weight"),
                category_links.filter(
                    newscategory_id__in=category_links.filter(articlepage_id=self.pk).values(
                        "newscategory_id"
                    )
                )
                .annotate(article_id=F("articlepage_id"), weight=weight(1))
                .values_list("article_id", "weight"),
                all=True,
            )
        )
        links_sql, params = links.query.sql_with_params()
        page_table = connection.ops.quote_name(Page._meta.db_table)
        # More than asked for: the few a view restriction hides are then dropped below.
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT scored.article_id FROM (
                    SELECT links.article_id, SUM(links.weight) AS score
                    FROM ({links_sql}) links GROUP BY links.article_id
                ) scored
                JOIN {page_table} page ON page.id = scored.article_id
                WHERE page.live AND page.id <> %s
                ORDER BY scored.score DESC, page.first_published_at DESC, page.id DESC
                LIMIT %s
                """,
                [*params, self.pk, limit * 5],
            )
            return [row[0] for row in cursor.fetchall()]

    @cached_property
    def agency_list(self) -> list:
        """The agencies the article concerns ("Cơ quan liên quan"), read once per render."""
        return list(self.agencies.all())

    # What readers see of an article: a new publication that changes none of it is not an update.
    READER_FIELDS = ("title", "lead", "body", "hero_image", "hero_alt", "hero_caption", "author", "source")

    @cached_property
    def content_updated_at(self) -> datetime | None:
        """When a publication last changed what readers see, after the first one; None if none did.

        Republishing unchanged content (or only its tags, say) is not an update, nor is loading an
        article whose first publication date was set in the past. Finding it reads every publication's
        revision, so the answer is kept by the time of the last one, and worked out as the article is
        published (news/signals.py) rather than on its first view.
        """
        if not self.first_published_at or not self.last_published_at:
            return None
        key = content_updated_key(self)
        kept = cache.get(key)
        if kept is None:
            kept = (self.read_content_updated_at(),)  # a tuple: None is an answer too
            cache.set(key, kept, CONTENT_UPDATED_KEPT_SECONDS)
        return kept[0]

    def read_content_updated_at(self) -> datetime | None:
        """`content_updated_at`, from the publications' revisions."""
        publications = (
            PageLogEntry.objects.filter(page_id=self.pk, action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("timestamp", "pk")
        )
        updated_at, previous = None, None
        for entry in publications:
            seen = {name: comparable(entry.revision.content.get(name)) for name in self.READER_FIELDS}
            if previous is not None and seen != previous and entry.timestamp > self.first_published_at:
                updated_at = entry.timestamp
            previous = seen
        return updated_at

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment cache misses.
        context["structured_data"] = SimpleLazyObject(lambda: self.structured_data(request))
        context["og_type"] = "article"
        context["news_index"] = SimpleLazyObject(lambda: NewsIndexPage.kept_at(self.path[: -self.steplen]))
        return context

    @path("")
    def article(self, request):
        return self.render(request)

    @path("ban-in/", name="print")
    def print_view(self, request):
        """The article alone, laid out for paper."""
        return self.render(request, template="news/article_page_print.html")

    def structured_data(self, request) -> str:
        """schema.org NewsArticle as JSON-LD, escaped for a <script> element."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.lead,
            "datePublished": timezone.localtime(self.first_published_at).isoformat(),
            "dateModified": timezone.localtime(
                self.content_updated_at or self.first_published_at
            ).isoformat(),
            "author": {"@type": "Person", "name": self.author},
            "url": self.get_full_url(request),
            "inLanguage": "vi",
        }
        encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        return mark_safe(encoded.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026"))
