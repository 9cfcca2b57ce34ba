"""`generate_figures`: the benchmark's 20 agencies ranked over five editions, with service counts."""

import pytest
from django.core.management import CommandError, call_command

from indexes.models import IndexEdition, ServiceCount
from indexes.rankings import edition_ranking
from indexes.synthetic import generate_figures
from tests.indexes.factories import make_section

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_twenty_agencies_are_ranked_over_five_published_editions(client, indexes_page):

    made = generate_figures(agencies=20, editions=5)
    again = generate_figures(agencies=20, editions=5)

    assert made == {"agencies": 20, "editions_added": 5, "service_counts_added": 20}
    assert again == {"agencies": 20, "editions_added": 0, "service_counts_added": 0}
    editions = IndexEdition.objects.published()
    assert editions.count() == 5
    latest = editions.order_by("-year").first()
    ranking = edition_ranking(latest)
    assert len(ranking) == 20
    assert ranking[0].rank == 1
    for row in ranking:
        components = sum(score.points for score in row.result.component_scores.all())
        assert components == row.result.points  # the total is the sum of its components
        assert not row.total_disagrees
    assert ServiceCount.objects.filter(live=True).count() == 20
    page = client.get(f"/chi-so-cai-cach-hanh-chinh/{latest.slug}/")
    assert page.status_code == 200
    assert page.content.decode().count("(giả định)") >= 20


def test_the_command_needs_the_demo_section_and_positive_numbers(home_page):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_figures")
    make_section(home_page)
    with pytest.raises(CommandError, match="positive"):
        call_command("generate_figures", "--editions", "0")
