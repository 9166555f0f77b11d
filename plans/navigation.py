from django.utils.translation import gettext_lazy as _


def items(user):
    if user.is_authenticated:
        return [{"label": _("Kế hoạch"), "url": "plans:index", "section": "common"}]
    return []
