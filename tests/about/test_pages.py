"""The agency's introduction, organisation, leadership and contact pages: a fixed tree, the units and
leaders editors keep, the question form on the contact page, and the same pages under /en/."""

import pytest
from django.core.exceptions import ValidationError

from portal.about.models import (
    AboutPage,
    ContactLine,
    ContactPage,
    Leader,
    LeadershipPage,
    OrganisationPage,
    Unit,
    UnitKind,
)
from portal.models import HomePage
from portal.questions.models import QuestionsPage
from portal.schedule.models import SchedulePage

pytestmark = pytest.mark.django_db


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def about(home_page):
    about = publish(
        home_page, AboutPage(title="Giới thiệu", slug="gioi-thieu", intro="Sở là cơ quan chuyên môn.")
    )
    publish(about, OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))
    publish(about, LeadershipPage(title="Lãnh đạo Sở", slug="lanh-dao"))
    return about


@pytest.fixture
def contact(home_page):
    page = ContactPage(
        title="Liên hệ",
        slug="lien-he",
        address="Số 1 đường Hùng Vương",
        working_hours="Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00",
    )
    page.lines.add(ContactLine(label="Đường dây nóng", phone="0233 3550 030"))
    return publish(home_page, page)


def test_the_tree_is_fixed_one_of_each_where_it_belongs(home_page, about):
    assert {model.__name__ for model in HomePage.allowed_subpage_models()} >= {
        "AboutPage",
        "ContactPage",
        "QuestionsPage",
        "SchedulePage",
    }
    assert set(AboutPage.allowed_subpage_models()) == {OrganisationPage, LeadershipPage}
    for model in (AboutPage, ContactPage, QuestionsPage, SchedulePage):
        assert model.allowed_parent_page_models() == [HomePage]
    assert not AboutPage.can_create_at(home_page)  # there is one already
    assert not OrganisationPage.can_create_at(about)
    assert OrganisationPage.allowed_parent_page_models() == [AboutPage]


def test_the_introduction_links_its_sections(client, about, contact):
    html = client.get("/gioi-thieu/").content.decode()

    assert "Sở là cơ quan chuyên môn." in html
    for path in ("/gioi-thieu/co-cau-to-chuc/", "/gioi-thieu/lanh-dao/", "/lien-he/"):
        assert f'href="{path}"' in html


def test_the_organisation_page_lists_leaders_and_units_with_their_contacts(client, about):
    Leader.objects.create(name="Nguyễn Văn An", position="Giám đốc Sở")
    Leader.objects.create(name="Trần Cũ", position="Nguyên Giám đốc", is_current=False)
    Unit.objects.create(
        name="Văn phòng Sở",
        head_name="Trần Thị Bình",
        head_title="Chánh Văn phòng",
        phone="0233 3550 001",
        email="vanphong@example.gov.vn",
    )
    Unit.objects.create(name="Trung tâm Đổi mới sáng tạo", kind=UnitKind.AFFILIATED, head_name="Lê Minh")

    html = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()

    assert "<strong>Giám đốc Sở</strong>: Nguyễn Văn An" in html
    assert "Trần Cũ" not in html
    offices, affiliated = html.index("Văn phòng, phòng chuyên môn"), html.index("Đơn vị sự nghiệp trực thuộc")
    assert offices < html.index("Văn phòng Sở") < affiliated < html.index("Trung tâm Đổi mới sáng tạo")
    assert "<dt>Chánh Văn phòng</dt><dd>Trần Thị Bình</dd>" in html
    assert 'href="tel:02333550001"' in html and 'href="mailto:vanphong@example.gov.vn"' in html


def test_the_leadership_page_shows_who_is_in_charge_of_what(client, about):
    Leader.objects.create(
        name="Nguyễn Văn An", position="Giám đốc Sở", portfolio="Phụ trách chung; cải cách hành chính."
    )

    html = client.get("/gioi-thieu/lanh-dao/").content.decode()

    assert "Nguyễn Văn An" in html and "Phụ trách chung; cải cách hành chính." in html


def test_the_contact_page_has_the_details_and_the_question_form_and_is_never_shared_by_a_cache(
    client, contact
):
    response = client.get("/lien-he/")

    html = response.content.decode()
    assert "Số 1 đường Hùng Vương" in html and "Thứ Hai – Thứ Sáu" in html
    assert 'href="tel:02333550030"' in html
    assert '<form class="question-form" method="post" action="/hoi-dap/gui-cau-hoi/"' in html
    assert 'name="token"' in html and 'name="trang_web"' in html
    assert "private" in response["Cache-Control"]
    assert not response.cookies


def test_english_pages_translate_the_interface_and_say_the_content_is_in_vietnamese(client, about, contact):
    html = client.get("/en/lien-he/").content.decode()

    assert '<html lang="en">' in html
    assert "The content of this page is written in Vietnamese" in html
    assert '<h1 lang="vi">Liên hệ</h1>' in html
    assert "Send a question or feedback" in html
    vietnamese = client.get("/lien-he/").content.decode()
    assert "The content of this page is written in Vietnamese" not in vietnamese
    assert client.get("/en/gioi-thieu/co-cau-to-chuc/").status_code == 200


def test_a_contact_needs_a_phone_or_an_email():
    with pytest.raises(ValidationError):
        ContactLine(label="Văn phòng").clean()


def test_leaders_get_an_address_free_of_diacritics_once(db):
    first = Leader.objects.create(name="Đặng Thị Hương", position="Phó Giám đốc Sở")
    second = Leader.objects.create(name="Đặng Thị Hương", position="Phó Giám đốc Sở")

    assert (first.slug, second.slug) == ("dang-thi-huong", "dang-thi-huong-2")
