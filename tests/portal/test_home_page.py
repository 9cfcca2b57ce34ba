"""The home page and the site shell every page shares: header, menu, footer, languages."""

from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import HomePage, NavigationSettings
from tests.factories import SuperuserFactory, fill_agency_settings, make_default_site_home


class HomePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_default_site_home(intro="Công khai Chỉ số CCHC và tin cải cách hành chính.")
        cls.site = Site.objects.get(is_default_site=True)
        fill_agency_settings(cls.site)

    def test_page_tree_allows_a_home_page_per_site_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        # Another department's site needs its own home page beside the first (one install per province).
        self.assertTrue(HomePage.can_create_at(Page.get_first_root_node()))

    def test_home_page_is_vietnamese_with_skip_link_header_and_footer(self):
        response = self.client.get("/")

        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<html lang="vi">', html)
        self.assertIn('<a class="skip-link" href="#main">Chuyển đến nội dung chính</a>', html)
        self.assertContains(response, '<main id="main"')
        self.assertContains(response, "Cổng thông tin điện tử Sở Khoa học và Công nghệ")
        self.assertContains(response, "Công khai Chỉ số CCHC và tin cải cách hành chính.")
        for label, value in [
            ("Chịu trách nhiệm", "Giám đốc Sở Khoa học và Công nghệ"),
            ("Địa chỉ", "204 Hùng Vương, Đông Hà"),
            ("Điện thoại", "0233.3550 382"),
            ("Thư điện tử", "sokhcn@example.gov.vn"),
        ]:
            self.assertInHTML(f"<dt>{label}</dt>", html)
            self.assertIn(value, html)
        self.assertContains(response, "Ghi rõ nguồn khi sử dụng thông tin từ website này!")
        self.assertContains(response, 'href="tel:02333550382"')

    def test_english_lives_under_en_and_the_switch_links_both_ways(self):
        vietnamese = self.client.get("/")
        english = self.client.get("/en/")

        self.assertContains(vietnamese, '<a href="/en/" lang="en" hreflang="en">English</a>', html=True)
        self.assertEqual(english.status_code, 200)
        self.assertIn('<html lang="en">', english.content.decode())
        self.assertContains(english, "Skip to main content")
        self.assertContains(english, '<a href="/" lang="vi" hreflang="vi">Tiếng Việt</a>', html=True)
        # The content itself is the editors' Vietnamese in both.
        self.assertContains(english, "Công khai Chỉ số CCHC")

    def test_anonymous_pages_set_no_cookie(self):
        for path in ["/", "/en/", "/khong-ton-tai/"]:
            response = self.client.get(path)
            self.assertEqual(dict(response.cookies), {}, path)
            self.assertNotIn("Set-Cookie", response.headers, path)

    def test_main_menu_comes_from_the_navigation_setting(self):
        child = self.home.add_child(instance=HomePage(title="Giới thiệu", slug="gioi-thieu"))
        navigation = NavigationSettings.for_site(self.site)
        navigation.main_menu = [
            {"type": "link", "value": {"page": child.pk, "label": "Giới thiệu chung"}},
            {"type": "link", "value": {"url": "https://dichvucong.gov.vn/", "label": "Dịch vụ công"}},
        ]
        navigation.save()

        response = self.client.get("/")

        self.assertContains(response, '<a href="/gioi-thieu/">Giới thiệu chung</a>', html=True)
        self.assertContains(response, '<a href="https://dichvucong.gov.vn/">Dịch vụ công</a>', html=True)

    def home_form_data(self, **extra):
        return nested_form_data(
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
                **extra,
            }
        )

    def test_editor_changes_the_home_page_in_the_admin_and_publishes(self):
        self.client.force_login(SuperuserFactory())
        url = reverse("wagtailadmin_pages:edit", args=[self.home.pk])

        response = self.client.post(url, self.home_form_data(**{"action-publish": "publish"}))

        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.client.logout()
        public = self.client.get("/")
        self.assertContains(public, "Chào mừng bạn đến với cổng thông tin của Sở.")
        self.assertContains(public, '<h2 class="block-heading">Kết quả Chỉ số CCHC năm 2023</h2>', html=True)
        self.assertContains(public, "Sở đạt 83,45/100 điểm.")
