"""A demo week of the work schedule: the current week, published, with an adjusted entry.

The leaders are the demo's illustrative ones (portal.about.demo_content). Adds the current week when
it has none, so running the demo again next week adds that week too.
"""

from datetime import time, timedelta

from django.db import transaction

from portal.about.models import Leader
from portal.models import HomePage
from portal.schedule.models import ScheduleEntry, SchedulePage, Session, WorkWeek
from portal.schedule.weeks import Week, today

# (day of the week, session, start, end, content, chair's slug or other, attendees, place, prepared by, adjusted)
ENTRIES = [
    (
        0,
        Session.MORNING,
        time(7, 30),
        time(9, 0),
        "Họp giao ban Ban Giám đốc Sở",
        "giam-doc",
        "Các Phó Giám đốc Sở; Chánh Văn phòng",
        "Phòng họp tầng 2, trụ sở Sở",
        "Văn phòng Sở",
        False,
    ),
    (
        0,
        Session.AFTERNOON,
        time(14, 0),
        time(16, 30),
        "Làm việc với Đoàn kiểm tra công tác cải cách hành chính của tỉnh",
        "giam-doc",
        "Lãnh đạo các phòng, đơn vị; công chức làm công tác cải cách hành chính",
        "Hội trường Sở",
        "Văn phòng Sở",
        False,
    ),
    (
        1,
        Session.MORNING,
        time(8, 0),
        None,
        "Dự hội nghị trực tuyến triển khai dịch vụ công trực tuyến toàn trình",
        "pho-giam-doc-tieu-chuan",
        "Trung tâm Nghiên cứu, Chuyển giao công nghệ và Đổi mới sáng tạo",
        "Điểm cầu trực tuyến tại Sở",
        "Văn phòng Sở",
        False,
    ),
    (1, Session.AFTERNOON, None, None, "Làm việc tại cơ quan", "pho-giam-doc-khoa-hoc", "", "", "", False),
    (
        2,
        Session.MORNING,
        time(8, 0),
        time(11, 0),
        "Họp Hội đồng tư vấn tuyển chọn nhiệm vụ khoa học và công nghệ cấp tỉnh",
        "pho-giam-doc-khoa-hoc",
        "Thành viên Hội đồng theo quyết định",
        "Phòng họp tầng 3",
        "Phòng Quản lý khoa học",
        False,
    ),
    (
        3,
        Session.MORNING,
        time(7, 30),
        time(11, 30),
        "Tiếp công dân định kỳ",
        "giam-doc",
        "Chánh Thanh tra; Chánh Văn phòng",
        "Phòng tiếp công dân, trụ sở Sở",
        "Văn phòng Sở",
        True,
    ),
    (
        3,
        Session.AFTERNOON,
        time(14, 0),
        None,
        "Kiểm tra việc áp dụng TCVN ISO 9001 tại Ủy ban nhân dân xã",
        "pho-giam-doc-tieu-chuan",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Ủy ban nhân dân xã (minh hoạ)",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        False,
    ),
    (
        4,
        Session.MORNING,
        time(9, 0),
        time(11, 0),
        "Dự họp Ủy ban nhân dân tỉnh thường kỳ tháng",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "Giám đốc Sở",
        "Trụ sở Ủy ban nhân dân tỉnh",
        "Văn phòng Sở",
        False,
    ),
    (
        4,
        Session.AFTERNOON,
        time(15, 0),
        time(16, 30),
        "Họp rà soát kết quả cải cách hành chính tuần, giao việc tuần sau",
        "giam-doc",
        "Các Phó Giám đốc Sở; lãnh đạo các phòng, đơn vị",
        "Phòng họp tầng 2",
        "Văn phòng Sở",
        False,
    ),
]


DEMO_LEADERS = {"giam-doc", "pho-giam-doc-khoa-hoc", "pho-giam-doc-tieu-chuan"}
NOTE = "Lịch có điều chỉnh: buổi tiếp công dân định kỳ chuyển từ chiều Thứ Tư sang sáng Thứ Năm."


@transaction.atomic
def load_schedule(home: HomePage) -> list:
    """The /lich-cong-tac/ page and this week's published schedule; returns the page if created now."""
    created = []
    if not SchedulePage.objects.exists():
        page = SchedulePage(
            title="Lịch công tác tuần",
            slug="lich-cong-tac",
            intro="Lịch làm việc của Giám đốc và các Phó Giám đốc Sở, cập nhật khi có thay đổi.",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(page)
    week = Week.containing(today())
    if WorkWeek.objects.filter(week_start=week.start).exists():
        return created
    leaders = {leader.slug: leader for leader in Leader.objects.all()}
    work_week = WorkWeek(week_start=week.start, note=NOTE, live=False)
    for order, (
        weekday,
        session,
        start,
        end,
        content,
        chair,
        attendees,
        place,
        prepared,
        adjusted,
    ) in enumerate(ENTRIES):
        leader = leaders.get(chair) if chair in DEMO_LEADERS else None
        work_week.entries.add(
            ScheduleEntry(
                day=week.start + timedelta(days=weekday),
                session=session,
                start_time=start,
                end_time=end,
                content=content,
                chair=leader,
                chair_other="" if chair in DEMO_LEADERS else chair,
                attendees=attendees,
                place=place,
                preparing_unit=prepared,
                adjusted=adjusted,
                sort_order=order,
            )
        )
    work_week.save()
    work_week.save_revision().publish()
    return created
