"""The demo figures `make run` loads: the seed pages' published facts, completed by labelled synthetic ones."""

import io
import re

import pytest
from django.core.management import call_command

from indexes.models import Agency, Correction, IndexEdition, Result, ServiceCount

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # each test loads the whole demo

BASE = "/chi-so-cai-cach-hanh-chinh/"


def load_demo():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())


def plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_seed_figures_read_as_published(client):
    load_demo()

    edition = client.get(f"{BASE}chi-so-cchc-2023/")
    assert edition.status_code == 200
    assert "57/QĐ-UBND" in plain(edition) and "25/01/2024" in plain(edition)
    agency = plain(client.get(f"{BASE}co-quan/so-khoa-hoc-va-cong-nghe/"))
    assert "83,45/100" in agency and "13/18" in agency
    assert "\u22121,92" in agency and "giảm 7 bậc" in agency
    assert "19/55 (34,5 %)" in agency
    assert "Hội nghị cải cách hành chính năm 2024" in agency  # the news that concern it

    other_province = plain(client.get(f"{BASE}so-xay-dung-tinh-khac-2023/"))
    assert "72,32" in other_province and "Khá" in other_province
    assert "Cộng điểm thành phần: 75,61" in other_province  # the published total disagrees: flagged


def test_synthetic_agencies_complete_an_18_agency_ranking_over_three_editions_and_say_so():
    load_demo()
    published = IndexEdition.objects.published().filter(
        series__publisher="UBND tỉnh", series__group="Sở, ban, ngành cấp tỉnh"
    )
    assert sorted(published.values_list("year", flat=True)) == [2021, 2022, 2023]
    for edition in published:
        assert edition.results.count() == 18
    synthetic = Agency.objects.filter(name__endswith="(giả định)")
    assert synthetic.count() == 17
    assert all("giả định" in agency.description for agency in synthetic)
    assert not IndexEdition.objects.get(slug="chi-so-cchc-2024").live


def test_loading_the_demo_again_changes_nothing():
    load_demo()
    before = (Agency.objects.count(), Result.objects.count(), ServiceCount.objects.count())
    load_demo()
    assert (Agency.objects.count(), Result.objects.count(), ServiceCount.objects.count()) == before
    assert not Correction.objects.exists()
