from django.utils.translation import gettext_lazy as _


def items(user):
    if user.is_authenticated:
        return [{"label": _("Đề xuất nhiệm vụ"), "url": "rounds:list", "section": "common"}]
    return [{"label": _("Đợt đề xuất đang mở"), "url": "rounds:public_list", "section": "public"}]
