"""/lich-cong-tac/: the current week and any other, without JavaScript; its print view; only published
weeks; adjustments after publication marked; the iCalendar feeds, read back with the `icalendar` library."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.schedule.models import ScheduleEntry, Session, WorkWeek
from portal.schedule.weeks import Week, today
from tests.factories import UserFactory
from tests.schedule.factories import entry, make_leader, make_schedule_page, make_week

pytestmark = pytest.mark.django_db

HO_CHI_MINH = ZoneInfo("Asia/Ho_Chi_Minh")
# This week: the feeds reach a year back, so fixed dates would age out of them.
WEEK = Week.containing(today())
MONDAY = WEEK.start
WEEK_HEADING = f"Tuần {WEEK.number}: {MONDAY:%d/%m/%Y} – {WEEK.end:%d/%m/%Y}"


def day_id(weekday: int) -> str:
    return f'id="day-{MONDAY + timedelta(days=weekday):%Y%m%d}"'


@pytest.fixture
def schedule_page(home_page):
    return make_schedule_page(home_page)


@pytest.fixture
def director():
    return make_leader()


@pytest.fixture
def published_week(schedule_page, director):
    deputy = make_leader("Lê Thị Bình", "pho-giam-doc", "Phó Giám đốc Sở")
    return make_week(
        MONDAY,
        [
            entry(
                MONDAY,
                0,
                "Họp giao ban Ban Giám đốc",
                start=time(7, 30),
                end=time(9, 0),
                chair=director,
                place="Phòng họp tầng 2",
            ),
            entry(
                MONDAY,
                0,
                "Làm việc với Đoàn kiểm tra CCHC",
                start=time(14, 0),
                end=time(16, 30),
                chair=director,
            ),
            entry(MONDAY, 2, "Làm việc tại cơ quan", start=None, session=Session.AFTERNOON, chair=deputy),
            entry(
                MONDAY,
                4,
                "Dự họp UBND tỉnh",
                start=time(9, 0),
                chair_other="Phó Chủ tịch UBND tỉnh",
                attendees="Giám đốc Sở",
            ),
        ],
    )


def html_of(response) -> str:
    return response.content.decode()


def test_a_week_shows_each_day_and_session_with_its_entries(client, published_week):
    response = client.get("/lich-cong-tac/", {"tuan": WEEK.key})

    html = html_of(response)
    assert response.status_code == 200
    assert WEEK_HEADING in html
    monday = html.split(day_id(0))[1].split("</section>")[0]
    assert (
        monday.index("Sáng")
        < monday.index("<time>07:30</time>–<time>09:00</time>")
        < monday.index("Họp giao ban")
    )
    assert monday.index("Chiều") < monday.index("<time>14:00</time>–<time>16:30</time>")
    assert "Nguyễn Văn An – Giám đốc Sở" in monday and "Phòng họp tầng 2" in monday
    assert "cả buổi" in html.split(day_id(2))[1].split("</section>")[0]
    assert "Phó Chủ tịch UBND tỉnh" in html
    assert f'href="/lich-cong-tac/?tuan={WEEK.previous().key}" rel="prev"' in html
    assert f'href="/lich-cong-tac/?tuan={WEEK.next().key}" rel="next"' in html


def test_the_date_picker_is_a_plain_form_and_reads_dates_as_people_write_them(client, published_week):
    html = html_of(client.get("/lich-cong-tac/"))
    assert '<form class="date-picker" method="get" action="/lich-cong-tac/">' in html
    assert 'type="date" name="ngay"' in html

    thursday = MONDAY + timedelta(days=3)
    for typed in (
        thursday.isoformat(),
        f"{thursday:%d/%m/%Y}",
        f"{thursday.day}/{thursday.month}/{thursday.year}",
    ):
        response = client.get("/lich-cong-tac/", {"tuan": "2000-W01", "ngay": typed})  # the date wins
        assert WEEK_HEADING in html_of(response), typed


def test_without_a_week_the_current_one_is_shown(client, published_week):
    html = html_of(client.get("/lich-cong-tac/"))

    assert WEEK_HEADING in html and "tuần này" in html
    assert "Họp giao ban Ban Giám đốc" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ngay": "2024-13-01"}, "“2024-13-01” không phải là một ngày"),
        ({"ngay": "hom nay"}, "“hom nay” không phải là một ngày"),
        ({"tuan": "tuan-16"}, "“tuan-16” không phải là một tuần"),
        ({"tuan": "2024-W60"}, "Năm 2024 không có tuần 60."),
        ({"tuan": "1800-W01"}, "Lịch công tác chỉ có từ năm 2000 đến năm 2100."),
        ({"ngay": "01/01/9999"}, "Lịch công tác chỉ có từ năm 2000 đến năm 2100."),
    ],
)
def test_a_week_or_date_that_cannot_be_read_gets_a_400_in_vietnamese(client, schedule_page, params, message):
    response = client.get("/lich-cong-tac/", params)

    assert response.status_code == 400
    assert message in html_of(response)


def test_an_empty_week_says_so_and_points_to_published_ones(client, published_week):
    html = html_of(client.get("/lich-cong-tac/", {"tuan": WEEK.next().next().key}))

    assert "Chưa có lịch công tác được công bố cho tuần này." in html
    assert f'?tuan={WEEK.key}"' in html  # recently published weeks


def test_a_draft_week_is_not_public_anywhere(client, schedule_page, director):
    make_week(MONDAY, [entry(MONDAY, 0, "Cuộc họp chưa chốt", chair=director)], publish=False)

    page = html_of(client.get("/lich-cong-tac/", {"tuan": WEEK.key}))
    feed = client.get("/lich-cong-tac/ical/").content.decode()

    assert "Cuộc họp chưa chốt" not in page and "Cuộc họp chưa chốt" not in feed
    assert "Chưa có lịch công tác được công bố cho tuần này." in page


def test_the_print_view_lays_the_week_out_as_a_table(client, published_week):
    response = client.get("/lich-cong-tac/ban-in/", {"tuan": WEEK.key})

    html = html_of(response)
    assert response.status_code == 200
    assert '<table class="data-table schedule-table">' in html
    assert "Họp giao ban Ban Giám đốc" in html and "Dự họp UBND tỉnh" in html
    assert 'class="main-nav' not in html
    assert "print-landscape.css" in html


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_ical_feed_holds_the_week_with_its_times_in_ho_chi_minh(client, published_week, settings):
    settings.TIME_ZONE = "UTC"  # the server's zone does not move the schedule's times

    calendar = parse(client.get("/lich-cong-tac/ical/"))

    found = events(calendar)
    assert set(found) == {
        "Họp giao ban Ban Giám đốc",
        "Làm việc với Đoàn kiểm tra CCHC",
        "Làm việc tại cơ quan",
        "Dự họp UBND tỉnh",
    }
    meeting = found["Họp giao ban Ban Giám đốc"]
    start, end = meeting.decoded("DTSTART"), meeting.decoded("DTEND")
    assert start == datetime.combine(MONDAY, time(7, 30), tzinfo=HO_CHI_MINH)
    assert start.utcoffset() == timedelta(hours=7)
    assert meeting["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert end == datetime.combine(MONDAY, time(9, 0), tzinfo=HO_CHI_MINH)
    assert str(meeting["LOCATION"]) == "Phòng họp tầng 2"
    assert "Chủ trì: Nguyễn Văn An – Giám đốc Sở" in str(meeting["DESCRIPTION"])
    wednesday = MONDAY + timedelta(days=2)
    whole_afternoon = found["Làm việc tại cơ quan"]
    assert whole_afternoon.decoded("DTSTART") == datetime.combine(wednesday, time(13, 30), tzinfo=HO_CHI_MINH)
    assert whole_afternoon.decoded("DTEND") == datetime.combine(wednesday, time(17, 0), tzinfo=HO_CHI_MINH)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert len({str(event["UID"]) for event in found.values()}) == 4


def test_each_leader_has_a_feed_of_what_they_chair(client, published_week, director):
    mine = events(parse(client.get(f"/lich-cong-tac/ical/{director.slug}/")))

    assert set(mine) == {"Họp giao ban Ban Giám đốc", "Làm việc với Đoàn kiểm tra CCHC"}
    assert client.get("/lich-cong-tac/ical/khong-co-ai/").status_code == 404
    page = html_of(client.get("/lich-cong-tac/", {"tuan": WEEK.key}))
    assert f'href="/lich-cong-tac/ical/{director.slug}/"' in page


# Adjustments after publication ---------------------------------------------------------------------------


def week_form(week, rows: list[dict], **extra) -> dict:
    return nested_form_data(
        {
            "week_start": week.week_start.isoformat(),
            "note": week.note,
            "entries": inline_formset(rows, initial=sum(1 for row in rows if row.get("id"))),
            **extra,
        }
    )


def row(item: ScheduleEntry, **changes) -> dict:
    data = {
        "id": item.pk,
        "day": item.day.isoformat(),
        "session": item.session,
        "start_time": item.start_time.strftime("%H:%M") if item.start_time else "",
        "end_time": item.end_time.strftime("%H:%M") if item.end_time else "",
        "content": item.content,
        "chair": item.chair_id or "",
        "chair_other": item.chair_other,
        "attendees": item.attendees,
        "place": item.place,
        "preparing_unit": item.preparing_unit,
    }
    data.update(changes)
    return data


@pytest.fixture
def moderator(client, home_page):
    user = UserFactory(username="kiemduyet")
    user.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
    client.force_login(user)
    return user


def edit_url(week) -> str:
    return reverse("wagtailsnippets_schedule_workweek:edit", args=[week.pk])


def test_changes_to_a_published_week_are_marked_adjusted_once_published(client, published_week, moderator):
    first, second, third, fourth = published_week.entries.order_by("sort_order")
    added = row(
        first,
        id="",
        content="Tiếp đoàn công tác của Bộ Khoa học và Công nghệ",
        start_time="10:00",
        end_time="",
    )

    response = client.post(
        edit_url(published_week),
        week_form(
            published_week,
            [row(first), row(second, start_time="15:00"), row(third), row(fourth), added],
            **{"action-publish": "publish"},
        ),
    )

    assert response.status_code == 302, html_of(response)[:3000]
    adjusted = dict(ScheduleEntry.objects.filter(week=published_week).values_list("content", "adjusted"))
    assert adjusted == {
        "Họp giao ban Ban Giám đốc": False,
        "Làm việc với Đoàn kiểm tra CCHC": True,  # moved to 15:00
        "Làm việc tại cơ quan": False,
        "Dự họp UBND tỉnh": False,
        "Tiếp đoàn công tác của Bộ Khoa học và Công nghệ": True,  # added after publication
    }
    page = html_of(client.get("/lich-cong-tac/", {"tuan": WEEK.key}))
    assert page.count('<span class="flag">điều chỉnh</span>') == 2
    feed = events(parse(client.get("/lich-cong-tac/ical/")))
    moved = feed["[Điều chỉnh] Làm việc với Đoàn kiểm tra CCHC"]
    assert moved.decoded("DTSTART") == datetime.combine(MONDAY, time(15, 0), tzinfo=HO_CHI_MINH)
    assert moved["SEQUENCE"] == 1


def test_a_first_publication_marks_nothing_and_later_drafts_stay_private(client, schedule_page, moderator):
    week = make_week(MONDAY, [entry(MONDAY, 0, "Họp giao ban")], publish=False)
    [item] = week.entries.all()

    client.post(
        edit_url(week), week_form(week, [row(item, start_time="09:00")], **{"action-publish": "publish"})
    )
    assert ScheduleEntry.objects.get(week=week).adjusted is False  # nothing was public before

    client.post(
        edit_url(week), week_form(week, [row(item, content="Họp giao ban (đổi giờ)", start_time="09:30")])
    )
    assert "Họp giao ban (đổi giờ)" not in html_of(client.get("/lich-cong-tac/", {"tuan": WEEK.key}))
    assert WorkWeek.objects.get(pk=week.pk).has_unpublished_changes


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"day": (MONDAY + timedelta(days=10)).isoformat()},
            f"Tuần này từ ngày {MONDAY:%d/%m/%Y} đến ngày {WEEK.end:%d/%m/%Y}.",
        ),
        ({"start_time": "14:00"}, "14:00 thuộc buổi chiều."),
        ({"start_time": "09:00", "end_time": "08:00"}, "Giờ kết thúc phải sau giờ bắt đầu."),
    ],
)
def test_entries_are_checked_against_their_week_and_session(
    client, published_week, moderator, change, message
):
    first, *others = published_week.entries.order_by("sort_order")

    response = client.post(
        edit_url(published_week), week_form(published_week, [row(first, **change), *map(row, others)])
    )

    assert response.status_code == 200
    assert message in html_of(response)


def test_any_day_of_the_week_names_its_monday_and_a_week_is_scheduled_once(client, published_week, moderator):
    add_url = reverse("wagtailsnippets_schedule_workweek:add")

    def add(day):
        return client.post(
            add_url,
            nested_form_data({"week_start": day.isoformat(), "note": "", "entries": inline_formset([])}),
        )

    assert f"Tuần bắt đầu ngày {MONDAY:%d/%m/%Y} đã có lịch" in html_of(add(MONDAY + timedelta(days=3)))
    add(MONDAY + timedelta(days=9))
    assert WorkWeek.objects.filter(week_start=MONDAY + timedelta(days=7)).exists()


def test_editors_prepare_weeks_but_only_moderators_publish(client, schedule_page):
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))

    assert editor.has_perm("schedule.add_workweek") and editor.has_perm("schedule.change_workweek")
    assert not editor.has_perm("schedule.publish_workweek")
    assert Group.objects.get(name="Kiểm duyệt viên").permissions.filter(codename="publish_workweek").exists()
