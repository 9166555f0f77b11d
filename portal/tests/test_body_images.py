"""Images in a post's body: uploaded with the post, and the only images the sanitiser lets through."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from portal import services
from portal.models import Category, Item

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OWN = "/media/public/portal/body/0123456789abcdef0123456789abcdef.png"


def _png(name="a.png"):
    return SimpleUploadedFile(name, PNG)


def test_sanitiser_keeps_images_uploaded_to_the_portal():
    clean = services.sanitise(f'<figure><img src="{OWN}" alt="Lò hơi" width="600"></figure>')
    assert clean == f'<figure><img src="{OWN}" alt="Lò hơi" width="600"></figure>'
    cover = "/media/public/portal/images/0123456789abcdef0123456789abcdef.jpg"
    assert f'src="{cover}"' in services.sanitise(f'<img src="{cover}" alt="">')


@pytest.mark.parametrize("src", [
    "https://evil.example/pixel.png",
    "http://evil.example/media/public/portal/body/0123456789abcdef0123456789abcdef.png",
    "//evil.example/media/public/portal/body/0123456789abcdef0123456789abcdef.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "/media/public/portal/body/../../private/plan.png",
    "/media/plans/0123456789abcdef0123456789abcdef.png",
    "/media/public/portal/files/0123456789abcdef0123456789abcdef.png",
    "/media/public/portal/body/0123456789abcdef0123456789abcdef.svg",
    "/accounts/logout/",
    f"{OWN}?x=1",
    f" {OWN}x",
])
def test_sanitiser_drops_other_image_sources(src):
    clean = services.sanitise(f'<p>x</p><img src="{src}" alt="a">')
    assert "src=" not in clean


def test_sanitiser_keeps_image_source_only_on_img():
    assert "src=" not in services.sanitise(f'<a href="https://moit.gov.vn" src="{OWN}">x</a>')


def _draft(world, role="unit_officer"):
    return services.write(user=world.user(role), organisation=world.unit, category=Category.NEWS, title="Tin ảnh")


def test_officer_uploads_an_image_and_uses_it_in_the_body(world):
    officer = world.user("unit_officer")
    item = _draft(world)
    image = services.add_image(user=officer, item=item, file=_png("../../x.png"), alt="Dây chuyền mới")
    assert image.file.name.startswith("public/portal/body/") and "x.png" not in image.file.name
    assert image.tag() == f'<img src="{image.file.url}" alt="Dây chuyền mới">'
    item = services.write(user=officer, organisation=world.unit, item=item, category=Category.NEWS, title="Tin ảnh",
                          body=f"<p>Ảnh:</p><figure>{image.tag()}</figure>")
    assert image.tag() in item.body


def test_image_upload_rules(world):
    item = _draft(world)
    officer = world.user("unit_officer")
    with pytest.raises(ValidationError):
        services.add_image(user=officer, item=item, file=SimpleUploadedFile("a.png", b"<svg onload=1>"), alt="x")
    with pytest.raises(ValidationError):
        services.add_image(user=officer, item=item, file=_png(), alt="  ")  # a text alternative is required
    with pytest.raises(PermissionDenied):
        services.add_image(user=world.user("other_officer"), item=item, file=_png(), alt="x")
    services.submit(user=officer, item=item)
    with pytest.raises(ValidationError):
        services.add_image(user=officer, item=item, file=_png(), alt="x")
    assert not item.images.exists()


def test_image_upload_through_the_edit_page(client, world):
    item = _draft(world)
    client.force_login(world.user("unit_officer"))
    url = reverse("portal:add_image", kwargs={"pk": item.pk})
    response = client.post(url, {"image-file": _png(), "image-alt": "Lò hơi tận dụng nhiệt"}, follow=True)
    image = item.images.get()
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("portal:edit", kwargs={"pk": item.pk})
    assert image.file.url in page and "Đã tải ảnh lên" in page
    assert escape(image.tag()) in page  # shown as text to copy, and in the insert button's data
    assert client.get(image.file.url).status_code == 200
    response = client.post(url, {"image-file": SimpleUploadedFile("b.png", b"GIF8"), "image-alt": "x"}, follow=True)
    assert "Loại tệp không được chấp nhận." in response.content.decode() and item.images.count() == 1


def test_published_post_shows_its_image_and_no_foreign_one(client, world):
    office = world.user("office_admin")
    item = services.write(user=office, organisation=world.office, category=Category.NEWS, title="Có ảnh")
    image = services.add_image(user=office, item=item, file=_png(), alt="Hội thảo")
    services.write(user=office, organisation=world.office, item=item, category=Category.NEWS, title="Có ảnh",
                   body=f'{image.tag()}<img src="https://tracker.example/p.gif" alt="t">')
    page = client.get(Item.objects.get(pk=item.pk).get_absolute_url()).content.decode()
    assert f'<img src="{image.file.url}" alt="Hội thảo">' in page and "tracker.example" not in page
