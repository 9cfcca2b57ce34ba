"""The "Trích dẫn" block: a ready citation of the figures a reader is looking at, as of a day.

A journalist copies one line: who published the figures, their title, the decision they come from, the
day they stood so, and a permalink carrying `?ngay=` that shows exactly those figures again later,
whatever is corrected meanwhile. `indexes/citations.py` is another matter: the legal documents an
edition cites.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext

from indexes.models.figures import IndexEdition


@dataclass(frozen=True)
class Citation:
    text: str
    url: str
    day: datetime.date


def decision_words(edition: IndexEdition) -> str:
    """ "Quyết định số 57/QĐ-UBND ngày 25/01/2024 của UBND tỉnh" (or less, as far as it is known)."""
    if not edition.decision_number:
        return ""
    words = gettext("Decision %(number)s") % {"number": edition.decision_number}
    if edition.decision_date:
        words += " " + gettext("dated %(date)s") % {"date": edition.decision_date.strftime("%d/%m/%Y")}
    if edition.decision_issuer:
        words += " " + gettext("of %(issuer)s") % {"issuer": edition.decision_issuer}
    return words


def cite(
    *, publisher: str, title: str, edition: IndexEdition | None, day: datetime.date, url: str
) -> Citation:
    """A citation: "Publisher. Title. Decision …. Figures as of dd/mm/yyyy. URL"."""
    parts = [publisher, title]
    if edition is not None and (decision := decision_words(edition)):
        parts.append(decision)
    parts.append(gettext("Figures as of %(date)s") % {"date": day.strftime("%d/%m/%Y")})
    text = ". ".join(part.strip().rstrip(".") for part in parts if part) + f". {url}"
    return Citation(text=text, url=url, day=day)
