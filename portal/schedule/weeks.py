"""Weeks as the schedule shows them: Monday to Sunday, named by ISO week ("2024-W16") in addresses."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
VIETNAMESE_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


class BadWeek(ValueError):
    """A week or date in the address that cannot be read; the message says what was expected."""


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Week:
    start: date  # a Monday

    @classmethod
    def containing(cls, day: date) -> "Week":
        return cls(monday_of(day))

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=offset) for offset in range(7)]

    @property
    def number(self) -> int:
        return self.start.isocalendar().week

    @property
    def year(self) -> int:
        return self.start.isocalendar().year

    @property
    def key(self) -> str:
        """As addresses write it: 2024-W16."""
        return f"{self.year}-W{self.number:02d}"

    def previous(self) -> "Week":
        return Week(self.start - timedelta(days=7))

    def next(self) -> "Week":
        return Week(self.start + timedelta(days=7))


def read_week(params) -> tuple[Week, bool]:
    """The week a query string asks for (`tuan=2024-W16` or `ngay=2024-04-17`), and whether it asked.

    Without either, the current week. Raises BadWeek with a message naming the parameter.
    """
    if raw := (params.get("ngay") or "").strip():
        return Week.containing(read_date(raw)), True
    if raw := (params.get("tuan") or "").strip():
        match = ISO_WEEK.match(raw)
        if not match:
            raise BadWeek(_("“%(value)s” is not a week: write it as 2024-W16.") % {"value": raw[:30]})
        year, number = int(match[1]), int(match[2])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise BadWeek(
                _("The schedule covers the years %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        try:
            return Week(date.fromisocalendar(year, number, 1)), True
        except ValueError:
            raise BadWeek(_("%(year)s has no week %(number)s.") % {"year": year, "number": number}) from None
    return Week.containing(today()), False


def read_date(raw: str) -> date:
    """A date as a date picker sends it (2024-04-17) or as people write it (17/04/2024)."""
    try:
        if match := VIETNAMESE_DATE.match(raw):
            day = date(int(match[3]), int(match[2]), int(match[1]))
        else:
            day = datetime.strptime(raw, "%Y-%m-%d").date()
    except ValueError:
        raise BadWeek(
            _("“%(value)s” is not a date: choose one in the calendar or write it as 17/04/2024.")
            % {"value": raw[:30]}
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadWeek(
            _("The schedule covers the years %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day
