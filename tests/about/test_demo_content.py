"""`manage.py load_demo` gives the citizens' sections: introduction, units and leaders marked as
illustrative, this week's schedule, answered questions; the menu links them; running it again adds
nothing twice and keeps an administrator's menu."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from portal.about.models import Leader, Unit
from portal.models import NavigationSettings
from portal.questions.models import Question, Status
from portal.schedule.models import ScheduleEntry, WorkWeek
from portal.schedule.weeks import Week, today

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # each test loads the whole demo

SECTIONS = {
    "/gioi-thieu/": "Giới thiệu",
    "/lich-cong-tac/": "Lịch công tác tuần",
    "/hoi-dap/": "Hỏi đáp",
    "/lien-he/": "Liên hệ",
}


def load_demo():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())


def menu_of(client) -> str:
    return client.get("/").content.decode().split('class="main-nav__list')[1].split("</ul>")[0]


def test_the_demo_has_the_citizens_sections_in_the_menu(client):
    load_demo()

    menu = menu_of(client)
    for path, label in SECTIONS.items():
        assert f'<a href="{path}">{label}</a>' in menu
        assert client.get(path).status_code == 200
    for path in (
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/lanh-dao/",
        "/hoi-dap/gui-cau-hoi/",
        "/hoi-dap/tra-cuu/",
    ):
        assert client.get(path).status_code == 200, path


def test_demo_people_are_marked_illustrative_and_the_week_is_this_one(client):
    load_demo()

    assert Leader.objects.count() >= 3 and all("minh hoạ" in leader.name for leader in Leader.objects.all())
    assert all("minh hoạ" in unit.head_name for unit in Unit.objects.all())
    assert all(leader.portrait and leader.portrait.description for leader in Leader.objects.all())
    this_week = WorkWeek.objects.get(week_start=Week.containing(today()).start)
    assert this_week.live and ScheduleEntry.objects.filter(week=this_week).count() >= 6
    assert ScheduleEntry.objects.filter(week=this_week, adjusted=True).exists()
    answered = Question.objects.filter(status=Status.ANSWERED)
    assert answered.count() >= 4
    assert not answered.exclude(asker_name="").exists()  # published demo answers carry no asker
    assert (
        "83,45/100"
        in client.get(f"/hoi-dap/{answered.order_by('published_at').first().pk}/").content.decode()
    )
    assert "Thông tin minh hoạ" in client.get("/gioi-thieu/lanh-dao/").content.decode()


def test_running_the_demo_again_adds_nothing_twice_and_new_sections_join_an_existing_menu(client):
    load_demo()
    counts = (
        Leader.objects.count(),
        Unit.objects.count(),
        Question.objects.count(),
        ScheduleEntry.objects.count(),
    )
    load_demo()
    assert (
        Leader.objects.count(),
        Unit.objects.count(),
        Question.objects.count(),
        ScheduleEntry.objects.count(),
    ) == counts

    # A portal whose administrator set up a menu before these sections existed gets them appended.
    from wagtail.models import Page

    site = Site.objects.get(is_default_site=True)
    for path in SECTIONS:
        Page.objects.get(url_path=f"/trang-chu{path}").delete()
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [("link", {"url": "https://dichvucong.gov.vn/", "label": "Dịch vụ công"})]
    navigation.save()

    load_demo()

    menu = menu_of(client)
    assert "Dịch vụ công" in menu
    for path, label in SECTIONS.items():
        assert f'<a href="{path}">{label}</a>' in menu
