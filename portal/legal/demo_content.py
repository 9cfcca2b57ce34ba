"""Demo library: the documents the seed pages cite, with short original abstracts and drawn PDF files.

Numbers, dates and issuers are the public facts the seed pages give (shared/reference); abstracts and
summaries are the project's own words, and each file says it is a demonstration copy. One document is
invented to show how documents amend one another; it says so. Signers are placeholders, labelled as
such. Every function adds what is missing and leaves the rest alone, so the demo loads again and
again without duplicating anything or undoing an editor's changes.
"""

import datetime

from django.db import transaction

from portal.legal import numbers
from portal.legal.demo_files import make_pdf
from portal.legal.models import (
    DocumentField,
    DocumentFile,
    DocumentForm,
    DocumentRelation,
    Issuer,
    LegalDocumentPage,
    LegalLibraryPage,
    RelationKind,
    Validity,
)

LIBRARY = {
    "title": "Hệ thống văn bản",
    "slug": "van-ban",
    "intro": (
        "Văn bản Sở ban hành và văn bản của cấp trên mà Sở áp dụng: số, ký hiệu, ngày ban hành, hiệu lực, "
        "trích yếu và tệp văn bản để tải về."
    ),
}
UBND = "Ủy ban nhân dân tỉnh"
KHCN = "Sở Khoa học và Công nghệ"
SXD = "Sở Xây dựng (tỉnh khác)"
BNV = "Bộ Nội vụ"
ISSUERS = [
    (UBND, "ubnd-tinh"),
    (KHCN, "so-khoa-hoc-va-cong-nghe"),
    (SXD, "so-xay-dung-tinh-khac"),
    (BNV, "bo-noi-vu"),
]
CCHC = "Cải cách hành chính"
FIELDS = [(CCHC, "cai-cach-hanh-chinh"), ("An toàn bức xạ và hạt nhân", "an-toan-buc-xa-va-hat-nhan")]
SIGNER = "{role} (tên minh hoạ)"
END_2024 = datetime.date(2024, 12, 31)

DOCUMENTS = [
    {
        "number": "876/QĐ-BNV",
        "form": "Quyết định",
        "issuer": BNV,
        "signer": SIGNER.format(role="Thứ trưởng Bộ Nội vụ"),
        "issued_on": datetime.date(2022, 11, 10),
        "field": CCHC,
        "abstract": (
            "Phê duyệt phương pháp xác định Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ và "
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương, áp dụng giai đoạn 2022–2030."
        ),
        "full_text": (
            "<p><b>Tóm tắt nội dung chính</b> (biên soạn cho cổng trình diễn, không phải toàn văn).</p>"
            "<ul><li>Chỉ số chấm trên thang 100 điểm; chỉ số là tỷ lệ giữa điểm đạt được và điểm tối đa áp "
            "dụng, chỉ số từng lĩnh vực tính theo cùng cách.</li>"
            "<li>Cơ quan tự đánh giá kèm tài liệu kiểm chứng; hội đồng thẩm định chấp nhận hoặc điều chỉnh "
            "từng điểm; điều tra xã hội học chiếm 31,5/100 điểm ở cấp bộ.</li>"
            "<li>Cấp bộ có 7 lĩnh vực, 38 tiêu chí, 97 tiêu chí thành phần; cấp tỉnh thêm lĩnh vực thứ tám về "
            "tác động của cải cách.</li></ul>"
        ),
    },
    {
        "number": "2731/UBND-KGVX",
        "form": "Công văn",
        "issuer": UBND,
        "signer": SIGNER.format(role="Phó Chủ tịch UBND tỉnh"),
        "issued_on": datetime.date(2023, 6, 6),
        "field": "An toàn bức xạ và hạt nhân",
        "abstract": (
            "Về việc kiểm tra, đánh giá định kỳ các cơ sở được cấp giấy phép tiến hành công việc bức xạ sử "
            "dụng thiết bị X-quang chẩn đoán trong y tế."
        ),
    },
    {
        "number": "97/KH-SKHCN",
        "form": "Kế hoạch",
        "issuer": KHCN,
        "signer": SIGNER.format(role="Giám đốc Sở"),
        "issued_on": datetime.date(2023, 12, 28),
        "expires_on": END_2024,
        "field": CCHC,
        "abstract": "Cải cách hành chính năm 2024 của Sở Khoa học và Công nghệ.",
    },
    {
        "number": "2554/KH-SKHCN",
        "form": "Kế hoạch",
        "issuer": KHCN,
        "signer": SIGNER.format(role="Giám đốc Sở"),
        "issued_on": datetime.date(2023, 12, 30),
        "expires_on": END_2024,
        "field": CCHC,
        "abstract": "Khắc phục tồn tại của năm 2023 và nâng cao Chỉ số cải cách hành chính của Sở năm 2024.",
    },
    {
        "number": "57/QĐ-UBND",
        "form": "Quyết định",
        "issuer": UBND,
        "signer": SIGNER.format(role="Chủ tịch UBND tỉnh"),
        "issued_on": datetime.date(2024, 1, 25),
        "field": CCHC,
        "abstract": "Công bố kết quả Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành cấp tỉnh.",
        "full_text": (
            "<p><b>Tóm tắt nội dung chính</b> (biên soạn cho cổng trình diễn, không phải toàn văn).</p>"
            "<p>Căn cứ phương pháp tại Quyết định 876/QĐ-BNV, Ủy ban nhân dân tỉnh công bố điểm và thứ hạng "
            "Chỉ số cải cách hành chính năm 2023 của 18 sở, ban, ngành. Sở Khoa học và Công nghệ đạt 83,45/100 "
            "điểm, xếp thứ 13/18; ba lĩnh vực đạt điểm tối đa: cải cách thể chế, tổ chức bộ máy và chế độ công "
            "vụ.</p>"
        ),
    },
    {
        "number": "30/KH-SKHCN",
        "form": "Kế hoạch",
        "issuer": KHCN,
        "signer": SIGNER.format(role="Phó Giám đốc Sở"),
        "issued_on": datetime.date(2024, 3, 15),
        "expires_on": END_2024,
        "field": CCHC,
        "abstract": (
            "Sửa đổi, bổ sung nhiệm vụ của Kế hoạch 97/KH-SKHCN về cải cách hành chính năm 2024 (văn bản giả "
            "định, đưa vào để minh hoạ quan hệ sửa đổi giữa các văn bản)."
        ),
        "relations": [(RelationKind.AMENDS, "97/KH-SKHCN", "Mục II, nhiệm vụ 3 và 5")],
    },
    {
        "number": "568/TB-SXD",
        "form": "Thông báo",
        "issuer": SXD,
        "signer": SIGNER.format(role="Giám đốc Sở Xây dựng"),
        "issued_on": datetime.date(2024, 3, 26),
        "field": CCHC,
        "abstract": (
            "Kết luận cuộc họp bàn giải pháp cải thiện, nâng cao Chỉ số cải cách hành chính của Sở Xây dựng "
            "năm 2024."
        ),
    },
    {
        "number": "1820/QĐ-UBND",
        "form": "Quyết định",
        "issuer": UBND,
        "signer": SIGNER.format(role="Chủ tịch UBND tỉnh"),
        "issued_on": datetime.date(2024, 7, 24),
        "expires_on": datetime.date(2025, 12, 31),
        "field": CCHC,
        "abstract": (
            "Ban hành Quy định tiêu chí đánh giá, chấm điểm Chỉ số cải cách hành chính các cơ quan chuyên môn, "
            "Ủy ban nhân dân cấp huyện và cấp xã trên địa bàn tỉnh giai đoạn 2024–2025."
        ),
    },
    {
        "number": "75/KH-SKHCN",
        "form": "Kế hoạch",
        "issuer": KHCN,
        "signer": SIGNER.format(role="Giám đốc Sở"),
        "issued_on": datetime.date(2024, 7, 31),
        "expires_on": END_2024,
        "field": CCHC,
        "abstract": "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị thuộc Sở năm 2024.",
    },
]


def ensure_lists() -> None:
    for order, (name, slug) in enumerate(ISSUERS):
        Issuer.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (name, slug) in enumerate(FIELDS):
        DocumentField.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


@transaction.atomic
def ensure_library(home) -> LegalLibraryPage:
    library = LegalLibraryPage.objects.child_of(home).first()
    if library is None:
        library = home.add_child(instance=LegalLibraryPage(**LIBRARY))
        library.save_revision().publish()
    return library


def place_and_date(spec: dict) -> str:
    day = spec["issued_on"]
    place = "Hà Nội" if spec["issuer"] == BNV else "Tỉnh lỵ"
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


@transaction.atomic
def ensure_document(library: LegalLibraryPage, spec: dict) -> LegalDocumentPage:
    """Create and publish one demo document unless the library has it (same number, issuer, year)."""
    issuer = Issuer.objects.get(name=spec["issuer"])
    key = numbers.parse(spec["number"]).key
    existing = (
        LegalDocumentPage.objects.child_of(library)
        .filter(number_key=key, issuer=issuer, issued_on__year=spec["issued_on"].year)
        .first()
    )
    if existing:
        return existing
    form = DocumentForm.objects.get(name=spec["form"])
    document = LegalDocumentPage(
        number=spec["number"],
        form=form,
        issuer=issuer,
        signer=spec["signer"],
        issued_on=spec["issued_on"],
        effective_from=spec.get("effective_from"),
        expires_on=spec.get("expires_on"),
        validity=spec.get("validity", Validity.IN_FORCE),
        field=DocumentField.objects.filter(name=spec["field"]).first(),
        abstract=spec["abstract"],
        full_text=spec.get("full_text", ""),
    )
    pdf = make_pdf(
        title=f"{form.name} {spec['number']} (bản trình diễn)",
        filename=f"{key.replace('/', '-')}-{spec['issued_on'].year}.pdf",
        issuer=issuer.name,
        number=numbers.parse(spec["number"]).display,
        place_date=place_and_date(spec),
        form=form.name,
        abstract=spec["abstract"],
    )
    document.files = [DocumentFile(document=pdf)]
    library.add_child(instance=document)
    document.save_revision().publish()
    return document


@transaction.atomic
def ensure_relations(library: LegalLibraryPage) -> None:
    """The demo relations between documents, on the document that states them, if missing."""
    for spec in DOCUMENTS:
        for kind, target_number, note in spec.get("relations", []):
            source = (
                LegalDocumentPage.objects.child_of(library)
                .filter(number_key=numbers.key_of(spec["number"]))
                .first()
            )
            target = (
                LegalDocumentPage.objects.child_of(library)
                .filter(number_key=numbers.key_of(target_number))
                .first()
            )
            if source is None or target is None or source.relations.filter(target=target).exists():
                continue
            source.relations.add(DocumentRelation(kind=kind, target=target, note=note))
            source.save_revision().publish()


def load_legal(home) -> int:
    """Load the demo library under the home page; return how many demo documents it holds."""
    ensure_lists()
    library = ensure_library(home)
    documents = [ensure_document(library, spec) for spec in DOCUMENTS]
    ensure_relations(library)
    return len(documents)
