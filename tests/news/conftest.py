"""Fixtures for the news tests: a site with a news section and categories."""

import pytest

from tests.factories import NewsCategoryFactory, NewsIndexPageFactory


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def reform_category(db):
    return NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")


@pytest.fixture
def events_category(db):
    return NewsCategoryFactory(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
