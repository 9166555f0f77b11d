from django.utils.translation import gettext_lazy as _


def items(user):
    entries = [{"label": _("Tìm kiếm tin bài"), "url": "portal:search", "section": "common"}]
    if user.is_authenticated:
        entries.append({"label": _("Tin bài"), "url": "portal:manage", "section": "common"})
    return entries
