"""Figures as of a day (`?ngay=`): corrections made later are undone, ranks computed again, and a banner
says so; the "Trích dẫn" block gives a permalink that shows the same figures again."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from indexes.models import Correction, IndexEdition, Result, ServiceCount
from tests.indexes.factories import add_result, make_agency, make_edition, make_service_count

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"


def at(day: str, hour: int = 10) -> datetime.datetime:
    """A moment of a day in Vietnam's time."""
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def rows_of(response, name: str) -> list[str]:
    """The text of every table row naming `name`: its ranking row first, then its component scores."""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", response.content.decode(), flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in rows if name in row]


def row_of(response, name: str) -> str:
    return rows_of(response, name)[0]


def correct(result: Result, when: str, **figures) -> None:
    """Change a published result as a moderator does, and date the correction `when`."""
    for name, value in figures.items():
        setattr(result, name, Decimal(value))
    result.save()
    Correction.objects.filter(pk=result.corrections.latest("corrected_at").pk).update(corrected_at=at(when))


@pytest.fixture
def corrected(indexes_page):
    """2023, published on 25/01/2024: Sở A 88, Sở B 85 (2nd). On 10/03/2024 B is corrected to 90 (1st),
    its first component from 35 to 40; on 20/04/2024 A is corrected to 91 (1st again)."""
    edition = make_edition(
        2023,
        decision_number="57/QĐ-UBND",
        decision_issuer="UBND tỉnh Quảng Trị",
        publisher="UBND tỉnh Quảng Trị",
    )
    edition.decision_date = datetime.date(2024, 1, 25)
    edition.save()
    IndexEdition.objects.filter(pk=edition.pk).update(first_published_at=at("2024-01-25"))
    a = add_result(edition, make_agency("Sở A"), "88", scores={"Cải cách thể chế": "30"})
    b = add_result(edition, make_agency("Sở B"), "85", scores={"Cải cách thể chế": "35"})
    b.index_value = b.points = Decimal("90")
    b.save()
    score = b.component_scores.get()
    before = b.stored_figures()
    score.points = Decimal("40")
    score.save()
    b.record_correction(before)
    Correction.objects.filter(result=b).update(corrected_at=at("2024-03-10"))
    correct(a, "2024-04-20", index_value="91", points="91")
    return edition


def test_the_edition_as_of_each_day_shows_the_figures_and_ranks_of_that_day(client, corrected):
    before = client.get(f"{BASE}chi-so-cchc-2023/?ngay=2024-02-01")
    between = client.get(f"{BASE}chi-so-cchc-2023/?ngay=2024-03-10")
    now = client.get(f"{BASE}chi-so-cchc-2023/")

    assert before.status_code == between.status_code == now.status_code == 200
    # The ranking leads with rank, agency and index; component scores are the second table.
    assert row_of(before, "Sở A").split()[:4] == ["1", "Sở", "A", "88"]
    assert row_of(before, "Sở B").startswith(" 2 Sở B 85 ")  # not yet marked corrected
    assert rows_of(before, "Sở B")[1].startswith(" 2 Sở B 35 ")
    assert row_of(between, "Sở B").startswith(" 1 Sở B đã đính chính 90 ")
    assert rows_of(between, "Sở B")[1].startswith(" 1 Sở B 40 ")
    assert row_of(between, "Sở A").startswith(" 2 Sở A ") and "88" in row_of(between, "Sở A")
    assert row_of(now, "Sở A").startswith(" 1 Sở A ") and "91" in row_of(now, "Sở A")

    assert "Số liệu tại ngày 01/02/2024." in text_of(before)
    assert "Sau ngày đó có 3 lần đính chính." in text_of(before)  # B: its total, then a component
    assert "Sau ngày đó có 1 lần đính chính." in text_of(between)
    assert "Xem số liệu hiện hành" in text_of(before) and "Xem số liệu hiện hành" not in text_of(now)
    # The history listed is the history as it was then.
    assert "Đính chính ngày 10/03/2024" in text_of(between) and "20/04/2024" not in text_of(between)


def test_downloads_of_a_view_as_of_a_day_carry_that_days_figures(client, corrected):
    response = client.get(f"{BASE}chi-so-cchc-2023/tai-ve/xep-hang/json/?ngay=2024-02-01")
    rows = {row["agency"]: row for row in response.json()["rows"]}
    assert (rows["Sở A"]["rank"], rows["Sở A"]["index"]) == (1, 88)
    assert (rows["Sở B"]["rank"], rows["Sở B"]["index"]) == (2, 85)


def test_the_agency_and_comparison_views_take_a_day_too(client, corrected):
    agency = client.get(f"{BASE}co-quan/so-b/?ngay=2024-02-01")
    assert "85 %" in text_of(agency) and "2/2" in text_of(agency)
    assert "90 %" in text_of(client.get(f"{BASE}co-quan/so-b/"))

    comparison = client.get(f"{BASE}so-sanh/?co-quan=so-a&co-quan=so-b&ngay=2024-02-01")
    assert comparison.status_code == 200
    assert "Số liệu tại ngày 01/02/2024." in text_of(comparison)
    rows = client.get(f"{BASE}so-sanh/tai-ve/so-sanh/json/?co-quan=so-a&co-quan=so-b&ngay=2024-02-01").json()
    index_row = next(row for row in rows["rows"] if row["figure"] == "Chỉ số (%)")
    assert (index_row["so-a"], index_row["so-b"]) == (88, 85)


def test_the_citation_names_the_decision_and_links_to_the_figures_of_the_day(client, corrected):
    response = client.get(f"{BASE}chi-so-cchc-2023/?ngay=2024-02-01&utm_source=zalo")
    html = response.content.decode()
    expected = (
        "UBND tỉnh Quảng Trị. Chỉ số CCHC năm 2023. Quyết định 57/QĐ-UBND ngày 25/01/2024 của UBND tỉnh "
        "Quảng Trị. Số liệu tại ngày 01/02/2024. "
        "http://localhost/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/?ngay=2024-02-01"
    )
    assert "Trích dẫn" in html
    assert expected in html
    assert (
        '<link rel="canonical" href="http://localhost/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/?ngay=2024-02-01">'
        in html
    )

    today = timezone.localdate().isoformat()
    assert f"chi-so-cchc-2023/?ngay={today}" in client.get(f"{BASE}chi-so-cchc-2023/").content.decode()


@pytest.mark.parametrize(
    ("day", "status", "message"),
    [
        ("15-03-2024", 400, "không phải là ngày"),
        ("2024-02-30", 400, "không phải là ngày"),
        ("2999-01-01", 400, "chưa tới"),
        ("2024-01-24", 404, ""),  # the day before the edition was published
    ],
)
def test_a_day_that_cannot_be_shown_is_refused_in_vietnamese(client, corrected, day, status, message):
    response = client.get(f"{BASE}chi-so-cchc-2023/?ngay={day}")
    assert response.status_code == status
    assert message in text_of(response)


def test_an_edition_republished_later_is_shown_as_it_was_published_then(client, corrected):
    edition = IndexEdition.objects.get()
    edition.save_revision().publish()
    with_log = IndexEdition.objects.get()
    ModelLogEntry.objects.filter(action="wagtail.publish").update(timestamp=at("2024-01-25", 9))
    IndexEdition.objects.filter(pk=edition.pk).update(first_published_at=at("2024-01-25", 9))
    with_log.title = "Chỉ số CCHC năm 2023 (đã sửa tên)"
    with_log.save_revision().publish()
    ModelLogEntry.objects.filter(action="wagtail.publish").order_by("-pk").filter(
        pk=ModelLogEntry.objects.filter(action="wagtail.publish").latest("pk").pk
    ).update(timestamp=at("2024-05-01"))

    assert (
        "<h1>Chỉ số CCHC năm 2023</h1>"
        in client.get(f"{BASE}chi-so-cchc-2023/?ngay=2024-02-01").content.decode()
    )
    assert (
        "<h1>Chỉ số CCHC năm 2023 (đã sửa tên)</h1>"
        in client.get(f"{BASE}chi-so-cchc-2023/").content.decode()
    )


def test_a_service_count_typed_again_later_shows_its_earlier_figures_as_of_a_day(client, corrected):
    count = make_service_count(
        Result.objects.get(agency__name="Sở A").agency,
        datetime.date(2024, 3, 31),
        total_procedures=55,
        online_procedures=19,
        live=False,
    )
    count.save_revision().publish()
    count = ServiceCount.objects.get()
    count.online_procedures = 25
    count.save_revision().publish()
    first, second = ModelLogEntry.objects.filter(action="wagtail.publish", object_id=str(count.pk)).order_by(
        "pk"
    )
    ModelLogEntry.objects.filter(pk=first.pk).update(timestamp=at("2024-04-05"))
    ModelLogEntry.objects.filter(pk=second.pk).update(timestamp=at("2024-05-10"))
    ServiceCount.objects.update(first_published_at=at("2024-04-05"))

    assert "19/55" not in text_of(client.get(f"{BASE}co-quan/so-a/?ngay=2024-04-01"))
    assert "19/55" in text_of(client.get(f"{BASE}co-quan/so-a/?ngay=2024-04-20"))
    now = text_of(client.get(f"{BASE}co-quan/so-a/"))
    assert "25/55" in now and "19/55" not in now
