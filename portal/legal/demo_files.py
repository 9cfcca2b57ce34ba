"""PDF files for the demo and synthetic documents, drawn with Pillow (reportlab is not needed).

Each is one A4 page at 100 dpi with the heading a Vietnamese administrative document carries (issuer,
number, place and date, form, abstract) and a line saying it is a demonstration copy, not the
original. Text is drawn with DejaVu Sans when the system has it (it covers Vietnamese); otherwise with
Pillow's own font, without diacritics.
"""

import io
import textwrap
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model

from portal.transliteration import fold

PAGE = (827, 1169)  # A4 at 100 dpi
FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
]
BOLD_PATHS = [path.with_name("DejaVuSans-Bold.ttf") for path in FONT_PATHS]
NOTICE = "Bản trình diễn do cổng thông tin tạo ra để minh hoạ, không phải văn bản gốc."


def _font(paths, size):
    for path in paths:
        if path.exists():
            return ImageFont.truetype(str(path), size), True
    return ImageFont.load_default(size=size), False


def draw_pdf(*, issuer: str, number: str, place_date: str, form: str, abstract: str, body: str = "") -> bytes:
    """A one-page PDF laid out like the first page of an administrative document."""
    regular, unicode_ok = _font(FONT_PATHS, 18)
    bold, _ = _font(BOLD_PATHS, 22)
    title, _ = _font(BOLD_PATHS, 30)

    def text(value: str) -> str:
        return value if unicode_ok else fold(value).upper() if value.isupper() else fold(value)

    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    small_bold, _ = _font(BOLD_PATHS, 18)
    left, right = 200, 590  # the centres of the two heading columns
    for offset, line in enumerate(textwrap.wrap(issuer.upper(), 28)):
        draw.text((left, 60 + offset * 28), text(line), font=small_bold, fill=0, anchor="mm")
    draw.text((left, 130), text(f"Số: {number}"), font=regular, fill=0, anchor="mm")
    draw.text((right, 60), text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), font=small_bold, fill=0, anchor="mm")
    draw.text((right, 88), text("Độc lập - Tự do - Hạnh phúc"), font=small_bold, fill=0, anchor="mm")
    draw.text((right, 130), text(place_date), font=regular, fill=0, anchor="mm")
    draw.text((PAGE[0] // 2, 260), text(form.upper()), font=title, fill=0, anchor="mm")
    y = 310
    for line in textwrap.wrap(abstract, 60):
        draw.text((PAGE[0] // 2, y), text(line), font=bold, fill=0, anchor="mm")
        y += 34
    y += 40
    for paragraph in body.split("\n"):
        for line in textwrap.wrap(paragraph, 72):
            draw.text((80, y), text(line), font=regular, fill=0)
            y += 30
        y += 12
    draw.line((60, PAGE[1] - 110, PAGE[0] - 60, PAGE[1] - 110), fill=0, width=2)
    for offset, line in enumerate(textwrap.wrap(NOTICE, 70)):
        draw.text((60, PAGE[1] - 90 + offset * 28), text(line), font=regular, fill=0)
    buffer = io.BytesIO()
    page.convert("1").save(buffer, format="PDF", resolution=100.0)
    return buffer.getvalue()


def make_pdf(*, title: str, filename: str, **content) -> object:
    """The Wagtail document with this title, drawing and storing its PDF the first time."""
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    pdf = draw_pdf(**content)
    document = model(title=title, file_size=len(pdf))
    document.file.save(filename, ContentFile(pdf), save=False)
    document.save()
    return document
