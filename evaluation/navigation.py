from django.utils.translation import gettext_lazy as _


def items(user):
    if user.is_authenticated:
        return [{"label": _("Đánh giá chỉ tiêu"), "url": "evaluation:list", "section": "common"}]
    return []
