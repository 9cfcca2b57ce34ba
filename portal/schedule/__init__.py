"""The leaders' weekly work schedule (Lịch công tác tuần).

A week is prepared as a draft and published (Wagtail's draft states and revisions on a snippet); once
a week is public, an entry changed or added before the next publication is marked "điều chỉnh".
/lich-cong-tac/ shows the current week with the previous and next and a date picker (a plain GET
form), a print view, and iCalendar feeds of the whole schedule and of each leader.

- `models`: weeks, their entries and the /lich-cong-tac/ page; `forms`: the admin form that marks
  adjustments; `weeks`: reading a week from a query string; `ical`: the feeds.
"""
