"""Everything the portal keeps between requests, keyed by the publish generation.

- `generation`: the token, what replaces it (publishing, and the models each app declares), purging;
- `pages`: the anonymous page cache (a Django middleware and a WSGI layer in front of Django);
- `routing`: Wagtail's site and page routing, remembered per generation;
- `restrictions`: "is any page restricted?", so that `public()` costs nothing when none is.
"""
