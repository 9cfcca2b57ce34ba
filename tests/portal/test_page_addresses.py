"""New pages get addresses without diacritics; existing addresses stay; a slug clash names the other page."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import ArticlePage
from portal.about.models import ContactPage
from tests.factories import member_of, publish_article
from tests.helpers import article_add_url, article_form

pytestmark = pytest.mark.django_db


def test_an_article_sent_with_a_vietnamese_slug_gets_an_ascii_address(client, news_index, reform_category):
    client.force_login(member_of("Biên tập viên", "bientap"))

    response = client.post(
        article_add_url(news_index),
        article_form(
            reform_category,
            title="Sở tổ chức tập huấn đăng ký đất đai",
            slug="sở-tổ-chức-tập-huấn-đăng-ký-đất-đai",
        ),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Sở tổ chức tập huấn đăng ký đất đai")
    assert article.slug == "so-to-chuc-tap-huan-dang-ky-dat-dai"
    assert article.url_path.endswith("/so-to-chuc-tap-huan-dang-ky-dat-dai/")


def test_a_new_page_of_another_type_gets_an_ascii_address_too(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["about", "contactpage", home_page.pk])
    data = nested_form_data(
        {
            "title": "Liên hệ Đồng Tháp",
            "slug": "liên-hệ-đồng-tháp",
            "address": "Số 1, đường Hùng Vương",
            "body": streamfield([]),
            "lines": inline_formset([]),
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert ContactPage.objects.get().slug == "lien-he-dong-thap"


def test_an_existing_address_with_diacritics_is_kept_when_the_page_is_saved(
    client, news_index, reform_category
):
    article = publish_article(news_index, title="Bài cũ", slug="bài-cũ")
    client.force_login(member_of("Kiểm duyệt viên", "kiemduyet"))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_form(reform_category, title="Bài cũ, sửa lại", slug="bài-cũ"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "bài-cũ"
    assert article.get_latest_revision_as_object().title == "Bài cũ, sửa lại"


def test_a_slug_clash_names_the_other_page_in_vietnamese(client, news_index, reform_category):
    publish_article(news_index, title="Hội nghị tổng kết năm 2024", slug="hoi-nghi-tong-ket")
    client.force_login(member_of("Biên tập viên", "bientap"))

    response = client.post(
        article_add_url(news_index),
        article_form(reform_category, title="Hội nghị tổng kết", slug="hội-nghị-tổng-kết"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Đường dẫn “hoi-nghi-tong-ket” đã được dùng cho trang “Hội nghị tổng kết năm 2024”" in html
    assert "already in use" not in html
    assert "Chưa tạo được trang vì có lỗi nhập liệu." in html
    assert ArticlePage.objects.filter(title="Hội nghị tổng kết").count() == 0
