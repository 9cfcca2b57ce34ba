"""Demo introduction: the agency's functions and duties, a few units and leaders, the contact page.

Every person, phone number and address here is illustrative and says so ("minh hoạ"); the wording is
the project's own. Each function adds what is missing and leaves the rest alone.
"""

import io

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

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

ILLUSTRATIVE = {
    "type": "notice",
    "value": {
        "title": "Thông tin minh hoạ",
        "text": (
            "Họ tên, ảnh, số điện thoại và địa chỉ thư điện tử của lãnh đạo và các đơn vị trên trang này "
            "là minh hoạ cho cổng thông tin trình diễn, không phải của người hay đơn vị có thật."
        ),
    },
}

ABOUT_INTRO = (
    "Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, giúp Ủy ban quản lý "
    "nhà nước về khoa học, công nghệ và đổi mới sáng tạo trên địa bàn tỉnh."
)
ABOUT_BODY = [
    {"type": "heading", "value": {"text": "Vị trí và chức năng", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Sở tham mưu cho Ủy ban nhân dân tỉnh về hoạt động khoa học và công nghệ; phát triển tiềm lực "
            "khoa học; tiêu chuẩn, đo lường, chất lượng sản phẩm, hàng hoá; sở hữu trí tuệ; ứng dụng năng "
            "lượng nguyên tử, an toàn bức xạ và hạt nhân. Sở có tư cách pháp nhân, con dấu và tài khoản "
            "riêng, chịu sự chỉ đạo về chuyên môn của Bộ Khoa học và Công nghệ.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Nhiệm vụ và quyền hạn", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Trình Ủy ban nhân dân tỉnh dự thảo quyết định, kế hoạch phát triển khoa học và công nghệ hằng năm "
            "và 5 năm; tổ chức thực hiện sau khi được phê duyệt.</li>"
            "<li>Quản lý các nhiệm vụ khoa học và công nghệ cấp tỉnh: tuyển chọn, giao trực tiếp, kiểm tra, "
            "đánh giá, nghiệm thu và công bố kết quả.</li>"
            "<li>Hướng dẫn, kiểm tra việc áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001 "
            "tại các cơ quan hành chính nhà nước, đến cấp xã.</li>"
            "<li>Giải quyết thủ tục hành chính thuộc thẩm quyền, đẩy mạnh cung cấp dịch vụ công trực tuyến "
            "toàn trình và một phần.</li>"
            "<li>Thực hiện cải cách hành chính, thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo và "
            "phòng, chống tham nhũng theo quy định.</li>"
            "</ul>"
        ),
    },
    ILLUSTRATIVE,
]

UNITS = [
    {
        "name": "Văn phòng Sở",
        "kind": UnitKind.OFFICE,
        "duties": "Tổng hợp, hành chính, tổ chức cán bộ, tài chính; đầu mối cải cách hành chính và bộ phận một cửa.",
        "head_name": "Trần Thị B (minh hoạ)",
        "head_title": "Chánh Văn phòng",
        "phone": "0233 3550 001",
        "email": "vanphong@example.gov.vn",
    },
    {
        "name": "Phòng Quản lý khoa học",
        "kind": UnitKind.OFFICE,
        "duties": "Nhiệm vụ khoa học và công nghệ cấp tỉnh, khoa học xã hội và nhân văn, hội đồng khoa học.",
        "head_name": "Lê Văn D (minh hoạ)",
        "head_title": "Trưởng phòng",
        "phone": "0233 3550 002",
        "email": "qlkh@example.gov.vn",
    },
    {
        "name": "Phòng Quản lý công nghệ và Sở hữu trí tuệ",
        "kind": UnitKind.OFFICE,
        "duties": "Chuyển giao công nghệ, đổi mới sáng tạo, sở hữu trí tuệ, an toàn bức xạ.",
        "head_name": "Phạm Thị E (minh hoạ)",
        "head_title": "Trưởng phòng",
        "phone": "0233 3550 003",
        "email": "qlcn@example.gov.vn",
    },
    {
        "name": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "kind": UnitKind.OFFICE,
        "duties": "Tiêu chuẩn, đo lường, chất lượng sản phẩm, hàng hoá; hướng dẫn áp dụng TCVN ISO 9001.",
        "head_name": "Hoàng Văn G (minh hoạ)",
        "head_title": "Chi cục trưởng",
        "phone": "0233 3550 004",
        "email": "tdc@example.gov.vn",
    },
    {
        "name": "Trung tâm Nghiên cứu, Chuyển giao công nghệ và Đổi mới sáng tạo",
        "kind": UnitKind.AFFILIATED,
        "duties": "Ứng dụng, chuyển giao công nghệ; hỗ trợ khởi nghiệp đổi mới sáng tạo; vận hành cổng thông tin của Sở.",
        "head_name": "Vũ Thị H (minh hoạ)",
        "head_title": "Giám đốc Trung tâm",
        "phone": "0233 3550 005",
        "email": "trungtam@example.gov.vn",
    },
]

LEADERS = [
    {
        "name": "Nguyễn Văn A (minh hoạ)",
        "slug": "giam-doc",
        "position": "Giám đốc Sở",
        "portfolio": "Lãnh đạo, điều hành chung; phụ trách tổ chức cán bộ, tài chính, cải cách hành chính, thanh tra. Phụ trách Văn phòng Sở.",
        "phone": "0233 3550 010",
        "email": "giamdoc@example.gov.vn",
        "colour": (11, 61, 145),
    },
    {
        "name": "Lê Thị B (minh hoạ)",
        "slug": "pho-giam-doc-khoa-hoc",
        "position": "Phó Giám đốc Sở",
        "portfolio": "Phụ trách quản lý khoa học, sở hữu trí tuệ và đổi mới sáng tạo; Phòng Quản lý khoa học, Phòng Quản lý công nghệ và Sở hữu trí tuệ.",
        "phone": "0233 3550 011",
        "email": "pgd.khoahoc@example.gov.vn",
        "colour": (0, 105, 92),
    },
    {
        "name": "Phạm Văn C (minh hoạ)",
        "slug": "pho-giam-doc-tieu-chuan",
        "position": "Phó Giám đốc Sở",
        "portfolio": "Phụ trách tiêu chuẩn, đo lường, chất lượng và chuyển đổi số; Chi cục Tiêu chuẩn Đo lường Chất lượng, Trung tâm Nghiên cứu, Chuyển giao công nghệ và Đổi mới sáng tạo.",
        "phone": "0233 3550 012",
        "email": "pgd.tieuchuan@example.gov.vn",
        "colour": (90, 24, 154),
    },
]

CONTACT = {
    "title": "Liên hệ",
    "slug": "lien-he",
    "intro": "Người dân, doanh nghiệp có thể đến trụ sở, gọi điện, gửi thư điện tử hoặc gửi câu hỏi, góp ý ngay trên trang này.",
    "address": "Số 1 đường Hùng Vương, thành phố tỉnh lỵ (địa chỉ minh hoạ)",
    "working_hours": "Thứ Hai đến Thứ Sáu: sáng 7:30–11:30, chiều 13:30–17:00.\nBộ phận một cửa nhận hồ sơ cả sáng Thứ Bảy.",
    "lines": [
        ("Văn phòng Sở", "0233 3550 001", "sokhcn@example.gov.vn"),
        (
            "Bộ phận một cửa (tiếp nhận hồ sơ thủ tục hành chính)",
            "0233 3550 020",
            "motcua.sokhcn@example.gov.vn",
        ),
        ("Đường dây nóng cải cách hành chính", "0233 3550 030", ""),
    ],
}


def draw_portrait(colour: tuple[int, int, int]) -> PILImage.Image:
    """A plain silhouette: head and shoulders on a tinted background (no face, no text)."""
    width, height = 480, 600
    background = tuple(int(channel * 0.25 + 255 * 0.75) for channel in colour)
    image = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([150, 110, 330, 310], fill=colour)
    draw.rounded_rectangle([70, 340, 410, 640], 120, fill=colour)
    return image


def portrait_for(spec: dict):
    images = get_image_model()
    title = f"Ảnh minh hoạ – {spec['name']}"
    existing = images.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    draw_portrait(spec["colour"]).save(buffer, format="JPEG", quality=85, optimize=True)
    buffer.seek(0)
    return images.objects.create(
        title=title,
        description=f"Ảnh chân dung minh hoạ của {spec['name']}",
        file=ImageFile(buffer, name=f"lanh-dao-{spec['slug']}.jpg"),
    )


def ensure_units_and_leaders() -> None:
    for order, spec in enumerate(UNITS):
        Unit.objects.get_or_create(name=spec["name"], defaults={**spec, "sort_order": order})
    for order, spec in enumerate(LEADERS):
        if Leader.objects.filter(slug=spec["slug"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if key != "colour"}
        Leader.objects.create(**fields, sort_order=order, portrait=portrait_for(spec))


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_about(home: HomePage) -> list:
    """The introduction under the home page, with its organisation and leadership pages; the units
    and leaders they list. Returns the pages created now (for the menu)."""
    ensure_units_and_leaders()
    created = []
    about = AboutPage.objects.first()
    if about is None:
        about = publish_child(
            home, AboutPage(title="Giới thiệu", slug="gioi-thieu", intro=ABOUT_INTRO, body=ABOUT_BODY)
        )
        created.append(about)
    if not OrganisationPage.objects.exists():
        publish_child(
            about,
            OrganisationPage(
                title="Cơ cấu tổ chức",
                slug="co-cau-to-chuc",
                intro="Lãnh đạo Sở, các phòng chuyên môn, chi cục và đơn vị sự nghiệp trực thuộc, với người đứng đầu và cách liên hệ.",
                body=[ILLUSTRATIVE],
            ),
        )
    if not LeadershipPage.objects.exists():
        publish_child(
            about,
            LeadershipPage(
                title="Lãnh đạo Sở",
                slug="lanh-dao",
                intro="Giám đốc và các Phó Giám đốc Sở, lĩnh vực mỗi người phụ trách và cách liên hệ.",
                body=[ILLUSTRATIVE],
            ),
        )
    return created


@transaction.atomic
def load_contact(home: HomePage) -> list:
    """The contact page under the home page; returns it in a list when created now."""
    if ContactPage.objects.exists():
        return []
    spec = {key: value for key, value in CONTACT.items() if key != "lines"}
    page = ContactPage(**spec)
    for order, (label, phone, email) in enumerate(CONTACT["lines"]):
        page.lines.add(ContactLine(label=label, phone=phone, email=email, sort_order=order))
    return [publish_child(home, page)]
