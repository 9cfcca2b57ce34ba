"""RSS feeds of the news: the whole section, or one category."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 20


class ArticleFeed(Feed):
    """The newest published articles of a news section, optionally of one category."""

    feed_type = Rss201rev2Feed

    def __init__(self, news_index, category=None):
        super().__init__()
        self.news_index = news_index
        self.category = category

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.category

    def title(self, category):
        return f"{self.news_index.title} – {category.name}" if category else self.news_index.title

    def link(self, category):
        if category:
            return self.news_index.url + self.news_index.reverse_subpage("category", args=[category.slug])
        return self.news_index.url

    def description(self, category):
        return (category.description if category else self.news_index.intro) or self.title(category)

    def items(self, category):
        articles = self.news_index.articles()
        if category:
            articles = articles.in_category(category)
        return articles[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead

    def item_link(self, article):
        return article.get_url(self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.author
