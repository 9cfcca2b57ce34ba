"""The admin stays as quick for a department's editor or moderator with many department sites on the
install as with a few: the dashboard and the page explorer ask the database the same number of queries
with 2 sites as with 12 (issue #20: "the admin's page tree and dashboard stay fast for a site editor")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import TaskState

from portal.management.department_sites import create_department_site
from portal.moderation import reviewable_task_states
from tests.factories import UserFactory
from tests.indexes.factories import AgencyFactory
from tests.sites.conftest import member
from tests.sites.test_site_dashboard import news_of, submitted

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 12


def department_sites(count: int, start: int = 0):
    sites = []
    for number in range(start + 1, start + count + 1):
        agency = AgencyFactory(name=f"Sở số {number}", slug=f"so-so-{number}")
        sites.append(
            create_department_site(host=f"so{number}.localhost", agency=agency.slug, name=f"Sở số {number}")
        )
    return sites


def queries(client, url: str, host: str, shows: str = "") -> int:
    client.get(url, headers={"host": host})  # what a first request caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers={"host": host})
    assert response.status_code == 200
    assert shows in response.content.decode()
    return len(captured)


def test_the_dashboard_and_explorer_cost_the_same_with_2_sites_as_with_12(client):
    first, second = department_sites(FEW)
    editor = member(first.editors, "bientap-so-1")
    moderator = member(first.moderators, "kiemduyet-so-1")
    submitted(first, editor, "Bài chờ duyệt của Sở số 1")
    submitted(second, member(second.editors, "bientap-so-2"), "Bài chờ duyệt của Sở số 2")
    host = first.site.hostname

    def measure():
        counts = {}
        for who, user in (("editor", editor), ("moderator", moderator)):
            client.force_login(user)
            counts[f"{who}'s dashboard"] = queries(
                client, reverse("wagtailadmin_home"), host, shows="Bài chờ duyệt của Sở số 1"
            )
            for page in (first.home, news_of(first)):
                counts[f"{who}'s explorer at {page.title}"] = queries(
                    client, reverse("wagtailadmin_explore", args=[page.pk]), host
                )
        return counts

    with_few = measure()
    others = department_sites(MANY - FEW, start=FEW)
    for number, other in enumerate(others, start=FEW + 1):  # each with its own article in moderation
        submitted(other, member(other.editors, f"bientap-so-{number}"), f"Bài chờ duyệt của Sở số {number}")
    with_many = measure()

    assert with_many == with_few


def test_awaiting_review_lists_what_wagtail_would_for_every_kind_of_user(client):
    """The one-query "Chờ bạn duyệt" holds exactly Wagtail's own `reviewable_by`: for a site's
    moderator, a moderator of two sites, an editor, a superuser; and not what was approved already or
    sits on a task switched off."""
    first, second, third = department_sites(3)
    articles = [
        submitted(site, member(site.editors, f"bientap-{number}"), f"Bài {number}")
        for number, site in enumerate((first, second, third), start=1)
    ]
    approved = submitted(first, member(first.editors, "bientap-khac"), "Bài đã duyệt")
    approved.current_workflow_task.on_action(
        approved.current_workflow_task_state, UserFactory(is_superuser=True), "approve"
    )
    third.workflow.workflow_tasks.get().task.deactivate()
    two_sites = member(first.moderators, "kiemduyet-hai-so")
    two_sites.groups.add(second.moderators)
    users = [
        member(first.moderators, "kiemduyet-1"),
        two_sites,
        member(first.editors, "bientap-chi-viet"),
        UserFactory(username="quantri", is_superuser=True),
    ]

    for user in users:
        ours = reviewable_task_states(user)
        assert sorted(ours.values_list("pk", flat=True)) == sorted(
            TaskState.objects.reviewable_by(user).values_list("pk", flat=True)
        )
    assert {state.revision.object_id for state in reviewable_task_states(two_sites)} == {
        str(articles[0].pk),
        str(articles[1].pk),
    }
