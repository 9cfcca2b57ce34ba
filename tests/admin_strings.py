"""Finding English left in Vietnamese admin screens: the strings Wagtail translates, shown untranslated."""

import json
import re
from functools import cache
from pathlib import Path

import polib
import wagtail
from bs4 import BeautifulSoup

WAGTAIL_DIR = Path(wagtail.__file__).parent
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
}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def wagtail_english_strings() -> frozenset[str]:
    """Every message Wagtail's admin can show, as written in English."""
    strings = set()
    for path in WAGTAIL_DIR.glob("**/locale/en/LC_MESSAGES/*.po"):
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
    for path in WAGTAIL_DIR.glob("**/locale/en/LC_MESSAGES/*.po"):
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgid_plural):
                text = normalise(text or "")
                if (
                    not PLACEHOLDER.search(text)
                    or len(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", text))) < 3
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
        texts.update(str(value) for value in config.get("STRINGS", {}).values())
    for element in soup(["script", "style", "template", "noscript"]):
        element.decompose()
    for element in soup.find_all(attrs={"hidden": True}):
        element.decompose()
    texts.update(normalise(text) for text in soup.find_all(string=True))
    for element in soup.find_all(True):
        texts.update(normalise(str(element.get(attribute, ""))) for attribute in VISIBLE_ATTRIBUTES)
    return {text for text in texts if text}


def untranslated(html: str) -> set[str]:
    """Wagtail's English messages that appear, still in English, on the page."""
    texts = visible_texts(html)
    found = texts & wagtail_english_strings()
    found.update(
        text
        for text in texts
        if re.search(r"[A-Za-z]{3,}", text)
        and any(pattern.match(text) for pattern in wagtail_english_patterns())
    )
    return found
