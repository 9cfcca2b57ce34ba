"""Editors and moderators manage the figures in Wagtail's admin: drafts, publishing, checked corrections."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from indexes.models import Correction, IndexEdition, IndexSeries, Result, ServiceCount
from tests.factories import member_of
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory

pytestmark = pytest.mark.django_db


def result_form(result, *, scores: dict[int, str], **fields) -> dict:
    data = {
        "edition": result.edition_id,
        "agency": result.agency_id,
        "points": result.points or "",
        "applicable_maximum": result.applicable_maximum or "",
        "index_value": result.index_value or "",
        "self_assessed_points": "",
        "published_rank": result.published_rank or "",
        "note": result.note,
        "component_scores": inline_formset(
            [
                {
                    "id": score_id or "",
                    "component": component_id,
                    "points": points,
                    "self_assessed_points": "",
                }
                for component_id, (score_id, points) in scores.items()
            ],
            initial=len([1 for score_id, _ in scores.values() if score_id]),
        ),
    }
    data.update(fields)
    return nested_form_data(data)


def test_a_moderator_corrects_a_published_result_and_the_old_figure_stays_public(client, home_page):
    edition = IndexEditionFactory(slug="chi-so-2023", year=2023)
    result = ResultFactory(edition=edition, agency=AgencyFactory(name="Sở Y tế"), points=Decimal("20"))
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))
    first = edition.components.first()

    response = client.post(
        reverse("wagtailsnippets_indexes_result:edit", args=[result.pk]),
        result_form(result, scores={first.pk: (None, "9")}, points="21.5", index_value=""),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    result.refresh_from_db()
    assert result.points == Decimal("21.5") and result.index_value == Decimal("71.67")
    correction = Correction.objects.get(result=result)
    assert correction.changes["points"] == {"from": "20", "to": "21.5"}
    assert correction.changes[first.name] == {"from": None, "to": "9"}


def test_a_score_above_its_maximum_or_from_another_edition_is_refused(client, home_page):
    edition = IndexEditionFactory(slug="chi-so-2023", year=2023)
    other = IndexEditionFactory(slug="chi-so-2022", year=2022)
    result = ResultFactory(edition=edition, agency=AgencyFactory(name="Sở Y tế"), points=Decimal("20"))
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))
    url = reverse("wagtailsnippets_indexes_result:edit", args=[result.pk])
    thể_chế = edition.components.get(name="Cải cách thể chế")

    too_high = client.post(url, result_form(result, scores={thể_chế.pk: (None, "7")}))
    assert too_high.status_code == 200
    assert "7 cao hơn điểm tối đa 6,5 của lĩnh vực." in too_high.content.decode()

    foreign = client.post(url, result_form(result, scores={other.components.first().pk: (None, "5")}))
    assert foreign.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in foreign.content.decode()  # only its own components are offered
    assert not result.component_scores.exists() and not Correction.objects.exists()


def test_an_editor_prepares_a_draft_edition_that_only_a_moderator_publishes(client, home_page):
    editor = member_of("Biên tập viên", "bientap")
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Chỉ số CCHC năm 2025",
            "slug": "chi-so-2025",
            "year": 2025,
            "series": IndexSeries.named("UBND tỉnh", "Sở, ban, ngành cấp tỉnh").pk,
            "framework_maximum": "",
            "decision_number": "",
            "decision_date": "",
            "decision_issuer": "",
            "decision_document": "",
            "components": inline_formset([{"name": "Cải cách thể chế", "maximum": "6.5", "ORDER": 1}]),
            "bands": inline_formset([{"name": "Tốt", "min_index": "80", "ORDER": 1}]),
            "methodology": rich_text(""),
        }
    )
    response = client.post(
        reverse("wagtailsnippets_indexes_indexedition:add"), {**data, "action-publish": "1"}
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    edition = IndexEdition.objects.get(slug="chi-so-2025")
    # Saved as a draft, and the editor is back in its editor.
    assert response["Location"] == reverse("wagtailsnippets_indexes_indexedition:edit", args=[edition.pk])
    assert not edition.live, "an editor cannot publish"
    assert edition.components.count() == 1 and edition.latest_revision is not None

    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))
    component, band = edition.components.get(), edition.bands.get()
    data |= nested_form_data(
        {
            "components": inline_formset(
                [{"id": component.pk, "name": "Cải cách thể chế", "maximum": "6.5", "ORDER": 1}], initial=1
            ),
            "bands": inline_formset(
                [{"id": band.pk, "name": "Tốt", "min_index": "80", "ORDER": 1}], initial=1
            ),
        }
    )
    response = client.post(
        reverse("wagtailsnippets_indexes_indexedition:edit", args=[edition.pk]),
        {**data, "action-publish": "1"},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.live and edition.components.get().maximum == Decimal("6.5")
    assert not Result.objects.exists()


def test_a_service_count_that_does_not_add_up_is_refused(client, home_page):
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))
    agency = AgencyFactory(name="Sở Khoa học và Công nghệ")
    response = client.post(
        reverse("wagtailsnippets_indexes_servicecount:add"),
        {"agency": agency.pk, "as_of": "2023-12-31", "total_procedures": "55", "online_procedures": "60"},
    )
    assert response.status_code == 200
    assert "Số thủ tục trực tuyến lớn hơn tổng số thủ tục." in response.content.decode()
    assert not ServiceCount.objects.exists()
