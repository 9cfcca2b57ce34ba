"""Marking what the reader searched for (issue 15): whole words, the phrase first, the exact spelling."""

from portal.search.highlighting import highlight
from portal.transliteration import words

TEXT = "Chi cục Thuế, sơ kết: Chỉ số cải cách hành chính của Sở đạt 83,45 điểm; số liệu đã rà soát."


def marked(query: str, text: str = TEXT) -> list[str]:
    html = str(highlight(text, words(query), original=query))
    return [part.split("</mark>")[0] for part in html.split("<mark>")[1:]]


def test_a_phrase_is_marked_as_a_phrase_not_word_by_word():
    assert marked("chi so cai cach") == ["Chỉ số cải cách"]
    assert marked("chỉ số cải cách") == ["Chỉ số cải cách"]


def test_only_whole_words_are_marked():
    # "so" is not the start of "soát", nor "ca" of "cách".
    assert "soát" not in marked("so")
    assert marked("ca") == []


def test_a_word_typed_with_diacritics_marks_only_that_spelling():
    assert marked("Sở Khoa học", "Sở đã rà soát; sơ kết số liệu") == ["Sở"]
    assert marked("so", "Sở đã rà soát; sơ kết số liệu") == ["Sở", "sơ", "số"]


def test_scattered_words_are_marked_when_the_phrase_is_not_there():
    assert marked("chính sở") == ["chính", "Sở"]
