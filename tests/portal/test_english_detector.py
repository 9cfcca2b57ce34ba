"""The admin walk's English detector (tests/admin_strings.py) catches every kind of English an editor met
(issue 16), wherever the admin shows it: as text, as a label, as a placeholder or in the JavaScript
strings Wagtail hands its scripts."""

import json
from html import escape

import pytest

from tests.admin_strings import untranslated

# What an editor saw in English, as it was shown (placeholders filled in).
SEEN_IN_ENGLISH = [
    "Image 'anh-hoi-thao' deleted.",
    "Upload successful. However, your new image seems to be a duplicate of an existing image. "
    "You may delete it if it wasn't required.",
    "Existing",
    "Use new image",
    "Use existing and delete new",
    "The page could not be created due to validation errors.",
    "The slug 'so-to-chuc-tap-huan' is already in use within the parent page.",
    "Autosave is paused",
    "Title tag",
    "Meta description",
    "Show in menus",
    "Go live date/time",
    "Expiry date/time",
    "9 minutes trước",
    "Compare with previous version",
    "Search",
]

# The same places, in Vietnamese: nothing to report.
VIETNAMESE = [
    "Đã xóa ảnh “anh-hoi-thao”.",
    "Dùng ảnh đã có và xóa ảnh mới",
    "Tiêu đề trên công cụ tìm kiếm",
    "9 phút trước",
    "So sánh với phiên bản trước",
    "Tìm kiếm",
    "Sở tổ chức tập huấn",
]


def as_text(text: str) -> str:
    return f"<main><div class='messages'><p>{text}</p></div></main>"


def as_label(text: str) -> str:
    return f"<form><label for='x'>{text}</label><input id='x'></form>"


def as_placeholder(text: str) -> str:
    return f"<form><input name='q' placeholder=\"{escape(text)}\"></form>"


def as_button_value(text: str) -> str:
    """As the dashboard's search button: an <input type=submit> labelled by its value."""
    return f"<form><input type='submit' value=\"{escape(text)}\"></form>"


def as_javascript_string(text: str) -> str:
    config = json.dumps({"STRINGS": {"AUTOSAVE": {"PAUSED": text}}})
    return f"<script id='wagtail-config' type='application/json'>{config}</script>"


def in_a_hidden_tab(text: str) -> str:
    return f"<section id='tab-promote' hidden><label>{text}</label></section>"


PLACES = [as_text, as_label, as_placeholder, as_button_value, as_javascript_string, in_a_hidden_tab]


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.__name__)
@pytest.mark.parametrize("text", SEEN_IN_ENGLISH)
def test_each_english_string_editors_met_is_caught(text, place):
    assert untranslated(place(text)) == {text}


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.__name__)
@pytest.mark.parametrize("text", VIETNAMESE)
def test_vietnamese_is_not_reported(text, place):
    assert untranslated(place(text)) == set()
