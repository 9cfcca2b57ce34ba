"""Demo figures: what the seed pages published, completed by agencies invented for the demonstration.

Published facts used (see ../shared/reference/): Sở Khoa học và Công nghệ scored 83,45/100 in 2023,
1,92 points below 2022, ranked 13th of 18 provincial departments (down 7 places), with full scores in
institutional reform (6,5), organisation (7) and civil service (10), in Decision 57/QĐ-UBND of
25/01/2024; it offered 19 of its 55 procedures online. A Sở Xây dựng in another province published a
component table adding up to 75,61 next to a total of 72,32 (Khá), in Notice 568/TB-SXD of 26/03/2024.

Every other agency and figure is synthetic, and says so in its name and description. Loading is
idempotent: what exists is left alone.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from wagtail.models import Page

from indexes.importers.procedures import import_procedures
from indexes.models import (
    Agency,
    AgencyKind,
    ClassificationBand,
    Component,
    ComponentScore,
    IndexEdition,
    IndexesPage,
    IndexSeries,
    ProcedureList,
    Result,
    ServiceCount,
)
from portal.legal.models import LegalDocumentPage
from portal.legal.numbers import key_of

PROVINCE = "Tỉnh minh hoạ"
GROUP = "Sở, ban, ngành cấp tỉnh"
SYNTHETIC_NOTE = (
    "Cơ quan giả định, thêm vào để bảng xếp hạng trình diễn đủ 18 sở, ban, ngành. "
    "Mọi số liệu của cơ quan này là số liệu giả định, không phải kết quả công bố."
)
SYNTHETIC_SOURCE = "Số liệu giả định (trình diễn)"
OTHER_PROVINCE_AGENCY = "Sở Xây dựng (tỉnh khác)"
PUBLISHER = "UBND tỉnh"
# Another province ranks its departments under the same group name: its own series, never compared
# with this province's rankings.
OTHER_PROVINCE_PUBLISHER = "UBND một tỉnh khác"

KHCN = {
    "name": "Sở Khoa học và Công nghệ",
    "short_name": "Sở KH&CN",
    "slug": "so-khoa-hoc-va-cong-nghe",
    "description": (
        "Cơ quan chuyên môn của UBND tỉnh về khoa học, công nghệ và đổi mới sáng tạo. Điểm năm 2023 theo "
        "Quyết định số 57/QĐ-UBND ngày 25/01/2024; các năm khác và điểm thành phần chưa công bố là giả định."
    ),
}
SYNTHETIC_DEPARTMENTS = [
    ("Sở Nội vụ", "SNV"),
    ("Sở Tư pháp", "STP"),
    ("Sở Tài chính", "STC"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("Sở Công Thương", "SCT"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN&PTNT"),
    ("Sở Giao thông vận tải", "SGTVT"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Tài nguyên và Môi trường", "STN&MT"),
    ("Sở Thông tin và Truyền thông", "STT&TT"),
    ("Sở Lao động – Thương binh và Xã hội", "SLĐ-TB&XH"),
    ("Sở Văn hoá, Thể thao và Du lịch", "SVHTT&DL"),
    ("Sở Giáo dục và Đào tạo", "SGD&ĐT"),
    ("Sở Y tế", "SYT"),
    ("Thanh tra tỉnh", "TTT"),
    ("Văn phòng UBND tỉnh", "VP UBND"),
    ("Ban Dân tộc", "BDT"),
]

FRAMEWORK_2022 = [
    ("Công tác chỉ đạo, điều hành cải cách hành chính", "9"),
    ("Cải cách thể chế", "6.5"),
    ("Cải cách thủ tục hành chính", "12.5"),
    ("Cải cách tổ chức bộ máy hành chính", "7"),
    ("Cải cách chế độ công vụ", "10"),
    ("Cải cách tài chính công", "8"),
    ("Xây dựng chính quyền điện tử, chính quyền số", "12"),
    ("Tác động của cải cách hành chính (điều tra xã hội học)", "35"),
]
# The 2021 framework still had "modernising administration" where later ones have digital government.
FRAMEWORK_2021 = [*FRAMEWORK_2022[:6], ("Hiện đại hoá hành chính", "12"), FRAMEWORK_2022[7]]
BANDS = [("Rất tốt", "90"), ("Tốt", "80"), ("Khá", "70"), ("Trung bình", "60"), ("Yếu", "0")]

# Sở KH&CN's published 2023 components (three at their maximum); the remaining ones are synthetic but
# add up, with the three, to the published 83,45.
KHCN_2023_COMPONENTS = ["8.25", "6.5", "10.9", "7", "10", "6.8", "10.5", "23.5"]

# Indexes of the 17 synthetic departments, in SYNTHETIC_DEPARTMENTS order. 2023 puts twelve above Sở
# KH&CN's 83,45 (so it ranks 13th) with a tie at 90,02; 2022 puts five above its 85,37 (6th).
SYNTHETIC_INDEXES = {
    2021: [
        "86.12",
        "79.40",
        "84.75",
        "88.30",
        "81.02",
        "77.65",
        "80.90",
        "83.58",
        "75.20",
        "82.44",
        "78.81",
        "85.96",
        "73.10",
        "81.33",
        "79.05",
        "87.47",
        "70.64",
    ],
    2022: [
        "89.75",
        "83.12",
        "86.10",
        "91.20",
        "82.47",
        "78.10",
        "84.55",
        "85.02",
        "76.95",
        "83.90",
        "80.36",
        "88.04",
        "71.82",
        "81.80",
        "79.44",
        "87.66",
        "74.30",
    ],
    2023: [
        "90.02",
        "85.88",
        "89.50",
        "92.14",
        "84.60",
        "79.85",
        "87.12",
        "86.40",
        "77.42",
        "85.03",
        "82.76",
        "90.02",
        "74.18",
        "84.10",
        "81.30",
        "88.71",
        "87.95",
    ],
}
EDITIONS = [
    {
        "year": 2023,
        "slug": "chi-so-cchc-2023",
        "title": "Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành",
        "decision_number": "57/QĐ-UBND",
        "decision_date": datetime.date(2024, 1, 25),
        "framework": FRAMEWORK_2022,
        "khcn": ("83.45", 13),
    },
    {
        "year": 2022,
        "slug": "chi-so-cchc-2022",
        "title": "Chỉ số cải cách hành chính năm 2022 của các sở, ban, ngành",
        "decision_number": "Quyết định năm 2023 (số hiệu giả định)",
        "decision_date": None,
        "framework": FRAMEWORK_2022,
        "khcn": ("85.37", 6),
    },
    {
        "year": 2021,
        "slug": "chi-so-cchc-2021",
        "title": "Chỉ số cải cách hành chính năm 2021 của các sở, ban, ngành",
        "decision_number": "Quyết định năm 2022 (số hiệu giả định)",
        "decision_date": None,
        "framework": FRAMEWORK_2021,
        "khcn": ("82.10", None),
    },
]
METHODOLOGY = (
    "<p>Chấm theo phương pháp của Quyết định 876/QĐ-BNV: thang điểm 100, gồm phần tự đánh giá được Hội "
    "đồng thẩm định xem xét và phần điều tra xã hội học. Chỉ số là điểm đạt được chia cho điểm tối đa áp "
    "dụng; thứ hạng do cổng tự tính từ chỉ số, các chỉ số bằng nhau cùng hạng.</p>"
    "<p>Dữ liệu trình diễn: chỉ điểm của Sở Khoa học và Công nghệ năm 2023 là số liệu công bố; các cơ quan "
    "ghi “giả định” và các năm khác là số liệu giả định.</p>"
)

SXD_COMPONENTS = [
    ("Công tác chỉ đạo điều hành cải cách hành chính", "15.5", "12.23"),
    ("Cải cách thể chế", "14", "10"),
    ("Cải cách thủ tục hành chính", "17.5", "10.86"),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", "10", "9"),
    ("Cải cách chế độ công vụ", "12", "11"),
    ("Cải cách tài chính công", "11", "7.41"),
    ("Xây dựng và phát triển chính quyền điện tử, chính quyền số", "20", "15.11"),
]


def load_indexes(home_page: Page) -> IndexesPage:
    """Create the reform-index section and its demo figures under the home page (idempotent)."""
    with transaction.atomic():
        section = ensure_section(home_page)
        khcn = ensure_agency(**KHCN, kind=AgencyKind.DEPARTMENT, province=PROVINCE)
        synthetic = [
            ensure_agency(
                name=f"{name} (giả định)",
                short_name=f"{short} (giả định)",
                kind=AgencyKind.DEPARTMENT,
                province=PROVINCE,
                description=SYNTHETIC_NOTE,
            )
            for name, short in SYNTHETIC_DEPARTMENTS
        ]
        for spec in EDITIONS:
            load_edition(spec, khcn, synthetic)
        load_other_province_table()
        load_draft_edition(khcn)
        load_service_counts(khcn)
        load_procedure_list(synthetic[1])
    return section


def ensure_section(home_page: Page) -> IndexesPage:
    existing = IndexesPage.objects.child_of(home_page).first()
    if existing:
        return existing
    section = IndexesPage(
        title="Chỉ số cải cách hành chính",
        slug="chi-so-cai-cach-hanh-chinh",
        intro=(
            "Kết quả Chỉ số CCHC của các sở, ban, ngành qua các năm: điểm từng lĩnh vực so với điểm tối đa, "
            "thứ hạng, xếp loại và mức tăng giảm; số thủ tục hành chính được cung cấp trực tuyến. "
            "Mọi bảng đều tải về được dưới dạng CSV, XLSX và JSON."
        ),
    )
    home_page.add_child(instance=section)
    section.save_revision().publish()
    return section


def ensure_agency(*, name: str, **fields) -> Agency:
    agency, _ = Agency.objects.get_or_create(name=name, defaults=fields)
    return agency


def ensure_edition(
    *, slug: str, framework, publisher: str = PUBLISHER, group: str = GROUP, **fields
) -> tuple[IndexEdition, bool]:
    """The edition of this slug; created as a draft in the series of `publisher` and `group` if missing."""
    edition = IndexEdition.objects.filter(slug=slug).first()
    if edition:
        return edition, False
    series = IndexSeries.named(publisher, group)
    edition = IndexEdition(slug=slug, series=series, **fields)
    for position, (name, maximum) in enumerate(framework):
        edition.components.add(Component(name=name, maximum=Decimal(maximum), sort_order=position))
    for position, (name, minimum) in enumerate(BANDS if publisher == PUBLISHER else []):
        edition.bands.add(ClassificationBand(name=name, min_index=Decimal(minimum), sort_order=position))
    edition.live = False
    edition.save()
    return edition, True


def load_edition(spec: dict, khcn: Agency, synthetic: list[Agency]) -> None:
    edition, created = ensure_edition(
        slug=spec["slug"],
        framework=spec["framework"],
        title=spec["title"],
        year=spec["year"],
        decision_number=spec["decision_number"],
        decision_date=spec["decision_date"],
        decision_issuer=PUBLISHER,
        methodology=METHODOLOGY,
    )
    if not created:
        return
    khcn_index, khcn_rank = spec["khcn"]
    result = Result.objects.create(
        edition=edition,
        agency=khcn,
        points=Decimal(khcn_index),
        index_value=Decimal(khcn_index),
        published_rank=khcn_rank,
    )
    if spec["year"] == 2023:
        for component, points in zip(edition.components.all(), KHCN_2023_COMPONENTS, strict=True):
            ComponentScore.objects.create(result=result, component=component, points=Decimal(points))
    for agency, index_text in zip(synthetic, SYNTHETIC_INDEXES[spec["year"]], strict=True):
        value = Decimal(index_text)
        if spec["year"] == 2021 and agency.short_name.startswith("BDT"):
            # Criteria that did not apply lowered the applicable maximum: 68,32 of 84 points is 81,33 %.
            Result.objects.create(
                edition=edition,
                agency=agency,
                points=Decimal("68.32"),
                applicable_maximum=Decimal("84"),
                index_value=Decimal("81.33"),
            )
            continue
        Result.objects.create(edition=edition, agency=agency, points=value, index_value=value)
    edition.save_revision().publish()


def load_other_province_table() -> None:
    """Sở Xây dựng's component table from another province, published with a total that differs."""
    agency = ensure_agency(
        name=OTHER_PROVINCE_AGENCY,
        short_name="SXD tỉnh khác",
        kind=AgencyKind.DEPARTMENT,
        province="Một tỉnh khác",
        description=(
            "Bảng điểm thành phần năm 2023 theo Thông báo 568/TB-SXD ngày 26/03/2024 của Sở Xây dựng một tỉnh "
            "khác, đưa vào để minh hoạ bảng điểm có điểm tối đa từng lĩnh vực khác với tỉnh này."
        ),
    )
    edition, created = ensure_edition(
        slug="so-xay-dung-tinh-khac-2023",
        framework=[(name, maximum) for name, maximum, _ in SXD_COMPONENTS],
        title="Chỉ số CCHC năm 2023 của Sở Xây dựng (tỉnh khác)",
        year=2023,
        publisher=OTHER_PROVINCE_PUBLISHER,
        decision_number="Thông báo 568/TB-SXD",
        decision_date=datetime.date(2024, 3, 26),
        decision_issuer="Sở Xây dựng (tỉnh khác)",
        methodology=(
            "<p>Bảng điểm do Hội đồng thẩm định chấm, như Sở công bố. Tổng điểm công bố (72,32) khác tổng các "
            "điểm thành phần (75,61); cổng giữ nguyên cả hai như công bố và đánh dấu sự khác biệt.</p>"
        ),
    )
    if not created:
        return
    for position, (name, minimum) in enumerate(BANDS):
        ClassificationBand.objects.create(
            edition=edition, name=name, min_index=Decimal(minimum), sort_order=position
        )
    result = Result.objects.create(
        edition=edition,
        agency=agency,
        points=Decimal("72.32"),
        index_value=Decimal("72.32"),
        note=(
            "Thông báo công bố tổng 72,32 điểm, xếp loại Khá, trong khi các điểm thành phần cộng lại 75,61; "
            "thông báo không giải thích chênh lệch."
        ),
    )
    for component, (_, _, points) in zip(edition.components.all(), SXD_COMPONENTS, strict=True):
        ComponentScore.objects.create(result=result, component=component, points=Decimal(points))
    edition.save_revision().publish()


def load_draft_edition(khcn: Agency) -> None:
    """A 2024 edition still being entered: visible in the admin, on no public page."""
    edition, created = ensure_edition(
        slug="chi-so-cchc-2024",
        framework=FRAMEWORK_2022,
        title="Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành (đang nhập liệu)",
        year=2024,
        decision_issuer=PUBLISHER,
    )
    if created:
        Result.objects.create(
            edition=edition, agency=khcn, points=Decimal("86.20"), index_value=Decimal("86.20")
        )
        edition.save_revision()


def load_service_counts(khcn: Agency) -> None:
    counts = [
        {
            "as_of": datetime.date(2023, 12, 31),
            "period_label": "Năm 2023",
            "total_procedures": 55,
            "online_procedures": 19,
            "source": "Báo cáo tại Hội nghị CCHC năm 2024 của Sở (tháng 4/2024)",
        },
        {
            "as_of": datetime.date(2021, 12, 31),
            "period_label": "Năm 2021",
            "total_procedures": 58,
            "level_3": 9,
            "level_4": 4,
            "files_received": 812,
            "files_early": 401,
            "files_on_time": 398,
            "files_late": 6,
            "source": SYNTHETIC_SOURCE,
        },
        {
            "as_of": datetime.date(2024, 6, 30),
            "period_label": "6 tháng đầu năm 2024",
            "total_procedures": 55,
            "fully_online": 14,
            "partly_online": 9,
            "files_received": 640,
            "files_early": 395,
            "files_on_time": 236,
            "files_late": 4,
            "source": SYNTHETIC_SOURCE,
        },
    ]
    for fields in counts:
        if not ServiceCount.objects.filter(agency=khcn, as_of=fields["as_of"]).exists():
            count = ServiceCount.objects.create(agency=khcn, live=False, **fields)
            count.save_revision().publish()


PROCEDURES_SAMPLE = Path(__file__).parent / "samples" / "thu-tuc-mau.csv"


def load_procedure_list(agency: Agency) -> None:
    """A published list of ten procedures for an invented department (the import's template), so its
    online count is derived from the list while Sở KH&CN's 19/55 stays as typed, labelled as such."""
    if ProcedureList.objects.filter(agency=agency).exists():
        return
    with PROCEDURES_SAMPLE.open("rb") as file:
        report = import_procedures(
            agency=agency,
            file=file,
            filename=PROCEDURES_SAMPLE.name,
            as_of=datetime.date(2024, 6, 30),
            source="Danh sách giả định (trình diễn), theo mẫu nhập thủ tục của cổng",
            publish=True,
        )
    if not report.ok:
        raise RuntimeError("; ".join(report.messages()))


# Editions whose decision is in the demo document library: (edition slug, decision number, year issued).
EDITION_DECISIONS = [
    ("chi-so-cchc-2023", "57/QĐ-UBND", 2024),
    ("so-xay-dung-tinh-khac-2023", "568/TB-SXD", 2024),
]


def link_editions_to_documents() -> int:
    """Point the demo editions' decisions at their documents in the library, where not done yet.

    Run after the library's demo (`portal.legal.demo_content.load_legal`); returns how many it linked.
    """
    linked = 0
    for slug, number, year in EDITION_DECISIONS:
        edition = IndexEdition.objects.filter(slug=slug, decision_legal_document__isnull=True).first()
        document = (
            LegalDocumentPage.objects.live().filter(number_key=key_of(number), issued_on__year=year).first()
        )
        if edition is None or document is None:
            continue
        with transaction.atomic():
            edition.decision_legal_document = document
            edition.save_revision().publish()
        linked += 1
    return linked
