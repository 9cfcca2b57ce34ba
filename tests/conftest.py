"""Fixtures shared by the whole suite."""

import pytest
from wagtail.models import Site

from tests.factories import SuperuserFactory, fill_agency_settings, make_default_site_home


@pytest.fixture
def home_page(db):
    """A published home page at the root of the default site, with the agency identity filled in."""
    home = make_default_site_home()
    fill_agency_settings(Site.objects.get(is_default_site=True))
    return home


@pytest.fixture
def admin_client(client, db):
    """A test client logged in as a superuser (Wagtail admin language: Vietnamese, the default)."""
    client.force_login(SuperuserFactory())
    return client
