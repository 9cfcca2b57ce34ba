"""The RSS feed of the library: documents newly added, newest first, with their status."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext

FEED_LENGTH = 20


class DocumentFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, library, documents):
        super().__init__()
        self.library = library
        self.documents = documents

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.library

    def title(self, library):
        return library.title

    def link(self, library):
        return library.url

    def description(self, library):
        return library.intro or library.title

    def items(self, library):
        return self.documents.order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, document):
        return f"{document.title}: {document.abstract}"

    def item_description(self, document):
        return gettext("%(issuer)s, issued %(date)s. Status: %(status)s.") % {
            "issuer": document.issuer.name,
            "date": document.issued_on.strftime("%d/%m/%Y"),
            "status": document.status.label,
        }

    def item_link(self, document):
        return document.get_url(self.request)

    def item_pubdate(self, document):
        return document.first_published_at

    def item_updateddate(self, document):
        return document.last_published_at

    def item_categories(self, document):
        return [document.form.name] + ([document.field.name] if document.field_id else [])
