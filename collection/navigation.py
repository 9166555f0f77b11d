from django.utils.translation import gettext_lazy as _

from accounts import permissions


def items(user):
    if permissions.is_office(user):
        return [{"label": _("Chờ xem xét"), "url": "collection:review_queue", "section": "office"}]
    return []
