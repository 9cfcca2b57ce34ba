"""Template tags for the site shell: the language switch, absolute addresses and dates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from portal.caching.local import WorkerMemo

register = template.Library()


# The other language's address of the addresses this process served, at most this many (the rest
# are worked out each time): a pure function of the address, the language it is read in and the URL
# configuration.
_translated = WorkerMemo(most=2000)
TRANSLATED_LONGEST = 300


def address_in(path: str, code: str) -> str:
    """`path` in language `code` (Django resolves the path and reverses it again: 0.2–0.5 ms)."""
    key = (path, get_language(), code)
    url = _translated.get(key)
    if url is None:
        url = translate_url(path, code)
        if len(path) <= TRANSLATED_LONGEST:
            _translated.keep(key, url)
    return url


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the current page in each of the portal's languages."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return {
        "languages": [
            {
                "code": code,
                "name": name,
                # The page's own address in its own language; the other language's is worked out.
                "url": path if code == current else address_in(path, code),
                "is_current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }


@register.simple_tag(takes_context=True)
def chrome_fragment_key(context) -> str:
    """What the kept header and footer vary on besides the site's list generation (which keeps its
    chrome: identity, logo, menus): the language and which of their links is the page shown, if any."""
    chrome = context.get("chrome")
    marked = chrome.marked_current(context.get("page")) if chrome else ""
    return f"{get_language()}:{marked}"


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """The address as the visitor's site sees it (a CDN or storage address stays as it is)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.filter(expects_localtime=True)
def html_datetime(value) -> str:
    """A datetime for the `datetime` attribute of <time>, to the second: "2024-04-15T16:12:00+07:00".

    Django's `date:'c'` keeps microseconds, which HTML does not allow past three digits.
    """
    return value.replace(microsecond=0).isoformat() if value else ""
