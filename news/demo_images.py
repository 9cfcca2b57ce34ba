"""Pictures for the demo and synthetic articles, drawn with Pillow (no downloads, no text in them)."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = [
    ((11, 61, 145), (164, 22, 26), (245, 197, 24)),
    ((7, 42, 102), (46, 125, 50), (255, 255, 255)),
    ((90, 24, 154), (11, 61, 145), (255, 214, 0)),
    ((0, 105, 92), (230, 81, 0), (255, 243, 224)),
]


def draw_meeting(width: int, height: int, seed: int) -> PILImage.Image:
    """A stylised meeting room: a long table with people around it, under a banner."""
    rng = random.Random(seed)
    background, accent, light = PALETTES[seed % len(PALETTES)]
    image = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, height // 5], fill=accent)
    draw.rectangle([width // 10, height // 5 + 20, width - width // 10, height // 5 + 40], fill=light)
    table_top = int(height * 0.62)
    draw.rounded_rectangle(
        [width // 12, table_top, width - width // 12, table_top + height // 10], 18, fill=light
    )
    seats = rng.randint(5, 9)
    for seat in range(seats):
        x = width // 12 + (seat + 0.5) * (width - width // 6) / seats
        head = height // 16
        draw.ellipse([x - head, table_top - 3.2 * head, x + head, table_top - 1.2 * head], fill=light)
        draw.rounded_rectangle(
            [x - 1.6 * head, table_top - 1.1 * head, x + 1.6 * head, table_top], 10, fill=accent
        )
    return image


def draw_chart(width: int, height: int, seed: int) -> PILImage.Image:
    """A bar chart of made-up scores, for articles about index results."""
    rng = random.Random(seed)
    background, accent, light = PALETTES[seed % len(PALETTES)]
    image = PILImage.new("RGB", (width, height), light if light != (255, 255, 255) else (244, 246, 250))
    draw = ImageDraw.Draw(image)
    base = int(height * 0.88)
    bars = 8
    slot = (width * 0.84) / bars
    for bar in range(bars):
        value = rng.uniform(0.35, 0.95)
        x0 = width * 0.08 + bar * slot + slot * 0.15
        colour = accent if bar == seed % bars else background
        draw.rectangle([x0, base - value * height * 0.75, x0 + slot * 0.7, base], fill=colour)
    draw.line([width * 0.06, base, width * 0.94, base], fill=background, width=6)
    return image


DRAWINGS = {"meeting": draw_meeting, "chart": draw_chart}


def make_image(*, title: str, description: str, kind: str = "meeting", seed: int = 0, size=(1200, 675)):
    """Return the library image with this title, drawing and storing it the first time."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    picture = DRAWINGS[kind](*size, seed)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    buffer.seek(0)
    filename = f"demo-{kind}-{seed}.jpg"
    return image_model.objects.create(
        title=title, description=description, file=ImageFile(buffer, name=filename)
    )
