"""Synthetic documents for load tests: many published documents, written straight to the tables.

Like the synthetic articles (`news/synthetic.py`), this writes page rows in bulk in the shape Wagtail
writes them (materialised paths, url_path, live, dates), so every document works as if an editor had
published it. Issuers are synthetic ones ("Đơn vị tổng hợp A"…), so no generated number can take a
real document's. A few documents replace or amend earlier ones, some have expired, some are not yet
in force. The search index is not updated: run `manage.py update_index` after.
"""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.caching.generation import purge
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
from portal.transliteration import ascii_slug

BATCH_SIZE = 1000
FILE_POOL = 6
ISSUERS = [(f"Đơn vị tổng hợp {letter}", f"TH{letter}") for letter in "ABCDE"]
FIELDS = ["Cải cách hành chính", "Khoa học và công nghệ", "Tài chính công", "Chuyển đổi số"]
SUBJECTS = [
    "Kế hoạch cải cách hành chính",
    "Kiểm tra công tác cải cách hành chính tại các đơn vị",
    "Công bố danh mục thủ tục hành chính",
    "Quy chế làm việc",
    "Triển khai dịch vụ công trực tuyến toàn trình",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Đánh giá, chấm điểm Chỉ số cải cách hành chính",
]


def step_code(number: int, length: int) -> str:
    """A child's position the way Wagtail's materialised path writes it (base 36, fixed width)."""
    alphabet = Page.alphabet
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    return digits.rjust(length, "0")


def generate_documents(*, count: int, seed: int = 2024, library: LegalLibraryPage | None = None) -> int:
    """Publish `count` synthetic documents in the library; return how many were created."""
    library = library or LegalLibraryPage.objects.order_by("path").first()
    rng = random.Random(seed)
    forms = [form for form in DocumentForm.objects.all() if form.abbreviation] or [
        DocumentForm.objects.create(name="Quyết định", slug="quyet-dinh", abbreviation="QĐ")
    ]
    issuers = [
        (Issuer.objects.get_or_create(name=name, defaults={"sort_order": 100})[0], code)
        for name, code in ISSUERS
    ]
    fields = [DocumentField.objects.get_or_create(name=name)[0] for name in FIELDS]
    files = [
        make_pdf(
            title=f"Văn bản tổng hợp mẫu {number}",
            filename=f"van-ban-tong-hop-{number}.pdf",
            issuer="Đơn vị tổng hợp",
            number=f"{number}/TH",
            place_date="Dữ liệu tổng hợp cho kiểm thử tải",
            form="Văn bản",
            abstract=rng.choice(SUBJECTS),
        )
        for number in range(1, FILE_POOL + 1)
    ]
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    locale_id = library.locale_id or Locale.get_default().pk
    created = 0
    while created < count:
        size = min(BATCH_SIZE, count - created)
        with transaction.atomic():
            library = LegalLibraryPage.objects.select_for_update().get(pk=library.pk)
            created += _write_batch(
                library, size, rng, forms, issuers, fields, files, content_type, locale_id
            )
    purge()  # written without Wagtail's publishing, which would have purged the cached pages
    return created


def _write_batch(library, size, rng, forms, issuers, fields, files, content_type, locale_id) -> int:
    now = timezone.now()
    today = timezone.localdate()
    first = library.numchild + 1
    specs, pages = [], []
    for position in range(first, first + size):
        form = rng.choice(forms)
        issuer, code = rng.choice(issuers)
        issued_on = today - datetime.timedelta(days=rng.randint(1, 365 * 15))
        number = numbers.parse(f"{position}/{form.abbreviation}-{code}")
        title = f"{form.name} {number.display}"
        slug = ascii_slug(f"{number.display.replace('/', ' ')} {issued_on.year}")
        published = timezone.make_aware(
            datetime.datetime.combine(issued_on, datetime.time(9))
        ) + datetime.timedelta(days=rng.randint(0, 10))
        published = min(published, now)
        specs.append((form, issuer, issued_on, number))
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=library.path + step_code(position, library.steplen),
                depth=library.depth + 1,
                numchild=0,
                url_path=f"{library.url_path}{slug}/",
                content_type=content_type,
                locale_id=locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                seo_title="",
                search_description="",
            )
        )
    Page.objects.bulk_create(pages)
    if any(page.pk is None for page in pages):  # backends that do not return ids from bulk inserts
        saved = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        for page in pages:
            page.pk = page.id = saved[page.path]

    attachments, relations = [], []
    previous_ids = []
    for page, (form, issuer, issued_on, number) in zip(pages, specs, strict=True):
        roll = rng.random()
        validity = Validity.IN_FORCE
        expires_on = effective_from = None
        if roll < 0.15:
            expires_on = issued_on + datetime.timedelta(days=rng.randint(30, 900))
        elif roll < 0.2:
            validity = Validity.PARTLY_EXPIRED
        elif roll < 0.22:
            effective_from = today + datetime.timedelta(days=rng.randint(1, 60))
        subject = rng.choice(SUBJECTS)
        document = LegalDocumentPage(
            page_ptr_id=page.pk,
            number=number.display,
            number_key=number.key,
            form=form,
            issuer=issuer,
            signer="Thủ trưởng đơn vị (dữ liệu tổng hợp)",
            issued_on=issued_on,
            effective_from=effective_from,
            expires_on=expires_on,
            validity=validity,
            field=rng.choice(fields),
            abstract=f"{subject} năm {issued_on.year} (văn bản tổng hợp số {page.pk} cho kiểm thử tải).",
            full_text=f"<p>{subject}. Nội dung tổng hợp phục vụ kiểm thử tải.</p>" if roll > 0.7 else "",
        )
        # Write only the document's own table: the page row above is its parent row.
        document.save_base(raw=True, force_insert=True)
        attachments.append(DocumentFile(page_id=page.pk, document=rng.choice(files), sort_order=0))
        if previous_ids and rng.random() < 0.04:
            kind = RelationKind.REPLACES if rng.random() < 0.5 else RelationKind.AMENDS
            relations.append(DocumentRelation(page_id=page.pk, target_id=rng.choice(previous_ids), kind=kind))
        previous_ids.append(page.pk)
    DocumentFile.objects.bulk_create(attachments)
    DocumentRelation.objects.bulk_create(relations)
    Page.objects.filter(pk=library.pk).update(numchild=library.numchild + len(pages))
    return len(pages)
