"""`manage.py create_department_site`: a site with its tree, identity, collection, roles and workflow."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupPagePermission, Page, Site, WorkflowPage

from portal.management.department_sites import PROVINCE_FIGURES_GROUP
from portal.models import AgencySettings, HomePage
from tests.indexes.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_command_makes_a_whole_department_site(capsys):
    agency = AgencyFactory(name="Sở Xây dựng", slug="so-xay-dung")

    call_command(
        "create_department_site", host="soxd.localhost:8000", agency="so-xay-dung", name="Sở Xây dựng"
    )

    site = Site.objects.get(hostname="soxd.localhost", port=8000)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.live
    assert [page.slug for page in home.get_children().live()] == [
        "tin-tuc",
        "chi-so-cai-cach-hanh-chinh",
        "van-ban",
        "gioi-thieu",
        "hoi-dap",
        "lich-cong-tac",
        "lien-he",
    ]
    settings = AgencySettings.for_site(site)
    assert settings.agency == agency
    assert settings.agency_name == "Sở Xây dựng"
    assert not settings.is_hub
    assert Collection.objects.filter(name="Sở Xây dựng", depth=2).exists()
    editors = Group.objects.get(name="Biên tập viên — Sở Xây dựng")
    moderators = Group.objects.get(name="Kiểm duyệt viên — Sở Xây dựng")
    assert set(
        GroupPagePermission.objects.filter(group=moderators).values_list("page_id", "permission__codename")
    ) == {(home.pk, c) for c in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")}
    assert set(
        GroupPagePermission.objects.filter(group=editors).values_list("permission__codename", flat=True)
    ) == {
        "add_page",
        "change_page",
    }
    # No department role touches the figures; the province's does.
    assert not editors.permissions.filter(content_type__app_label="indexes").exists()
    assert not moderators.permissions.filter(content_type__app_label="indexes").exists()
    assert (
        Group.objects.get(name=PROVINCE_FIGURES_GROUP)
        .permissions.filter(codename="publish_indexedition")
        .exists()
    )
    workflow = WorkflowPage.objects.get(page=home).workflow
    assert workflow.name == "Kiểm duyệt tin bài — Sở Xây dựng"
    assert list(workflow.tasks.get().specific.groups.all()) == [moderators]
    assert "soxd.localhost:8000" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"host": "soxd.localhost", "agency": "khong-co", "name": "Sở Xây dựng"},
            "Không có cơ quan “khong-co”",
        ),
        (
            {"host": "taken.localhost", "agency": "so-xay-dung", "name": "Sở Xây dựng"},
            "Đã có trang ở địa chỉ",
        ),
        (
            {"host": "soxd..localhost", "agency": "so-xay-dung", "name": "Sở Xây dựng"},
            "không phải là tên miền",
        ),
    ],
)
def test_a_refused_site_leaves_nothing_behind(arguments, message):
    AgencyFactory(name="Sở Xây dựng", slug="so-xay-dung")
    Site.objects.create(hostname="taken.localhost", port=80, root_page=Page.get_first_root_node())
    pages, groups, collections = Page.objects.count(), Group.objects.count(), Collection.objects.count()

    with pytest.raises(CommandError, match=message):
        call_command("create_department_site", **arguments)

    assert (Page.objects.count(), Group.objects.count(), Collection.objects.count()) == (
        pages,
        groups,
        collections,
    )
    assert not Site.objects.filter(hostname="soxd.localhost").exists()


def test_the_second_site_gets_its_own_tree_beside_the_first(khcn, xd):
    assert khcn.home.pk != xd.home.pk
    assert Page.objects.type(HomePage).count() == 2
    assert xd.home.get_children().count() == khcn.home.get_children().count() == 7
