from django.utils.translation import gettext_lazy as _

from accounts import permissions

from .selectors import focal_unit_shares


def cards(request):
    if permissions.is_office(request.user):
        overall = focal_unit_shares()[-1]
        return [
            {
                "title": _("Đơn vị đã có đầu mối SXSH"),
                "value": f"{overall.with_focal_unit}/{overall.total}",
                "note": f"{overall.percent or 0}%".replace(".", ","),
                "url": "organisations:list",
            }
        ]
    unit = permissions.unit_of(request.user)
    if unit is None:
        return []
    focal = getattr(unit, "focal_unit", None)
    return [
        {
            "title": _("Đơn vị đầu mối SXSH"),
            "value": focal.get_status_display() if focal else _("Chưa khai báo"),
            "url": "organisations:detail",
            "args": [unit.code],
        }
    ]
