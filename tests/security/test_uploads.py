"""Uploads are editors' images and documents only, of known types and limited size
(WAGTAILIMAGES_EXTENSIONS/WAGTAILDOCS_EXTENSIONS and the max sizes in portal/settings/base.py),
checked by Wagtail's own upload forms in the admin."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.images.models import Image

import pytest

pytestmark = pytest.mark.django_db


def _png(size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (22, 58, 95)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, demo_users):
    """An administrator: the validation is the same for everyone allowed to upload (see
    test_portal_editor_may_upload for who is)."""
    client.force_login(demo_users["admin"])
    return client


def _rejected(response, model, before: int) -> None:
    assert response.status_code == 200, "the form is shown again with its error"
    assert model.objects.count() == before
    assert b"error" in response.content.lower()


def test_settings_limit_types_and_sizes(settings):
    assert set(settings.WAGTAILIMAGES_EXTENSIONS) == {"jpg", "jpeg", "png", "webp"}
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"exe", "html", "htm", "js", "svg"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 5 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("bilde.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("bilde.png.exe", b"MZ\x90\x00"),
    ],
)
def test_image_of_a_disallowed_type_is_rejected(editor_client, name, content):
    before = Image.objects.count()
    response = editor_client.post(
        "/admin/images/add/", {"title": "Forsøk", "file": SimpleUploadedFile(name, content)}
    )
    _rejected(response, Image, before)


def test_image_over_the_size_limit_is_rejected(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    before = Image.objects.count()
    response = editor_client.post(
        "/admin/images/add/", {"title": "Stort", "file": SimpleUploadedFile("stort.png", _png((64, 64)))}
    )
    _rejected(response, Image, before)


def test_allowed_image_is_accepted(editor_client):
    before = Image.objects.count()
    response = editor_client.post(
        "/admin/images/add/", {"title": "Logo", "file": SimpleUploadedFile("logo.png", _png())}
    )
    assert response.status_code == 302
    assert Image.objects.count() == before + 1


@pytest.mark.parametrize(
    ("name", "content"),
    [("program.exe", b"MZ\x90\x00"), ("side.html", b"<script>alert(1)</script>"), ("skript.js", b"alert(1)")],
)
def test_document_of_a_disallowed_type_is_rejected(editor_client, name, content):
    before = Document.objects.count()
    response = editor_client.post(
        "/admin/documents/add/", {"title": "Forsøk", "file": SimpleUploadedFile(name, content)}
    )
    _rejected(response, Document, before)


def test_document_over_the_size_limit_is_rejected(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    before = Document.objects.count()
    response = editor_client.post(
        "/admin/documents/add/", {"title": "Stor", "file": SimpleUploadedFile("notat.txt", b"x" * 100)}
    )
    _rejected(response, Document, before)


def test_allowed_document_is_accepted(editor_client):
    before = Document.objects.count()
    response = editor_client.post(
        "/admin/documents/add/", {"title": "Notat", "file": SimpleUploadedFile("notat.txt", b"Plan.\n")}
    )
    assert response.status_code == 302
    assert Document.objects.count() == before + 1


def test_uploads_need_the_permission(client, demo_users):
    """Bufdir has no admin access; a centre user has no image or document permission."""
    for username in ("bufdir", "kommune", "senter"):
        client.force_login(demo_users[username])
        before = Document.objects.count()
        client.post("/admin/documents/add/", {"title": "X", "file": SimpleUploadedFile("a.txt", b"x")})
        assert Document.objects.count() == before, username


@pytest.mark.parametrize("url", ["/admin/documents/add/", "/admin/images/add/"])
def test_portal_editor_may_upload(client, demo_users, url):
    client.force_login(demo_users["redaktor"])
    assert client.get(url).status_code == 200
