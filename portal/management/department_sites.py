"""A department's site on the province's install: its page tree, identity, collection, roles and workflow.

`manage.py create_department_site` and the demo loader call `create_department_site`. Everything is
made in one transaction, so a refusal (a host already served, an unknown agency) leaves nothing behind.

Who may do what:
- "Biên tập viên — <name>" add and edit pages under the site's home page and images and documents in
  the site's collection, and submit pages for moderation;
- "Kiểm duyệt viên — <name>" also publish, lock and unlock them; the workflow "Kiểm duyệt tin bài —
  <name>" on the site's home page sends every page submitted there to them;
- both get the model permissions (snippets, the admin itself) the install-wide "Biên tập viên" and
  "Kiểm duyệt viên" groups have, except the reform-index figures', which the province publishes once
  for every site: those belong to the province group "Cán bộ chỉ số — tỉnh".
Nobody in a department's groups is given a page or a collection of another site.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from indexes.models import Agency, IndexesPage
from news.models import NewsIndexPage
from portal.about.models import AboutPage, ContactPage, LeadershipPage, OrganisationPage
from portal.legal.models import LegalLibraryPage
from portal.models import AgencySettings, HomePage, NavigationSettings
from portal.questions.models import QuestionsPage
from portal.schedule.models import SchedulePage

INSTALL_EDITORS = "Biên tập viên"
INSTALL_MODERATORS = "Kiểm duyệt viên"
PROVINCE_FIGURES_GROUP = "Cán bộ chỉ số — tỉnh"
FIGURES_APP = "indexes"
PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page"],
    "moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
]


@dataclass
class DepartmentSite:
    site: Site
    home: HomePage
    collection: Collection
    editors: Group
    moderators: Group
    workflow: Workflow


def editors_group_name(name: str) -> str:
    return f"Biên tập viên — {name}"


def moderators_group_name(name: str) -> str:
    return f"Kiểm duyệt viên — {name}"


def parse_host(host: str) -> tuple[str, int]:
    """`sokhcn.quangtri.gov.vn` or `sokhcn.localhost:8000` as (hostname, port); port 80 when none."""
    hostname, _, port = host.strip().lower().partition(":")
    if not hostname or not all(part for part in hostname.split(".")):
        raise ValidationError(f"“{host}” không phải là tên miền.")
    if port and not port.isdigit():
        raise ValidationError(f"Cổng “{port}” không phải là số.")
    return hostname, int(port or 80)


def find_agency(name_or_slug: str) -> Agency:
    agency = Agency.objects.filter(Q(slug=name_or_slug) | Q(name=name_or_slug)).first()
    if agency is None:
        raise ValidationError(f"Không có cơ quan “{name_or_slug}” trong số liệu Chỉ số CCHC.")
    return agency


def sections(name: str) -> list[tuple[Page, list[Page]]]:
    """The fixed tree under a department's home page, each section with the pages under it."""
    return [
        (NewsIndexPage(title="Tin tức", slug="tin-tuc", intro=f"Tin hoạt động của {name}."), []),
        (
            IndexesPage(
                title="Chỉ số cải cách hành chính",
                slug="chi-so-cai-cach-hanh-chinh",
                intro="Kết quả Chỉ số CCHC của các sở, ban, ngành do UBND tỉnh công bố.",
            ),
            [],
        ),
        (LegalLibraryPage(title="Hệ thống văn bản", slug="van-ban"), []),
        (
            AboutPage(title="Giới thiệu", slug="gioi-thieu"),
            [
                OrganisationPage(title="Cơ cấu tổ chức", slug="co-cau-to-chuc"),
                LeadershipPage(title="Lãnh đạo", slug="lanh-dao"),
            ],
        ),
        (QuestionsPage(title="Hỏi đáp", slug="hoi-dap"), []),
        (SchedulePage(title="Lịch công tác tuần", slug="lich-cong-tac"), []),
        (ContactPage(title="Liên hệ", slug="lien-he", address="Cập nhật địa chỉ của cơ quan."), []),
    ]


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def install_model_permissions(group_name: str):
    """The model permissions of an install-wide group, without the figures'."""
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return Permission.objects.none()
    return group.permissions.exclude(content_type__app_label=FIGURES_APP)


def ensure_province_figures_group() -> Group:
    """The province's role that prepares and publishes the reform-index figures for every site."""
    group, _ = Group.objects.get_or_create(name=PROVINCE_FIGURES_GROUP)
    moderators = Group.objects.filter(name=INSTALL_MODERATORS).first()
    if moderators is not None:
        group.permissions.add(*moderators.permissions.filter(content_type__app_label=FIGURES_APP))
    group.permissions.add(permission("wagtailadmin", "access_admin"))
    return group


def grant(group: Group, role: str, home: Page, collection: Collection) -> None:
    for codename in PAGE_PERMISSIONS[role]:
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=permission("wagtailcore", codename)
        )
    for app_label, codenames in COLLECTION_PERMISSIONS:
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(app_label, codename)
            )


def moderation_workflow(name: str, moderators: Group, home: Page) -> Workflow:
    task = GroupApprovalTask.objects.create(name=f"{moderators.name} phê duyệt")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=f"Kiểm duyệt tin bài — {name}", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def create_department_site(
    *, host: str, agency: str, name: str, portal_name: str = "", is_hub: bool = False
) -> DepartmentSite:
    """Create a department's (or, with `is_hub`, the province's) site with everything it needs.

    Raises ValidationError with a Vietnamese message when the host is served already, the agency is
    unknown or the name is taken by another site's groups.
    """
    hostname, port = parse_host(host)
    name = name.strip()
    if not name:
        raise ValidationError("Cần tên của trang (ví dụ: Sở Xây dựng).")
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ValidationError(f"Đã có trang ở địa chỉ {hostname}:{port}.")
    if Group.objects.filter(name__in=[editors_group_name(name), moderators_group_name(name)]).exists():
        raise ValidationError(f"Đã có nhóm người dùng cho “{name}”: hãy chọn tên khác.")
    found_agency = find_agency(agency)
    portal_name = portal_name or f"Cổng thông tin điện tử {name}"

    root = Page.get_first_root_node()
    slug = slugify(hostname.split(".")[0]) or "trang"
    if root.get_children().filter(slug=slug).exists():
        slug = slugify(hostname.replace(".", "-"))
    home = publish_child(root, HomePage(title=portal_name, slug=slug))
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)
    menu = []
    for section, children in sections(name):
        publish_child(home, section)
        menu.append({"type": "link", "value": {"page": section.pk}})
        for child in children:
            publish_child(section, child)

    settings = AgencySettings.for_site(site)
    settings.agency_name = found_agency.name
    settings.agency = found_agency
    settings.portal_name = portal_name
    settings.is_hub = is_hub
    settings.save()
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = menu
    navigation.save()

    collection = Collection.get_first_root_node().add_child(name=name)
    editors = Group.objects.create(name=editors_group_name(name))
    moderators = Group.objects.create(name=moderators_group_name(name))
    for group, role, install_group in (
        (editors, "editors", INSTALL_EDITORS),
        (moderators, "moderators", INSTALL_MODERATORS),
    ):
        group.permissions.add(permission("wagtailadmin", "access_admin"))
        group.permissions.add(*install_model_permissions(install_group))
        grant(group, role, home, collection)
    workflow = moderation_workflow(name, moderators, home)
    ensure_province_figures_group()
    return DepartmentSite(site, home, collection, editors, moderators, workflow)
