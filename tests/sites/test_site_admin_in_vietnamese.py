"""A department's editors and moderators meet Vietnamese only on the admin screens they use for their own
site, as the install-wide roles do (tests/portal/test_admin_in_vietnamese.py): the site field of their
own lists and the screens of their site's pages, images and documents included."""

import pytest
from django.urls import reverse

from news.models import NewsCategory, NewsIndexPage
from tests.admin_strings import untranslated
from tests.factories import ImageFactory, publish_article
from tests.sites.conftest import member

pytestmark = pytest.mark.django_db

# As the install-wide Biên tập viên, a department's editors do not manage its categories (the admin
# sends them back to the dashboard); its moderators do.
NOT_FOR = {"editors": {"categories", "add category", "edit category"}, "moderators": set()}


@pytest.mark.parametrize("group", ["editors", "moderators"])
def test_a_department_members_screens_are_in_vietnamese(client, khcn, xd, group):
    news = NewsIndexPage.objects.child_of(khcn.home).get()
    article = publish_article(news, title="Tin của Sở KH&CN")
    category = NewsCategory.objects.create(name="Chuyển đổi số", slug="chuyen-doi-so", site=khcn.site)
    image = ImageFactory(title="Ảnh của Sở KH&CN", collection=khcn.collection)
    client.force_login(member(getattr(khcn, group), f"{group}-khcn"))
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[news.pk]),
        "add article": reverse("wagtailadmin_pages:add", args=["news", "articlepage", news.pk]),
        "edit article": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=KH%26CN",
        "categories": reverse("wagtailsnippets_news_newscategory:list"),
        "add category": reverse("wagtailsnippets_news_newscategory:add"),
        "edit category": reverse("wagtailsnippets_news_newscategory:edit", args=[category.pk]),
        "images": reverse("wagtailimages:index"),
        "edit image": reverse("wagtailimages:edit", args=[image.pk]),
        "documents": reverse("wagtaildocs:index"),
        "image chooser": reverse("wagtailimages_chooser:choose"),
        "page chooser": reverse("wagtailadmin_choose_page"),
    }

    found, answers = {}, {}
    for name, url in screens.items():
        response = client.get(url)
        answers[name] = response.status_code
        if response.status_code == 200:
            content = response.content.decode()
            if response["Content-Type"].startswith("application/json"):
                content = response.json().get("html", "")
            found[name] = sorted(untranslated(content))

    assert answers == {name: 302 if name in NOT_FOR[group] else 200 for name in screens}
    assert found == {name: [] for name in screens if name not in NOT_FOR[group]}
