"""Upload limits: oversized files and decompression bombs are refused with a clear message."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model


def png_bytes(width: int, height: int, noise: bool = False) -> bytes:
    if noise:
        image = PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = PILImage.new("L", (width, height), color=255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type="image/png")},
    )


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100 * 1024)
def test_an_image_over_the_size_limit_is_refused_and_nothing_is_stored(admin_client):
    response = upload(admin_client, "anh-qua-lon.png", png_bytes(300, 300, noise=True))

    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=40_000_000)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin_client):
    bomb = png_bytes(8000, 8000)  # 64 million pixels in a file of a few hundred kilobytes
    assert len(bomb) < 1024 * 1024

    response = upload(admin_client, "bom-giai-nen.png", bomb)

    assert response.status_code == 200
    [message] = response.context["form"].errors["file"]
    assert "64000000" in message.replace(".", "").replace(",", "")
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
def test_an_ordinary_photo_is_accepted(admin_client):
    response = upload(admin_client, "hoi-nghi.png", png_bytes(640, 480))

    assert response.status_code == 302
    assert get_image_model().objects.get().width == 640
