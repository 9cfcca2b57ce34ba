"""Agencies have no drafts: what an editor saves is public at once. So an agency with published figures
(a result in a published edition, or a published service count) is changed or deleted only by Kiểm
duyệt viên; Biên tập viên add agencies and change those nobody can see yet. Through the admin's views."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from indexes.models import Agency, ServiceCount
from tests.factories import UserFactory
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory

pytestmark = pytest.mark.django_db

EDITORS, MODERATORS = "Biên tập viên", "Kiểm duyệt viên"
REFUSAL = "Cơ quan “{name}” đã có số liệu được công bố, nên chỉ Kiểm duyệt viên mới được sửa hoặc xoá."
LISTING = reverse("wagtailsnippets_indexes_agency:list")


def member_of(group_name, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_url(agency):
    return reverse("wagtailsnippets_indexes_agency:edit", args=[agency.pk])


def delete_url(agency):
    return reverse("wagtailsnippets_indexes_agency:delete", args=[agency.pk])


def agency_form(agency, **changes):
    fields = {
        "name": agency.name,
        "short_name": agency.short_name,
        "slug": agency.slug,
        "kind": agency.kind,
        "province": agency.province,
        "website": agency.website,
        "description": agency.description,
    }
    return {**fields, **changes}


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def published():
    """An agency whose figures are public: its name is on the edition's ranking and its own page."""
    agency = AgencyFactory(name="Sở Y tế", short_name="SYT")
    ResultFactory(agency=agency, edition=IndexEditionFactory(live=True))
    return agency


@pytest.fixture
def unpublished():
    """An agency only a draft edition names: nobody outside the admin sees it yet."""
    agency = AgencyFactory(name="Sở Du lịch")
    ResultFactory(agency=agency, edition=IndexEditionFactory(live=False))
    return agency


def test_the_migration_lets_moderators_and_not_editors_change_published_agencies():
    moderators, editors = Group.objects.get(name=MODERATORS), Group.objects.get(name=EDITORS)

    assert moderators.permissions.filter(codename="change_published_agency").exists()
    assert not editors.permissions.filter(codename="change_published_agency").exists()


def test_an_editor_cannot_rename_an_agency_with_published_figures(client, published):
    client.force_login(member_of(EDITORS, "bientap"))

    for send, data in ((client.get, None), (client.post, agency_form(published, name="Sở Y tế (đã sửa)"))):
        response = send(edit_url(published), data) if data else send(edit_url(published))
        assert response.status_code == 302
        assert response["Location"] == LISTING
        assert messages_of(response) == [REFUSAL.format(name="Sở Y tế")]
        landed = client.get(response["Location"])
        assert landed.status_code == 200
        assert REFUSAL.format(name="Sở Y tế") in landed.content.decode()

    published.refresh_from_db()
    assert (published.name, published.short_name) == ("Sở Y tế", "SYT")


def test_nor_delete_it(client, published):
    client.force_login(member_of(EDITORS, "bientap"))

    response = client.post(delete_url(published))

    assert response.status_code == 302
    assert Agency.objects.filter(pk=published.pk, name="Sở Y tế").exists()


def test_published_service_counts_are_published_figures_too(client):
    agency = AgencyFactory(name="Sở Tư pháp")
    ServiceCount.objects.create(agency=agency, as_of="2023-12-31", total_procedures=55, live=True)
    client.force_login(member_of(EDITORS, "bientap"))

    response = client.post(edit_url(agency), agency_form(agency, name="Sở Tư pháp (đã sửa)"))

    assert response.status_code == 302
    assert messages_of(response) == [REFUSAL.format(name="Sở Tư pháp")]
    agency.refresh_from_db()
    assert agency.name == "Sở Tư pháp"


def test_an_editor_changes_an_agency_nobody_sees_yet_and_adds_agencies(client, unpublished):
    client.force_login(member_of(EDITORS, "bientap"))

    assert client.get(edit_url(unpublished)).status_code == 200
    changed = client.post(edit_url(unpublished), agency_form(unpublished, name="Sở Văn hóa và Du lịch"))
    added = client.post(
        reverse("wagtailsnippets_indexes_agency:add"),
        agency_form(Agency(kind="department"), name="Sở Ngoại vụ", slug=""),
    )

    assert changed.status_code == 302 and added.status_code == 302
    unpublished.refresh_from_db()
    assert unpublished.name == "Sở Văn hóa và Du lịch"
    assert Agency.objects.filter(name="Sở Ngoại vụ").exists()


def test_a_moderator_renames_and_deletes_an_agency_with_published_figures(client, published):
    client.force_login(member_of(MODERATORS, "kiemduyet"))

    assert client.get(edit_url(published)).status_code == 200
    renamed = client.post(edit_url(published), agency_form(published, name="Sở Y tế tỉnh"))

    assert renamed.status_code == 302
    published.refresh_from_db()
    assert published.name == "Sở Y tế tỉnh"
    assert client.get(delete_url(published)).status_code == 200
