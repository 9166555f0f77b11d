from django.utils.translation import gettext_lazy as _


def items(user):
    if user.is_authenticated:
        return [{"label": _("Thực hiện nhiệm vụ"), "url": "execution:index", "section": "common"}]
    return [{"label": _("Công khai thực hiện nhiệm vụ"), "url": "accountability:index", "section": "public"}]
