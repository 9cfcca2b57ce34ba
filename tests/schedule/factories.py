"""The work schedule's tests build on: the /lich-cong-tac/ page, leaders, and weeks published or not."""

from datetime import date, time, timedelta

from portal.about.models import Leader
from portal.schedule.models import ScheduleEntry, SchedulePage, Session, WorkWeek


def make_schedule_page(home) -> SchedulePage:
    page = SchedulePage(title="Lịch công tác tuần", slug="lich-cong-tac")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_leader(name="Nguyễn Văn An", slug="giam-doc", position="Giám đốc Sở") -> Leader:
    return Leader.objects.create(name=name, slug=slug, position=position)


def make_week(monday: date, entries: list[dict], *, publish=True) -> WorkWeek:
    week = WorkWeek(week_start=monday, live=False)
    for order, entry in enumerate(entries):
        week.entries.add(ScheduleEntry(sort_order=order, **entry))
    week.save()
    revision = week.save_revision()
    if publish:
        revision.publish()
    return week


def entry(
    monday: date, weekday: int, content: str, *, start=time(8, 0), end=None, session=None, **fields
) -> dict:
    if session is None:
        session = Session.MORNING if start is None or start < time(12) else Session.AFTERNOON
    return {
        "day": monday + timedelta(days=weekday),
        "session": session,
        "start_time": start,
        "end_time": end,
        "content": content,
        **fields,
    }
