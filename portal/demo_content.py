"""Demo content for the site shell: the home page, the agency's identity and the menus.

Every function creates what is missing and leaves alone what exists, so `make run` can load the demo
again and again without duplicating anything or undoing an editor's changes.
The agency is a demonstration one: its details are placeholders, labelled as such.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from portal.models import AgencySettings, HomePage, NavigationSettings

HOME_TITLE = "Cổng thông tin điện tử Sở Khoa học và Công nghệ"
HOME_INTRO = (
    "Tin tức cải cách hành chính, Chỉ số CCHC của Sở qua các năm, số thủ tục hành chính "
    "được cung cấp trực tuyến và thống kê truy cập — công khai cho người dân và doanh nghiệp."
)
HOME_SECTIONS = [
    {
        "type": "notice",
        "value": {
            "title": "Dữ liệu trình diễn",
            "text": (
                "Cổng thông tin này đang chạy với nội dung trình diễn. Số liệu Chỉ số CCHC lấy từ "
                "các quyết định công bố; tên, địa chỉ và người chịu trách nhiệm là giả định."
            ),
        },
    },
    {"type": "heading", "value": {"text": "Cải cách hành chính năm 2024", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Năm 2023, Sở được UBND tỉnh đánh giá Chỉ số CCHC đạt 83,45/100 điểm, xếp thứ 13/18 "
            "sở, ban, ngành. Ba lĩnh vực đạt điểm tối đa: cải cách thể chế, tổ chức bộ máy và chế độ "
            "công vụ. Sở đang cung cấp dịch vụ công trực tuyến cho 19 trên 55 thủ tục hành chính.</p>"
        ),
    },
]

AGENCY_DEFAULTS = {
    "agency_name": "Sở Khoa học và Công nghệ (trình diễn)",
    "portal_name": "Cổng thông tin điện tử Sở Khoa học và Công nghệ",
    "tagline": "Khoa học, Công nghệ và Đổi mới sáng tạo",
    "responsible_person": "Giám đốc Sở (tên minh hoạ)",
    "address": "Số 1 đường Hùng Vương, thành phố tỉnh lỵ (địa chỉ minh hoạ)",
    "phone": "0233 3550 000",
    "email": "sokhcn@example.gov.vn",
    "operator": "Trung tâm Nghiên cứu, Chuyển giao công nghệ và Đổi mới sáng tạo",
    "source_note": "Ghi rõ nguồn cổng thông tin điện tử của Sở khi sử dụng thông tin từ trang này.",
}

FOOTER_LINKS = [
    {"type": "link", "value": {"url": "https://dichvucong.gov.vn/", "label": "Cổng Dịch vụ công quốc gia"}},
    {"type": "link", "value": {"url": "https://chinhphu.vn/", "label": "Cổng Thông tin điện tử Chính phủ"}},
]


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Return the portal's home page, creating it (and pointing the default site at it) if missing."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="trang-chu", intro=HOME_INTRO, body=HOME_SECTIONS)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = site.site_name or HOME_TITLE
        site.save()
        # Wagtail's installer leaves a "Welcome" page; remove it once nothing points at it.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def ensure_site_settings(site: Site) -> None:
    """Fill the agency identity and the footer links where an administrator has not already."""
    agency = AgencySettings.for_site(site)
    if not agency.agency_name:
        for field, value in AGENCY_DEFAULTS.items():
            setattr(agency, field, value)
        agency.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.footer_links:
        navigation.footer_links = FOOTER_LINKS
        navigation.save()


def add_to_main_menu(site: Site, pages) -> None:
    """Put these pages in the main menu when an administrator has not set up the menu yet."""
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu:
        navigation.main_menu = [{"type": "link", "value": {"page": page.pk}} for page in pages]
        navigation.save()


def append_to_main_menu(site: Site, pages) -> None:
    """Add these pages (new sections) at the end of a main menu an administrator has already set up."""
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu:
        return  # add_to_main_menu sets the whole menu up
    linked = {block.value.get("page").pk for block in navigation.main_menu if block.value.get("page")}
    missing = [page for page in pages if page.pk not in linked]
    if missing:
        navigation.main_menu = [
            *((block.block_type, block.value) for block in navigation.main_menu),
            *(("link", {"page": page}) for page in missing),
        ]
        navigation.save()


def ensure_admin_user(username: str, password: str | None, email: str) -> tuple[str | None, bool]:
    """Create the demo administrator if missing.

    Returns the password to print (None when an existing account's password was left alone) and
    whether the account was created.
    """
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    if user is None:
        password = password or secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email=email, password=password)
        return password, True
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
        return password, False
    return None, False


def load_site_shell() -> Site:
    """Create the home page and site settings; return the default site."""
    ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    ensure_site_settings(site)
    return site
