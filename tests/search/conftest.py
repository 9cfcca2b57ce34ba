"""Fixtures of the search tests."""

import pytest

from tests.search.corpus import corpus_for_module


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The search corpus (tests/search/corpus.py), built once for each module that asks for it."""
    with corpus_for_module(django_db_blocker) as news_index:
        yield news_index
