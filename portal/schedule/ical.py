"""The schedule as iCalendar (RFC 5545), with the `icalendar` library: the whole schedule or one leader's.

Times are wall-clock times in Asia/Ho_Chi_Minh, written with that TZID and its VTIMEZONE, so calendar
applications anywhere show them at the right moment. An entry without a time of its own spans its
session (morning 7:30–11:30, afternoon 13:30–17:00). Adjusted entries say so in their summary and
carry a higher SEQUENCE, so calendars that already hold them update them. The page decides which
entries (published weeks only, from a year back onwards); this module only writes them.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def calendar_of(entries, *, name: str, host: str):
    """The entries as one calendar (`icalendar.Calendar`)."""
    from icalendar import Calendar  # here: only the calendar feeds need it, not every worker

    calendar = Calendar()
    calendar.add("prodid", "-//Cong thong tin dien tu//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(TIME_ZONE))
    for entry in entries:
        calendar.add_component(event_for(entry, host))
    calendar.add_missing_timezones()
    return calendar


def event_for(entry, host: str):
    """One entry as an `icalendar.Event`."""
    from icalendar import Event

    start_time, end_time = entry.hours
    event = Event()
    event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
    event.add("dtstamp", entry.week.last_published_at or timezone.now())
    event.add("dtstart", datetime.combine(entry.day, start_time, tzinfo=TIME_ZONE))
    if end_time:
        event.add("dtend", datetime.combine(entry.day, end_time, tzinfo=TIME_ZONE))
    content = entry.content.strip()
    summary = content.splitlines()[0] if content else ""
    if entry.adjusted:
        summary = _("[Adjusted] %(summary)s") % {"summary": summary}
        event.add("sequence", 1)
    event.add("summary", summary)
    if entry.place:
        event.add("location", entry.place)
    lines = [content]
    if not entry.start_time:
        lines.append(_("Time: the whole %(session)s") % {"session": entry.get_session_display().lower()})
    for label, value in (
        (_("Chaired by"), entry.chaired_by),
        (_("Attended by"), entry.attendees),
        (_("Prepared by"), entry.preparing_unit),
    ):
        if value:
            lines.append(f"{label}: {value}")
    event.add("description", "\n".join(lines))
    return event


def response(entries, *, name: str, host: str, filename: str) -> HttpResponse:
    reply = HttpResponse(
        calendar_of(entries, name=name, host=host).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    reply["Content-Disposition"] = f'inline; filename="{filename}"'
    return reply
