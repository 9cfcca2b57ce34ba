"""Factories shared by the whole test suite."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site

from news.models import ArticlePage, NewsCategory, NewsIndexPage
from portal.models import AgencySettings, HomePage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.vn")
    password = factory.django.Password("mat-khau-thu-nghiem")


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


EDITORS, MODERATORS = "Biên tập viên", "Kiểm duyệt viên"  # the groups news/migrations/0002 creates


def member_of(group_name: str, username: str):
    """A user in one of the editorial groups (EDITORS or MODERATORS)."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Cổng thông tin điện tử Sở Khoa học và Công nghệ"
    slug = "trang-chu"
    intro = "Tin tức cải cách hành chính và Chỉ số CCHC của Sở."


def make_default_site_home(**fields) -> HomePage:
    """Create a home page under the tree root and make it the default site's root, as `load_demo` does."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, **fields)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title},
    )
    return home


AGENCY_FIELDS = {
    "agency_name": "Sở Khoa học và Công nghệ",
    "portal_name": "Cổng thông tin điện tử Sở Khoa học và Công nghệ",
    "tagline": "Khoa học, Công nghệ và Đổi mới sáng tạo",
    "responsible_person": "Giám đốc Sở Khoa học và Công nghệ",
    "address": "204 Hùng Vương, Đông Hà",
    "phone": "0233.3550 382",
    "email": "sokhcn@example.gov.vn",
    "operator": "Trung tâm Nghiên cứu, Chuyển giao công nghệ và Đổi mới sáng tạo",
    "source_note": "Ghi rõ nguồn khi sử dụng thông tin từ website này!",
}


def make_agency_site() -> HomePage:
    """A home page at the root of the default site, with the agency identity filled in."""
    home = make_default_site_home()
    fill_agency_settings(Site.objects.get(is_default_site=True))
    return home


def fill_agency_settings(site: Site, **overrides) -> AgencySettings:
    """Give the site an agency identity, as an administrator would in the admin."""
    agency = AgencySettings.for_site(site)
    for field, value in {**AGENCY_FIELDS, **overrides}.items():
        setattr(agency, field, value)
    agency.save()
    return agency


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class ImageFactory(wagtail_factories.ImageFactory):
    """A real image file made by Pillow, with the description that serves as its alt text."""

    title = factory.Sequence(lambda n: f"Ảnh hội nghị {n}")
    description = "Đại biểu dự hội nghị cải cách hành chính"
    file = factory.django.ImageField(width=1200, height=675, color="navy")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Tin tức"
    slug = "tin-tuc"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị cải cách hành chính số {n}")
    slug = factory.Sequence(lambda n: f"hoi-nghi-cchc-{n}")
    lead = "Sở tổng kết công tác cải cách hành chính và giao nhiệm vụ cho năm tới."
    author = "Nguyễn Bình"
    source = "Văn phòng Sở"
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Chỉ số CCHC năm 2023 đạt 83,45/100 điểm.</p>"}]
    )
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.save()


def publish_article(news_index, **fields) -> ArticlePage:
    """Create an article under the news section and publish it through a revision, as editors do."""
    published_at = fields.pop("first_published_at", None) or timezone.now()
    article = ArticlePageFactory(parent=news_index, live=False, first_published_at=published_at, **fields)
    article.save_revision().publish()
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published_at)
    article.refresh_from_db()
    return article
