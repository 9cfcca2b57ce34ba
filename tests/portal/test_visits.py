"""Visitor statistics: what is counted, what is not, and that nothing personal is kept."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from portal.models import DailyVisitor, PageViewDay, PendingHit, VisitDay, VisitorSettings, VisitSecret
from portal.visits import counting, figures
from tests.factories import publish_article

pytestmark = pytest.mark.django_db

PHONE_UA = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
DESKTOP_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


def hit(client, page_id=None, *, address="203.0.113.7", agent=PHONE_UA, **headers):
    query = f"?page={page_id}" if page_id else ""
    return client.get(f"/api/v1/visits/hit{query}", REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **headers)


def vietnam(*args):
    return timezone.make_aware(datetime(*args), timezone.get_fixed_timezone(7 * 60))


def test_a_page_view_is_counted_and_a_visitor_once_a_day(client, news_index):
    article = publish_article(news_index)
    hit(client, news_index.pk)
    hit(client, article.pk)
    hit(client, article.pk, agent=DESKTOP_UA)  # another browser is another visitor

    summary = figures.summary()
    assert (summary.today_page_views, summary.today_visits) == (3, 2)
    assert (summary.total_page_views, summary.total_visits) == (3, 2)
    assert summary.online == 2
    assert figures.page_views(article.pk) == 2


def test_the_hit_is_an_uncached_image_that_sets_no_cookie(client, home_page):
    response = hit(client, home_page.pk)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "coccocbot-web/1.0 (+http://help.coccoc.com/searchengine)",
        "curl/8.5.0",
        "python-requests/2.32.0",
        "",
    ],
)
def test_bots_and_scripts_are_not_counted(client, home_page, agent):
    hit(client, home_page.pk, agent=agent)

    assert figures.summary().total_page_views == 0
    assert PendingHit.objects.count() == 0


def test_browser_prefetches_are_not_counted(client, home_page):
    hit(client, home_page.pk, HTTP_SEC_PURPOSE="prefetch;prerender")

    assert figures.summary().total_page_views == 0


def test_every_public_page_embeds_the_counter_but_an_admin_preview_does_not(admin_client, client, news_index):
    article = publish_article(news_index)

    public = client.get(article.url).content.decode()
    preview = admin_client.get(f"/admin/pages/{article.pk}/view_draft/").content.decode()

    assert f'src="/api/v1/visits/hit?page={article.pk}"' in public
    assert "/api/v1/visits/hit" not in preview


def test_no_address_or_user_agent_is_stored_anywhere(client, home_page):
    hit(client, home_page.pk, address="198.51.100.23")
    counting.flush()

    stored = " ".join(
        str(value)
        for model in (PendingHit, DailyVisitor, VisitDay, PageViewDay, VisitSecret)
        for row in model.objects.values()
        for value in row.values()
    )
    assert "198.51.100.23" not in stored
    assert "Android" not in stored and "Mozilla" not in stored


def test_yesterdays_secret_and_visitors_are_deleted_so_days_cannot_be_linked(client, home_page):
    with time_machine.travel(vietnam(2026, 3, 1, 23, 50)):
        hit(client, home_page.pk)
        counting.flush()
        first_hash = DailyVisitor.objects.get(scope=0).visitor  # the province's; the site keeps its own
    with time_machine.travel(vietnam(2026, 3, 2, 0, 10)):
        hit(client, home_page.pk)
        counting.flush()

        assert list(VisitSecret.objects.values_list("day", flat=True)) == [vietnam(2026, 3, 2, 12).date()]
        assert first_hash not in DailyVisitor.objects.values_list("visitor", flat=True)
        # Today's visitor, once for the province and once for the site it was seen on.
        assert sorted(DailyVisitor.objects.values_list("scope", flat=True)) == [0, home_page.get_site().pk]


def test_days_end_at_midnight_in_vietnam(client, home_page):
    with time_machine.travel(vietnam(2026, 3, 1, 23, 59)):
        hit(client, home_page.pk)
    with time_machine.travel(vietnam(2026, 3, 2, 0, 1)):
        hit(client, home_page.pk)
        counting.flush()

    days = dict(VisitDay.objects.values_list("day", "visits"))
    assert days == {vietnam(2026, 3, 1, 12).date(): 1, vietnam(2026, 3, 2, 12).date(): 1}


def test_flushing_moves_counts_without_changing_them_and_twice_changes_nothing(client, news_index):
    article = publish_article(news_index)
    for address, page in [("203.0.113.1", article), ("203.0.113.2", article), ("203.0.113.2", news_index)]:
        hit(client, page.pk, address=address)
    before = figures.summary()

    counting.flush()
    after_one = figures.summary()
    counting.flush()
    after_two = figures.summary()

    assert before == after_one == after_two
    assert (after_two.total_page_views, after_two.total_visits) == (3, 2)
    assert PageViewDay.objects.get(page=article).views == 2
    assert figures.page_views(article.pk) == 2


def test_the_same_visitor_after_a_flush_is_still_one_visitor_that_day(client, home_page):
    hit(client, home_page.pk)
    counting.flush()
    hit(client, home_page.pk)

    assert figures.summary().today_visits == 1
    counting.flush()
    assert figures.summary().today_visits == 1


def test_hits_for_pages_that_do_not_exist_are_not_counted(client, home_page):
    response = hit(client, 999_999)
    counting.flush()

    assert response.status_code == 200
    assert figures.summary().total_page_views == 0
    assert not PageViewDay.objects.exists()


def test_a_visitor_reloading_a_page_counts_one_view_in_thirty_minutes(client, home_page):
    for _ in range(5):
        hit(client, home_page.pk)

    assert figures.page_views(home_page.pk) == 1
    assert figures.summary().today_visits == 1


def test_a_malformed_page_parameter_is_a_400_and_counts_nothing(client, home_page):
    response = client.get("/api/v1/visits/hit?page=1%3BDROP%20TABLE", HTTP_USER_AGENT=PHONE_UA)

    assert response.status_code == 400
    assert figures.summary().total_page_views == 0


def test_historic_totals_from_the_previous_portal_are_added(client, home_page):
    settings = VisitorSettings.load()
    settings.historic_visits = 3_513_363
    settings.historic_page_views = 4_397_789
    settings.save()
    hit(client, home_page.pk)

    summary = figures.summary()

    assert (summary.total_visits, summary.total_page_views) == (3_513_364, 4_397_790)
    assert summary.today_visits == 1


@pytest.mark.parametrize(("proxies", "expected_visitors"), [(0, 1), (1, 2)])
def test_forwarded_addresses_are_trusted_only_behind_a_configured_proxy(
    client, home_page, proxies, expected_visitors
):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        hit(client, home_page.pk, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
        hit(client, home_page.pk, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert figures.summary().today_visits == expected_visitors


def test_online_now_counts_visitors_of_the_last_five_minutes(client, home_page):
    start = timezone.now()
    with time_machine.travel(start):
        hit(client, home_page.pk, address="203.0.113.1")
    with time_machine.travel(start + timedelta(minutes=4)):
        hit(client, home_page.pk, address="203.0.113.2")
        assert figures.summary().online == 2
    with time_machine.travel(start + timedelta(minutes=6)):
        counting.flush()
        assert figures.summary().online == 1
