from django.utils.translation import gettext as _

from accounts import permissions
from collection.models import EDITABLE
from core.vn import format_date

from . import selectors
from .models import ProgressReport


def cards(request):
    """The office: how many lines the watch list holds. A unit: its next progress report due."""
    user = request.user
    if permissions.is_office(user):
        watch = selectors.watch_list(user)
        count = sum(len(lines) for lines in watch.values())
        if not count:
            return []
        return [{"title": _("Thực hiện nhiệm vụ: cần theo dõi"), "url": "execution:index", "value": str(count),
                 "note": _("chậm mốc, quá hạn báo cáo, chưa phân bổ, chưa nghiệm thu")}]
    report = (permissions.scope(ProgressReport.objects.all(), user).filter(submission__status__in=EDITABLE,
                                                             task__closed_on__isnull=True)
              .select_related("submission__call", "task").order_by("submission__call__deadline").first())
    if report is None:
        return []
    return [{"title": report.title, "url": "execution:report", "args": [report.pk], "value": report.submission.get_status_display(),
             "note": _("%(task)s — hạn gửi %(d)s") % {"task": report.task.name, "d": format_date(report.due_on)}}]
