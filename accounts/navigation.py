from django.utils.translation import gettext_lazy as _

from .permissions import is_office_admin


def items(user):
    if is_office_admin(user):
        return [
            {"label": _("Yêu cầu tài khoản"), "url": "accounts:request_list", "section": "office"},
            {"label": _("Tài khoản"), "url": "accounts:user_list", "section": "office"},
        ]
    return []
