from django.utils.translation import gettext_lazy as _

from .models import AccountRequest, AccountRequestStatus
from .permissions import is_office_admin


def cards(request):
    if not is_office_admin(request.user):
        return []
    pending = AccountRequest.objects.filter(status=AccountRequestStatus.PENDING).count()
    return [{"title": _("Yêu cầu tài khoản chờ duyệt"), "value": pending, "url": "accounts:request_list"}]
