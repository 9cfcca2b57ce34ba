"""Two department sites on one install, made as `manage.py create_department_site` makes them."""

import pytest

from portal.management.department_sites import create_department_site
from tests.factories import UserFactory
from tests.indexes.factories import AgencyFactory

KHCN_HOST, XD_HOST, HUB_HOST = "sokhcn.localhost", "soxd.localhost", "tinh.localhost"


@pytest.fixture
def khcn(db):
    AgencyFactory(name="Sở Khoa học và Công nghệ", slug="so-khoa-hoc-va-cong-nghe")
    return create_department_site(host=KHCN_HOST, agency="so-khoa-hoc-va-cong-nghe", name="Sở KH&CN")


@pytest.fixture
def xd(db):
    AgencyFactory(name="Sở Xây dựng", slug="so-xay-dung")
    return create_department_site(host=XD_HOST, agency="Sở Xây dựng", name="Sở Xây dựng")


@pytest.fixture
def hub(db):
    AgencyFactory(name="UBND tỉnh", slug="ubnd-tinh")
    return create_department_site(host=HUB_HOST, agency="ubnd-tinh", name="Tỉnh", is_hub=True)


def member(group, username: str):
    """A user whose only group is this site's group: what an agency's editor or moderator is."""
    user = UserFactory(username=username)
    user.groups.add(group)
    return user
