"""Every page type under Wagtail's page test tools: where it may be created, every route it answers, its
editor and its preview.

For `portal.HomePage`, `news.NewsIndexPage`, `news.ArticlePage` and `indexes.IndexesPage` (and, in
`CitizensPageTypesTests`, the agency's introduction, organisation, leadership and contact pages, the
questions section and the work schedule): the allowed
parent and subpage types; each routable sub-path routes and renders with a 200 (the news listings,
category, tag, archive by year and month and both RSS feeds; the article and its print view; the
figures' overview, agency list, agency, edition and comparison with every download and chart they
offer), and every route a page type declares is among them; the admin edits each page (a published
change, posted as the editor's form data) and previews it.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from indexes.models import IndexesPage
from news.models import ArticlePage, NewsIndexPage
from portal.about.models import AboutPage, ContactPage, Leader, LeadershipPage, OrganisationPage, Unit
from portal.legal.models import LegalLibraryPage  # its own checks: tests/legal/test_page_types.py
from portal.models import HomePage
from portal.questions.models import Question, QuestionField, QuestionsPage, Status
from portal.schedule.models import ScheduleEntry, SchedulePage, WorkWeek
from portal.schedule.weeks import Week, today
from tests.factories import (
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    SuperuserFactory,
    make_agency_site,
    publish_article,
)
from tests.helpers import article_form
from tests.indexes.factories import add_result, make_agency, make_edition, make_section, make_service_count

ARTICLE_TITLE = "Hội nghị cải cách hành chính năm 2024"
AGENCY = "co-quan/so-khoa-hoc-va-cong-nghe/"
EDITION = "chi-so-cchc-2023/"
COMPARED = {"co-quan": ["so-khoa-hoc-va-cong-nghe", "so-noi-vu"]}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
SVG = "image/svg+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


def downloads(base: str, tables: list[str], query: dict | None = None) -> list[tuple]:
    return [(f"{base}tai-ve/{table}/{fmt}/", query, FORMATS[fmt]) for table in tables for fmt in FORMATS]


def charts(base: str, names: list[str], query: dict | None = None) -> list[tuple]:
    return [(f"{base}bieu-do/{name}/svg/", query, SVG) for name in names]


# Route name -> [(sub-path, query, the content type it answers with)], for every route of each type.
NEWS_ROUTES = {
    "all_articles": [("/", None, HTML)],
    "category": [("chuyen-muc/cai-cach-hanh-chinh/", None, HTML)],
    "tag": [("the/chi-so-cchc/", None, HTML)],
    "archive_year": [("luu-tru/2024/", None, HTML)],
    "archive_month": [("luu-tru/2024/4/", None, HTML)],
    "feed": [("rss/", None, RSS)],
    "category_feed": [("chuyen-muc/cai-cach-hanh-chinh/rss/", None, RSS)],
}
ARTICLE_ROUTES = {"article": [("/", None, HTML)], "print": [("ban-in/", None, HTML)]}
INDEXES_ROUTES = {
    "overview": [("/", None, HTML)],
    "agencies": [("co-quan/", None, HTML)],
    "agency": [(AGENCY, None, HTML)],
    "agency_download": downloads(AGENCY, ["qua-cac-nam", "diem-thanh-phan", "dich-vu-cong"]),
    "agency_chart": charts(AGENCY, ["qua-cac-nam", "diem-thanh-phan"]),
    "edition": [(EDITION, None, HTML)],
    "edition_download": downloads(EDITION, ["xep-hang", "thong-ke"]),
    "edition_chart": charts(EDITION, ["chi-so"]),
    "comparison": [("so-sanh/", None, HTML), ("so-sanh/", COMPARED, HTML)],
    "comparison_download": downloads("so-sanh/", ["so-sanh"], COMPARED),
    "comparison_chart": charts("so-sanh/", ["chi-so"], COMPARED),
    "agency_embed": [
        (f"{AGENCY}nhung/{name}/", None, HTML) for name in ["qua-cac-nam", "diem-thanh-phan", "dich-vu-cong"]
    ],
    "edition_embed": [
        (f"{EDITION}nhung/chi-so/", {"ngay": "2024-06-01"}, HTML),
        (f"{EDITION}nhung/thong-ke/", None, HTML),
    ],
    "comparison_embed": [("so-sanh/nhung/chi-so/", COMPARED, HTML)],
    "events_feed": [("thay-doi/atom/", None, ATOM)],
    "agency_events_feed": [(f"{AGENCY}thay-doi/atom/", None, ATOM)],
    "methodology": [("phuong-phap/ubnd-tinh-thu-nghiem-so-ban-nganh-cap-tinh/", None, HTML)],
}
# What each HTML view shows, and the downloads and charts it links to (which the routes above cover).
INDEXES_VIEWS = {
    "/": ("Chỉ số CCHC năm 2023", []),
    "co-quan/": ("Sở Khoa học và Công nghệ", []),
    AGENCY: ("83,45", INDEXES_ROUTES["agency_download"] + INDEXES_ROUTES["agency_chart"]),
    EDITION: ("90,02", INDEXES_ROUTES["edition_download"] + INDEXES_ROUTES["edition_chart"]),
    "so-sanh/": ("So sánh", INDEXES_ROUTES["comparison_download"] + INDEXES_ROUTES["comparison_chart"]),
}


class PageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_agency_site()
        cls.news = NewsIndexPageFactory(parent=cls.home)
        cls.category = NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")
        cls.article = publish_article(
            cls.news,
            title=ARTICLE_TITLE,
            slug="hoi-nghi-cchc-2024",
            categories=[cls.category],
            tags=["Chỉ số CCHC"],
            hero_image=ImageFactory(),
            first_published_at=timezone.make_aware(datetime(2024, 4, 15, 9, 30)),
        )
        cls.indexes = make_section(cls.home)
        khcn, noi_vu = make_agency("Sở Khoa học và Công nghệ"), make_agency("Sở Nội vụ")
        for year, index, other in [(2022, "85.37", "80"), (2023, "83.45", "90.02")]:
            edition = make_edition(year)
            scores = {
                "Cải cách thể chế": "33.45",
                "Cải cách thủ tục hành chính": Decimal(index) - Decimal("33.45"),
            }
            add_result(edition, khcn, index, scores=scores)
            add_result(edition, noi_vu, other)
        make_service_count(khcn, date(2023, 12, 31))

    # Where each type may be created --------------------------------------------------------------

    def test_each_type_has_its_place_in_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                IndexesPage,
                LegalLibraryPage,
                AboutPage,
                ContactPage,
                QuestionsPage,
                SchedulePage,
            },
        )
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(IndexesPage, {HomePage})
        self.assertAllowedSubpageTypes(IndexesPage, set())
        # Under the tree's root: a home page (Wagtail's own Page type is allowed too, but not creatable).
        self.assertAllowedSubpageTypes(Page, {Page, HomePage})
        self.assertFalse(Page.is_creatable)
        self.assertCanCreateAt(NewsIndexPage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)

    def test_a_site_has_one_news_section_and_one_figures_section(self):
        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        self.assertFalse(IndexesPage.can_create_at(self.home))
        self.assertTrue(ArticlePage.can_create_at(self.news))

    # Every route --------------------------------------------------------------------------------

    def check_routes(self, page, routes: dict):
        """Every route the page type declares is here; each routes, renders (200) and answers as it should."""
        # RoutablePageMixin's own "" route (index_route) is shadowed by the page type's own "" route.
        self.assertEqual(
            {pattern.name for pattern in type(page).get_subpage_urls()}, {*routes, "index_route"}
        )
        self.assertNotEqual(page.resolve_subpage("/")[0].__name__, "index_route")
        for name, paths in routes.items():
            for path, query, content_type in paths:
                with self.subTest(route=name, path=path, query=query):
                    self.assertPageIsRoutable(page, path)
                    self.assertPageIsRenderable(page, path, query_data=query)
                    response = self.client.get(page.url + path.lstrip("/"), query)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response["Content-Type"], content_type)

    def test_the_home_page(self):
        self.assertPageIsRoutable(self.home)
        self.assertPageIsRenderable(self.home)
        self.assertContains(self.client.get("/"), ARTICLE_TITLE)  # the latest news

    def test_every_news_listing_and_feed(self):
        self.check_routes(self.news, NEWS_ROUTES)
        for paths in NEWS_ROUTES.values():
            for path, _query, _content_type in paths:
                self.assertContains(self.client.get(self.news.url + path.lstrip("/")), ARTICLE_TITLE)

    def test_the_article_and_its_print_view(self):
        self.check_routes(self.article, ARTICLE_ROUTES)
        self.assertContains(self.client.get(self.article.url), f"<h1>{ARTICLE_TITLE}</h1>", html=True)
        self.assertContains(
            self.client.get(self.article.url + "ban-in/"), f"<h1>{ARTICLE_TITLE}</h1>", html=True
        )

    def test_every_figures_view_download_and_chart(self):
        self.check_routes(self.indexes, INDEXES_ROUTES)
        for path, (text, offered) in INDEXES_VIEWS.items():
            query = COMPARED if path == "so-sanh/" else None
            html = self.client.get(self.indexes.url + path.lstrip("/"), query).content.decode()
            self.assertIn(text, html)
            links = set(re.findall(r'href="([^"]*/(?:tai-ve|bieu-do)/[^"]*)"', html))
            expected = {
                self.indexes.url + link + (f"?{urlencode(query, doseq=True)}" if query else "")
                for link, query, _content_type in offered
            }
            self.assertEqual({link.replace("&amp;", "&") for link in links}, expected, path)

    # The editor and the preview -----------------------------------------------------------------

    def check_editor(self, page, data: dict, shown: str):
        """Wagtail's editor and preview accept the editor's form data, and publishing it shows on the site."""
        self.assertPageIsEditable(page, post_data=data)
        self.assertPageIsPreviewable(page, post_data=data)

        self.client.force_login(SuperuserFactory())
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "action-publish"}
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        self.assertEqual(response["Location"], reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
        self.client.logout()
        self.assertContains(self.client.get(page.url), shown)

    def test_the_home_page_in_the_editor(self):
        data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "intro": "Chào mừng bạn đến với cổng thông tin của Sở.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Kết quả Chỉ số CCHC năm 2023", "level": "h2"}),
                        ("paragraph", rich_text("<p>Sở đạt 83,45/100 điểm.</p>")),
                    ]
                ),
            }
        )
        self.check_editor(self.home, data, "Chào mừng bạn đến với cổng thông tin của Sở.")

    def test_the_news_section_in_the_editor(self):
        data = nested_form_data(
            {"title": self.news.title, "slug": self.news.slug, "intro": "Tin cải cách hành chính của Sở."}
        )
        self.check_editor(self.news, data, "Tin cải cách hành chính của Sở.")

    def test_an_article_in_the_editor(self):
        data = article_form(
            self.category, title=ARTICLE_TITLE, slug=self.article.slug, lead="Sở đạt 83,45/100 điểm (đã sửa)."
        )
        self.check_editor(self.article, data, "Sở đạt 83,45/100 điểm (đã sửa).")

    def test_the_figures_section_in_the_editor(self):
        data = nested_form_data(
            {"title": self.indexes.title, "slug": self.indexes.slug, "intro": "Kết quả Chỉ số CCHC các năm."}
        )
        self.check_editor(self.indexes, data, "Kết quả Chỉ số CCHC các năm.")


# The citizens' pages -------------------------------------------------------------------------------

ICS = "text/calendar; charset=utf-8"


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class CitizensPageTypesTests(WagtailPageTestCase):
    check_routes = PageTypesTests.check_routes
    check_editor = PageTypesTests.check_editor

    @classmethod
    def setUpTestData(cls):
        cls.home = make_agency_site()
        cls.about = publish(
            cls.home, AboutPage(title="Giới thiệu", slug="gioi-thieu", intro="Sở là cơ quan chuyên môn.")
        )
        cls.organisation = publish(cls.about, OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"))
        cls.leadership = publish(cls.about, LeadershipPage(title="Lãnh đạo Sở", slug="lanh-dao"))
        cls.contact = publish(
            cls.home, ContactPage(title="Liên hệ", slug="lien-he", address="Số 1 đường Hùng Vương")
        )
        cls.questions = publish(cls.home, QuestionsPage(title="Hỏi đáp", slug="hoi-dap"))
        cls.schedule = publish(cls.home, SchedulePage(title="Lịch công tác tuần", slug="lich-cong-tac"))
        unit = Unit.objects.create(name="Văn phòng Sở")
        cls.leader = Leader.objects.create(name="Nguyễn Văn An", slug="giam-doc", position="Giám đốc Sở")
        field = QuestionField.objects.create(name="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        cls.answer = Question.objects.create(
            field=field,
            unit=unit,
            title="Lệ phí thẩm định công nghệ",
            public_text="Lệ phí thẩm định công nghệ là bao nhiêu?",
            answer="<p>Theo biểu phí hiện hành.</p>",
            status=Status.ANSWERED,
            published_at=timezone.now(),
            closed_at=timezone.now(),
            code_digest="0" * 64,
        )
        monday = Week.containing(today()).start
        week = WorkWeek(week_start=monday, live=False)
        week.entries.add(ScheduleEntry(day=monday, content="Họp giao ban", chair=cls.leader))
        week.save()
        week.save_revision().publish()

    def test_each_citizens_type_has_its_place_in_the_tree_once(self):
        for page_type in (AboutPage, ContactPage, QuestionsPage, SchedulePage):
            self.assertAllowedParentPageTypes(page_type, {HomePage})
            self.assertFalse(page_type.can_create_at(self.home))
        self.assertAllowedSubpageTypes(AboutPage, {OrganisationPage, LeadershipPage})
        for page_type in (OrganisationPage, LeadershipPage):
            self.assertAllowedParentPageTypes(page_type, {AboutPage})
            self.assertAllowedSubpageTypes(page_type, set())
            self.assertFalse(page_type.can_create_at(self.about))
        for page_type in (ContactPage, QuestionsPage, SchedulePage):
            self.assertAllowedSubpageTypes(page_type, set())

    def test_the_introduction_pages_and_the_contact_page(self):
        for page, shown in [
            (self.about, "Sở là cơ quan chuyên môn."),
            (self.organisation, "Văn phòng Sở"),
            (self.leadership, "Nguyễn Văn An"),
            (self.contact, "Số 1 đường Hùng Vương"),
        ]:
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertContains(self.client.get(page.url), shown)

    def test_every_route_of_the_questions_section(self):
        self.check_routes(
            self.questions,
            {
                "answers": [("/", None, HTML)],
                "field": [("linh-vuc/thu-tuc-hanh-chinh/", None, HTML)],
                "answer": [(f"{self.answer.pk}/", None, HTML)],
            },
        )

    def test_every_route_of_the_work_schedule(self):
        self.check_routes(
            self.schedule,
            {
                "week_view": [
                    ("/", None, HTML),
                    ("/", {"tuan": "2024-W16"}, HTML),
                    ("/", {"ngay": "2024-04-17"}, HTML),
                ],
                "print": [("ban-in/", None, HTML)],
                "feed": [("ical/", None, ICS)],
                "leader_feed": [("ical/giam-doc/", None, ICS)],
            },
        )
        self.assertContains(self.client.get(self.schedule.url), "Họp giao ban")

    def test_the_citizens_pages_in_the_editor(self):
        simple = {"intro": "Giới thiệu chung về Sở (đã sửa).", "body": streamfield([])}
        for page, fields in [
            (self.about, simple),
            (self.organisation, simple),
            (self.leadership, simple),
            (self.questions, {"intro": "Câu hỏi của người dân (đã sửa)."}),
            (self.schedule, {"intro": "Lịch làm việc của lãnh đạo (đã sửa)."}),
        ]:
            with self.subTest(page=page.title):
                data = nested_form_data({"title": page.title, "slug": page.slug, **fields})
                self.check_editor(page, data, next(iter(fields.values())))
        contact = nested_form_data(
            {
                "title": self.contact.title,
                "slug": self.contact.slug,
                "intro": "",
                "address": "Số 2 đường Hùng Vương (đã sửa)",
                "map_url": "",
                "working_hours": "Thứ Hai – Thứ Sáu",
                "lines": inline_formset([{"label": "Đường dây nóng", "phone": "0233 3550 030", "email": ""}]),
                "body": streamfield([]),
                "show_question_form": "on",
            }
        )
        self.check_editor(self.contact, contact, "Số 2 đường Hùng Vương (đã sửa)")
