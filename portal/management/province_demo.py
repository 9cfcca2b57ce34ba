"""The province's demo: a hub and two more department sites beside the demo's Sở KH&CN site.

`manage.py load_demo --province` (what `make run` does) adds them; every site is reachable on this
machine without editing /etc/hosts, as `*.localhost` names resolve to 127.0.0.1 in browsers and curl:
the default site (Sở KH&CN) on 127.0.0.1:8000 and localhost:8000, the hub on tinh.localhost:8000, Sở Xây
dựng on soxd.localhost:8000 and Sở Nội vụ on sonv.localhost:8000. The articles are original demo text
on the reform themes of the reference pages, labelled as demonstration content.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from indexes.models import Agency
from news.models import ArticlePage, NewsIndexPage
from portal.management.department_sites import create_department_site
from portal.models import AgencySettings

HUB = {"host": "tinh.localhost", "agency": "UBND tỉnh (trình diễn)", "name": "Tỉnh (trình diễn)"}
DEPARTMENTS = [
    {"host": "soxd.localhost", "agency": "Sở Xây dựng", "name": "Sở Xây dựng (trình diễn)"},
    {"host": "sonv.localhost", "agency": "Sở Nội vụ", "name": "Sở Nội vụ (trình diễn)"},
]
ARTICLES = {
    "soxd.localhost": [
        (
            "Sở Xây dựng rà soát thủ tục cấp phép xây dựng trực tuyến (trình diễn)",
            "Sở rà soát từng bước của thủ tục cấp giấy phép xây dựng để đưa thêm hồ sơ lên Cổng dịch vụ công "
            "của tỉnh, rút ngắn thời gian người dân phải đi lại.",
        ),
        (
            "Công khai kết quả tự đánh giá Chỉ số CCHC của Sở Xây dựng (trình diễn)",
            "Bảng tự chấm điểm theo từng lĩnh vực được công khai để người dân và doanh nghiệp theo dõi "
            "trước khi UBND tỉnh công bố kết quả chính thức.",
        ),
    ],
    "sonv.localhost": [
        (
            "Sở Nội vụ hướng dẫn chấm điểm Chỉ số CCHC năm 2024 (trình diễn)",
            "Sở Nội vụ, cơ quan thường trực về cải cách hành chính của tỉnh, gửi các sở, ban, ngành hướng dẫn "
            "tự đánh giá và nộp tài liệu kiểm chứng.",
        ),
    ],
}


def ensure_agency(name: str) -> Agency:
    """The department's agency: the demo figures' "<name> (giả định)" when it has published results, so
    the department's home page shows its score card; else an agency of that name, made if missing."""
    with_figures = Agency.objects.with_published_results().filter(name=f"{name} (giả định)").first()
    if with_figures is not None:
        return with_figures
    return Agency.objects.get_or_create(
        name=name, defaults={"description": "Cơ quan trình diễn cho trang tổng hợp của tỉnh."}
    )[0]


def load_province(default_site: Site) -> list[Site]:
    """Tie the demo site to its agency; add the hub and the departments that are missing."""
    settings = AgencySettings.for_site(default_site)
    if settings.agency_id is None:
        settings.agency = Agency.objects.filter(name="Sở Khoa học và Công nghệ").first()
        settings.save()
    made = []
    for spec in [HUB, *DEPARTMENTS]:
        site = Site.objects.filter(hostname=spec["host"]).first()
        if site is None:
            site = load_site(spec)
        made.append(site)
    return made


@transaction.atomic
def load_site(spec: dict) -> Site:
    """One site of the demo and its articles, whole or not at all."""
    agency = ensure_agency(spec["agency"])
    site = create_department_site(**{**spec, "agency": agency.slug}, is_hub=spec is HUB).site
    news = NewsIndexPage.objects.child_of(site.root_page).get()
    for title, lead in ARTICLES.get(spec["host"], []):
        article = ArticlePage(
            title=title,
            lead=lead,
            author="Ban biên tập (trình diễn)",
            source=spec["name"],
            first_published_at=timezone.now(),
        )
        news.add_child(instance=article)
        article.save_revision().publish()
    return site
