from django.db.models import Count
from django.utils.translation import gettext as _

from accounts import permissions

from .models import Status, Submission


def cards(request):
    """The office's review queue: how many sent submissions wait for it."""
    if not permissions.is_office(request.user):
        return []
    waiting = Submission.objects.filter(status=Status.SUBMITTED).aggregate(n=Count("pk"))["n"]
    return [{"title": _("Chờ xem xét"), "value": str(waiting), "note": _("bản gửi của các đơn vị"),
             "url": "collection:review_queue", "args": []}]
