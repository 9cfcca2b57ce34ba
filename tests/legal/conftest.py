import pytest

from tests.legal.helpers import make_library


@pytest.fixture
def library(home_page):
    """The document library (/van-ban/) under the home page."""
    return make_library(home_page)
