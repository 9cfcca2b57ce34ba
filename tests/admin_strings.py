"""Finding English left in Vietnamese admin screens: the strings Wagtail and Django translate, shown
untranslated, whole ("Compare with previous version"), with their placeholders filled in ("Image
'anh-hoi-thao' deleted.") or mixed into Vietnamese ("9 minutes trước")."""

import json
import re
from functools import cache
from pathlib import Path

import django
import polib
import wagtail
from bs4 import BeautifulSoup, Comment

WAGTAIL_DIR = Path(wagtail.__file__).parent
DJANGO_DIR = Path(django.__file__).parent
PORTAL_CATALOGUES = Path(__file__).resolve().parent.parent / "portal"
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")
# Words that are the same in both languages, names, and codes an editor sees as they are.
ALLOWED = {
    "Wagtail",
    "OK",
    "ID",
    "URL",
    "RSS",
    "Email",
    "Zalo",
    "Facebook",
    "YouTube",
    "PDF",
    "CSV",
    "XLSX",
    "JSON",
    "Admin",
    "Pages",
    "px",
    "CMS",
    "Log in",
    "en",
    "vi",
    "Alt",
    "HTML",
    "SVG",
    "PNG",
    "JPEG",
    "WebP",
    "GIF",
    "English",  # the language's own name, in the account's language choice
    # Names of objects, not interface: Wagtail's root collection and page as its migrations name them,
    # and the test factories' collection.
    "Root",
    "Welcome to your new Wagtail site!",
    "Test collection",
}
NAMES = [text for text in ALLOWED if " " in text]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def english_catalogues() -> list[Path]:
    """Wagtail's and Django's English catalogues: every message their screens can show."""
    return [
        *WAGTAIL_DIR.glob("**/locale/en/LC_MESSAGES/*.po"),
        DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
        *DJANGO_DIR.glob("contrib/*/locale/en/LC_MESSAGES/django*.po"),
    ]


@cache
def wagtail_english_strings() -> frozenset[str]:
    """Every message Wagtail's admin can show, as written in English."""
    strings = set()
    for path in english_catalogues():
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgid_plural):
                text = normalise(text or "")
                if re.search(r"[A-Za-z]{2}", text) and "%" not in text and "{" not in text:
                    strings.add(text)
    return frozenset(strings - ALLOWED)


PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_]+\}")


@cache
def wagtail_english_patterns() -> tuple[re.Pattern, ...]:
    """Wagtail's messages with placeholders ("Page '%(page_title)s' has been published."), as patterns.

    Only messages with enough fixed text to be recognisable are kept.
    """
    patterns = []
    for path in english_catalogues():
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgid_plural):
                text = normalise(text or "")
                if (
                    not PLACEHOLDER.search(text)
                    or len(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", text))) < 2
                ):
                    continue
                pieces = [re.escape(piece) for piece in PLACEHOLDER.split(text)]
                patterns.append(re.compile("^" + "(.+?)".join(pieces) + "$"))
    return tuple(patterns)


def visible_texts(html: str) -> set[str]:
    """Text nodes, visible attributes and the admin's JavaScript strings of a page."""
    soup = BeautifulSoup(html, "html.parser")
    texts = set()
    for script in soup.find_all("script", attrs={"id": "wagtail-config"}):
        config = json.loads(script.string or "{}")
        texts.update(_strings_in(config.get("STRINGS", {})))
    # Hidden elements stay: the editor's other tabs, closed menus and dialogs are shown with a click.
    for element in soup(["script", "style", "template", "noscript"]):
        element.decompose()
    # The side panels' comment counter, which Wagtail renders as "None" until its script counts, and
    # the date picker's "Save Selected" button, which Wagtail's picker never shows (no apply button).
    for element in soup.select("[data-side-panel-toggle-counter], .xdsoft_save_selected"):
        element.decompose()
    texts.update(normalise(text) for text in soup.find_all(string=True) if not isinstance(text, Comment))
    for element in soup.find_all(True):
        texts.update(normalise(str(element.get(attribute, ""))) for attribute in VISIBLE_ATTRIBUTES)
    for button in soup.select("input[type=submit], input[type=button], input[type=reset]"):
        texts.add(normalise(str(button.get("value", ""))))  # a button's label is its value
    return {text for text in texts if text}


WORD = re.compile(r"[A-Za-z]{4,}")


@cache
def vietnamese_ascii_words() -> frozenset[str]:
    """Words the portal's Vietnamese catalogues write in plain ASCII ("trang", "theo", "menu")."""
    words = set()
    for path in PORTAL_CATALOGUES.glob("**/locale*/vi/LC_MESSAGES/*.po"):
        for entry in polib.pofile(str(path)):
            for text in (entry.msgstr, *entry.msgstr_plural.values()):
                text = re.sub(r"<[^>]+>|--[a-z-]+", " ", PLACEHOLDER.sub(" ", text or ""))  # markup, options
                words.update(word.lower() for word in WORD.findall(text))
    return frozenset(words)


@cache
def english_words() -> frozenset[str]:
    """The words of four letters or more in Wagtail's and Django's English messages that Vietnamese
    never writes: one of them in a Vietnamese screen is English left over ("9 minutes trước")."""
    words = set()
    for path in english_catalogues():
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgid_plural):
                words.update(word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text or "")))
    allowed = {word.lower() for word in ALLOWED} | ALLOWED_WORDS
    return frozenset(words - vietnamese_ascii_words() - allowed)


# Words that are not English sentences here: names, codes and what the browser shows as written.
ALLOWED_WORDS = {"http", "https", "testserver", "localhost", "admin", "wagtail", "email", "html"}


def english_in_text(text: str) -> bool:
    """Whether a piece of visible text holds an English word from Wagtail's or Django's messages."""
    text = PLACEHOLDER.sub(" ", text)
    for name in NAMES:
        text = text.replace(name, " ")
    return any(word.lower() in english_words() for word in WORD.findall(text))


def _strings_in(value) -> list[str]:
    """The strings of the admin's JavaScript configuration, however deeply nested."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings_in(item)]
    return [normalise(str(value))]


# Time zone names in the account settings ("America/Port_of_Spain") are identifiers, not English.
TIME_ZONE = re.compile(r"^[A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+)+$")


def untranslated(html: str) -> set[str]:
    """Wagtail's and Django's English messages that appear, still in English, on the page: whole, with
    their placeholders filled in, or as English words among Vietnamese ones."""
    texts = {text for text in visible_texts(html) if not TIME_ZONE.match(text)}
    english = {text.casefold() for text in wagtail_english_strings()} - {  # labels are shown capitalised
        text.casefold() for text in ALLOWED
    }
    found = {text for text in texts if text.casefold() in english}
    found.update(
        text
        for text in texts
        if re.search(r"[A-Za-z]{3,}", text)
        and (english_in_text(text) or any(pattern.match(text) for pattern in wagtail_english_patterns()))
    )
    return found
