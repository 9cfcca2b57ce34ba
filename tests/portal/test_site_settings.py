"""Administrators edit the agency identity and the menus in Wagtail's admin; every page shows them."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.models import AgencySettings, NavigationSettings
from tests.factories import AGENCY_FIELDS


def settings_url(model, site):
    return reverse("wagtailsettings:edit", args=["portal", model._meta.model_name, site.pk])


@pytest.mark.django_db
def test_administrator_edits_the_footer_in_the_admin(admin_client, home_page):
    site = Site.objects.get(is_default_site=True)
    data = {**AGENCY_FIELDS, "phone": "0233 3999 999", "responsible_person": "Trần Văn A, Giám đốc Sở"}

    response = admin_client.post(settings_url(AgencySettings, site), data)

    assert response.status_code == 302
    admin_client.logout()
    page = admin_client.get("/").content.decode()
    assert "0233 3999 999" in page
    assert "Trần Văn A, Giám đốc Sở" in page


@pytest.mark.django_db
def test_agency_settings_form_is_in_vietnamese(admin_client, home_page):
    site = Site.objects.get(is_default_site=True)

    response = admin_client.get(settings_url(AgencySettings, site))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    for label in ["Tên cơ quan", "Người chịu trách nhiệm", "Ghi chú trích dẫn nguồn", "Chân trang"]:
        assert label in html


@pytest.mark.django_db
def test_menu_link_with_both_a_page_and_an_address_is_refused(admin_client, home_page):
    site = Site.objects.get(is_default_site=True)
    data = nested_form_data(
        {
            "main_menu": streamfield(
                [("link", {"page": home_page.pk, "url": "https://example.gov.vn/", "label": "Hai đích"})]
            ),
            "footer_links": streamfield([("link", {"page": "", "url": "https://chinhphu.vn/", "label": ""})]),
        }
    )

    response = admin_client.post(settings_url(NavigationSettings, site), data)

    assert response.status_code == 200  # the form comes back with its errors
    errors = response.context["form"].errors.as_data()
    main_menu_error = errors["main_menu"][0].block_errors[0].block_errors["page"]
    footer_error = errors["footer_links"][0].block_errors[0].block_errors["label"]
    assert main_menu_error.message == "Chọn một trang hoặc một địa chỉ bên ngoài, không chọn cả hai."
    assert footer_error.message == "Địa chỉ bên ngoài cần có nhãn."
    assert not NavigationSettings.for_site(site).main_menu


def menu_linking(site, page):
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [("link", {"page": page, "label": "", "url": ""})]
    navigation.save()


def test_a_menu_shows_an_articles_new_title_once_it_is_published(client, news_index):
    from tests.factories import publish_article

    article = publish_article(news_index, title="Lịch tiếp công dân tháng 11")
    menu_linking(Site.objects.get(is_default_site=True), article)
    assert "Lịch tiếp công dân tháng 11" in client.get("/").text

    article.title = "Lịch tiếp công dân tháng 12"
    article.save_revision().publish()  # the same place and address, a new title: the lists change

    home = client.get("/").text
    assert "Lịch tiếp công dân tháng 12" in home
    assert "Lịch tiếp công dân tháng 11" not in home  # not in the menu either


def test_an_edit_of_an_article_no_menu_links_keeps_the_chrome(client, news_index):
    from portal.caching.generation import list_generation
    from tests.factories import publish_article

    article = publish_article(news_index, title="Tập huấn kỹ năng soạn thảo văn bản")
    site = Site.objects.get(is_default_site=True)
    menu_linking(site, news_index)
    client.get("/")
    before = list_generation(site.pk)

    article.body = [{"type": "paragraph", "value": "<p>Lớp học mở cho cán bộ một cửa.</p>"}]
    article.save_revision().publish()

    assert list_generation(site.pk) == before  # the chrome and everything else kept with the lists stay


def main_menu_of(html: str) -> str:
    return html.split('class="main-nav"')[1].split("</nav>")[0]


def test_the_kept_header_marks_the_page_shown_and_no_other(client, news_index):
    """The header and footer are kept and shared by the pages no menu links to: each page still marks
    only its own link, whatever page was drawn first, and an edit of the menu shows on the next view."""
    from tests.factories import publish_article

    article = publish_article(news_index, title="Hội nghị triển khai nhiệm vụ năm 2025")
    site = Site.objects.get(is_default_site=True)
    menu_linking(site, news_index)

    for _ in range(2):  # drawn, then from the kept fragments
        article_menu = main_menu_of(client.get(article.url).text)
        section_menu = main_menu_of(client.get(news_index.url).text)
        home_menu = main_menu_of(client.get("/").text)

        assert 'aria-current="page"' not in article_menu
        assert f'href="{news_index.url}" aria-current="page"' in section_menu
        assert section_menu.count('aria-current="page"') == 1
        assert home_menu.count('aria-current="page"') == 1
        assert 'href="/" aria-current="page"' in home_menu

    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [
        ("link", {"page": None, "label": "Cổng dịch vụ công", "url": "https://dichvucong.gov.vn/"})
    ]
    navigation.save()

    assert "Cổng dịch vụ công" in main_menu_of(client.get(article.url).text)
