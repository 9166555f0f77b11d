from django.utils.translation import gettext as _

from accounts import permissions

from .models import Notification


def items(user):
    if not user.is_authenticated:
        return []
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    label = _("Thông báo (%(n)s)") % {"n": unread} if unread else _("Thông báo")
    items = [{"label": label, "url": "notifications:list", "section": "common", "icon": "bell"}]
    if permissions.is_office(user):
        items.append({"label": _("Thư đã gửi"), "url": "notifications:office", "section": "office"})
    return items
