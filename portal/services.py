"""Portal workflow: officers write, the office moderates. Every change keeps a Version."""
import re
from contextlib import ExitStack

import nh3
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions
from core import clock, uploads

from .models import BodyImage, Category, ContactMessage, Item, Status, Version

HOME_CACHE_KEY = "portal:home:latest"


def _published_changed():
    cache.delete(HOME_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(HOME_CACHE_KEY))  # again, in case a reader refilled it meanwhile

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "h2", "h3", "h4",
                "blockquote", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}



def _own_image_url():
    # Only images uploaded to the portal, under their generated names: no other host, no tracking pixels,
    # no data: URLs, no path tricks.
    media = re.escape(settings.MEDIA_URL)
    return re.compile(rf"^{media}public/portal/(?:body|images)/[0-9a-f]{{32}}\.(?:png|jpg|gif)$")


def _keep_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return value if _own_image_url().match(value) else None
    return value


def sanitise(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, attribute_filter=_keep_attribute,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def _version(item, user, comment=""):
    Version.objects.create(item=item, title=item.title, body=item.body, status=item.status, comment=comment,
                           by=user, at=clock.now())


@transaction.atomic
def write(*, user, organisation, category, title, body="", item=None, **fields) -> Item:
    """Create or edit a post. Unit people edit only their unit's posts; the office publishes its own."""
    office = permissions.is_office(user)
    if not (office or permissions.can_edit_unit_drafts(user, organisation)):
        raise PermissionDenied
    if item is not None:
        if item.organisation_id != organisation.pk:
            raise PermissionDenied
        if not office and item.status in (Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED):
            raise ValidationError(_("Bài đã gửi, không thể sửa."))
    else:
        item = Item(organisation=organisation, author=user)
    item.category, item.title, item.body = category, title, sanitise(body)
    file_kind = {Category.FILM: "video", Category.DOCUMENT: "document"}.get(category, "pdf")
    with ExitStack() as files:
        # Each new file is written first and removed again if the post is not saved: no orphan files.
        for name, kind in (("file", file_kind), ("cover", "image")):
            if fields.get(name):  # a new upload (False or None: cleared or unchanged, set below)
                upload = fields.pop(name)
                files.enter_context(uploads.stored(getattr(item, name), uploads.check(upload, kind=kind)))
        for name, value in fields.items():
            setattr(item, name, value)
        if office:
            item.status, item.published_at = Status.PUBLISHED, item.published_at or clock.now()
        else:
            item.status = Status.DRAFT
        item.save()
        _version(item, user)
    _published_changed()
    return item


def _check_editable(user, item):
    office = permissions.is_office(user)
    if not (office or permissions.can_edit_unit_drafts(user, item.organisation)):
        raise PermissionDenied
    if not office and item.status in (Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED):
        raise ValidationError(_("Bài đã gửi, không thể sửa."))


@transaction.atomic
def add_image(*, user, item, file, alt) -> BodyImage:
    """Upload an image for the body of `item` (checked like a cover); the body then refers to its URL."""
    _check_editable(user, item)
    if not (alt or "").strip():
        raise ValidationError(_("Cần mô tả nội dung ảnh."))
    image = BodyImage(item=item, file=uploads.check(file, kind="image"), alt=alt.strip(), uploaded_by=user,
                      uploaded_at=clock.now())
    image.save()
    return image


@transaction.atomic
def submit(*, user, item) -> Item:
    if not permissions.can_edit_unit_drafts(user, item.organisation):
        raise PermissionDenied
    if item.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(_("Chỉ gửi được bản nháp hoặc bài bị trả lại."))
    item.status = Status.SUBMITTED
    item.save()
    _version(item, user)
    return item


@transaction.atomic
def moderate(*, user, item, decision, comment="") -> Item:
    """decision: publish, return (needs a comment) or reject."""
    if not permissions.is_office(user):
        raise PermissionDenied
    if item.status != Status.SUBMITTED:
        raise ValidationError(_("Bài không ở trạng thái chờ duyệt."))
    if decision == "publish":
        item.status, item.published_at = Status.PUBLISHED, clock.now()
    elif decision == "return":
        if not comment.strip():
            raise ValidationError(_("Cần ghi ý kiến khi trả lại."))
        item.status = Status.RETURNED
    elif decision == "reject":
        item.status = Status.REJECTED
    else:
        raise ValidationError(_("Quyết định không hợp lệ."))
    item.moderation_comment = comment
    item.save()
    _published_changed()
    _version(item, user, comment)
    return item


def _contact_key(address: str) -> str:
    return f"contact:ip:{address or '-'}"


def _recent_contacts(address: str) -> list[float]:
    horizon = clock.now().timestamp() - settings.CONTACT_WINDOW
    return [moment for moment in cache.get(_contact_key(address), []) if moment > horizon]


@transaction.atomic
def send_contact_message(*, address: str, name: str, email: str, subject: str, message: str,
                         organisation: str = "") -> ContactMessage:
    """Store a message from the contact form for the office's inbox. Nothing is e-mailed anywhere (so the
    form cannot be used to send mail to an address someone types); at most CONTACT_LIMIT per address
    within CONTACT_WINDOW seconds."""
    recent = _recent_contacts(address)
    if len(recent) >= settings.CONTACT_LIMIT:
        raise ValidationError(_("Bạn đã gửi nhiều thư trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút.")
                              % {"minutes": settings.CONTACT_WINDOW // 60})
    stored = ContactMessage.objects.create(name=name.strip(), email=email.strip(), subject=subject.strip(),
                                           message=message.strip(), organisation=organisation.strip(),
                                           sent_at=clock.now())
    cache.set(_contact_key(address), recent + [clock.now().timestamp()], settings.CONTACT_WINDOW)
    return stored


@transaction.atomic
def mark_contact_handled(*, user, message: ContactMessage) -> ContactMessage:
    if not permissions.is_office(user):
        raise PermissionDenied
    if message.handled_at is None:
        message.handled_at, message.handled_by = clock.now(), user
        message.save(update_fields=["handled_at", "handled_by"])
    return message
