"""A document's number and symbol, however it is typed, is one key; numbers are found in running text."""

import datetime

import pytest

from portal.legal import numbers

# Spaces, no diacritics, lower case, "số", a leading zero and an en dash, Icelandic eth for Đ.
SAME_DOCUMENT = [
    "57/QĐ-UBND",
    "57 / QĐ - UBND",
    "57/QD-UBND",
    "57/qđ-ubnd",
    "số 57/QĐ-UBND",
    "Số: 057/QĐ–UBND",
    "57/QÐ-UBND",
]


@pytest.mark.parametrize("typed", SAME_DOCUMENT)
def test_every_spelling_of_a_number_has_the_same_key(typed):
    assert numbers.parse(typed).key == "57/qd-ubnd"


def test_the_number_is_shown_tidied_with_its_diacritics_and_capitals():
    assert numbers.parse("57 / qđ - ubnd").display == "57/QĐ-UBND"
    assert numbers.parse("766/QĐ-TTg").display == "766/QĐ-TTg"  # mixed case is kept as written
    assert numbers.parse("844/SKHCN_VP").display == "844/SKHCN-VP"
    assert numbers.parse("57/QÐ-UBND").display == "57/QĐ-UBND"  # Icelandic eth typed for Đ


def test_a_number_with_a_year_keeps_it():
    number = numbers.parse("42/2022/NĐ-CP")
    assert (number.display, number.key, number.year) == ("42/2022/NĐ-CP", "42/2022/nd-cp", 2022)


@pytest.mark.parametrize(
    "text", ["", "57", "57 QĐ UBND", "13/18", "83,45/100", "25/01/2024", "QĐ-UBND/57", "x" * 80]
)
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(numbers.NumberError):
        numbers.parse(text)
    assert numbers.key_of(text) is None


def test_numbers_are_found_in_text_with_the_date_written_after_them():
    text = (
        "Theo Quyết định số 57/QĐ-UBND ngày 25/01/2024, Sở đạt 83,45/100 điểm, xếp thứ 13/18; Nghị định "
        "42/2022/NĐ-CP và Công văn số 2731/UBND-KGVX ngày 06 tháng 6 năm 2023."
    )
    found = numbers.find_cited(text)
    assert [text[cited.start : cited.end] for cited in found] == [
        "57/QĐ-UBND",
        "42/2022/NĐ-CP",
        "2731/UBND-KGVX",
    ]
    assert [cited.cited_on for cited in found] == [
        datetime.date(2024, 1, 25),
        None,
        datetime.date(2023, 6, 6),
    ]
    assert [cited.year for cited in found] == [2024, 2022, 2023]


def test_an_impossible_date_after_a_number_is_ignored():
    (cited,) = numbers.find_cited("Quyết định 57/QĐ-UBND ngày 31/02/2024")
    assert cited.cited_on is None and cited.year is None
