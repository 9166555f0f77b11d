from django.utils.translation import gettext_lazy as _

from accounts import permissions


def items(user):
    entries = [
        {"label": _("Đơn vị đầu mối"), "url": "organisations_public:directory", "section": "common"},
        {"label": _("Văn bản"), "url": "portal:documents", "section": "common"},
        {"label": _("Dữ liệu mở"), "url": "open_data:page", "section": "common"},
        {"label": _("Tìm kiếm tin bài"), "url": "portal:search", "section": "common"},
    ]
    if user.is_authenticated:
        entries.append({"label": _("Tin bài"), "url": "portal:manage", "section": "common"})
    if permissions.is_office(user):
        entries.append({"label": _("Thư liên hệ"), "url": "portal:inbox", "section": "office"})
    return entries
