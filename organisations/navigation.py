from django.utils.translation import gettext_lazy as _

from accounts import permissions


def items(user):
    if permissions.is_office(user):
        return [{"label": _("Đơn vị và đầu mối"), "url": "organisations:list", "section": "office"}]
    unit = permissions.unit_of(user)
    if unit is not None:
        return [{"label": _("Đơn vị của tôi"), "url": "organisations:detail", "args": [unit.code], "section": "unit"}]
    return []
