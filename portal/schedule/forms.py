"""The admin form of a week: entries checked against their week, and changes to a published week marked.

When a week is public, any entry an editor adds or changes is marked "điều chỉnh" (adjusted) as the
draft is saved, by comparing it with the published row; the mark travels with the revisions and is
published with them. An entry once marked stays marked: readers were told something else before.
"""

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from portal.schedule.models import ScheduleEntry, WorkWeek
from portal.schedule.weeks import Week, monday_of
from portal.site_scoping import SiteScopedForm


class WorkWeekForm(SiteScopedForm):
    def clean_week_start(self):
        start = self.cleaned_data["week_start"]
        return monday_of(start) if start else start

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("week_start")
        if start:
            week = Week.containing(start)
            clash = WorkWeek.objects.filter(week_start=week.start, site=cleaned.get("site")).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error(
                    "week_start",
                    _("The week of %(date)s already has a schedule: edit that one.")
                    % {"date": formats.date_format(week.start, "d/m/Y")},
                )
            entries = self.formsets["entries"]
            entries.is_valid()  # the entries' own checks first, so their days can be read here
            for form in entries.forms:
                day = form.cleaned_data.get("day") if hasattr(form, "cleaned_data") else None
                if day and not week.start <= day <= week.end and not form.cleaned_data.get("DELETE"):
                    form.add_error(
                        "day",
                        ValidationError(
                            _("This week runs from %(start)s to %(end)s.")
                            % {
                                "start": formats.date_format(week.start, "d/m/Y"),
                                "end": formats.date_format(week.end, "d/m/Y"),
                            }
                        ),
                    )
        return cleaned

    def save(self, commit=True):
        self.mark_adjusted_entries()
        return super().save(commit=commit)

    def mark_adjusted_entries(self) -> None:
        week = self.instance
        if not (week.pk and week.live):
            return  # nothing public yet: nothing to adjust
        published = {entry.pk: entry for entry in ScheduleEntry.objects.filter(week_id=week.pk)}
        for form in self.formsets["entries"].forms:
            if not form.has_changed() and form.instance.pk is None:
                continue  # an empty extra form
            if form.cleaned_data.get("DELETE"):
                continue
            entry = form.instance
            before = published.get(entry.pk)
            entry.adjusted = before is None or before.adjusted or before.signature() != entry.signature()
