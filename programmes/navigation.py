from django.utils.translation import gettext_lazy as _


def items(user):
    if user.is_authenticated:
        return [{"label": _("Chương trình"), "url": "programmes:list", "section": "common"}]
    return []
