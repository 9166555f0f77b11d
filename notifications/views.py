from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_q.models import Failure

from accounts import permissions
from accounts.permissions import login_required, office_required
from organisations.models import Organisation
from rounds.models import Round

from . import letter, services
from .models import Delivery, DeliveryStatus, Notification

PAGE = 100


@login_required
def notification_list(request):
    notifications = request.user.notifications.select_related("delivery")[:PAGE]
    return render(request, "notifications/list.html", {
        "notifications": notifications, "unread": request.user.notifications.unread().count(),
    })


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification=notification)
    target = notification.link if request.POST.get("open") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect("notifications:list")


@office_required
def office(request):
    """The office's view of the machinery: e-mails that failed, failed jobs, the latest e-mails."""
    deliveries = Delivery.objects.select_related("notification__recipient", "notification__organisation")
    return render(request, "notifications/office.html", {
        "failed": deliveries.filter(status=DeliveryStatus.FAILED)[:PAGE],
        "waiting": deliveries.filter(status__in=(DeliveryStatus.PENDING, DeliveryStatus.SENDING)).count(),
        "retrying": deliveries.filter(status=DeliveryStatus.PENDING, attempts__gt=0)[:PAGE],
        "recent": deliveries[:30],
        "failed_jobs": Failure.objects.order_by("-stopped")[:30],
    })


@office_required
@require_POST
def retry(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        services.retry_delivery(delivery=delivery, user=request.user)
        messages.success(request, _("Thư sẽ được gửi lại trong ít phút."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/notifications/") else "notifications:office")


@office_required
def unit_log(request, code):
    """Everything the system told a unit's people, with each e-mail's fate."""
    organisation = get_object_or_404(Organisation, code=code)
    notifications = (Notification.objects.filter(organisation=organisation)
                     .select_related("recipient", "delivery", "round").order_by("-created_at", "-id")[:300])
    return render(request, "notifications/unit_log.html", {"organisation": organisation, "notifications": notifications})


def _visible_round(request, pk) -> Round:
    return get_object_or_404(permissions.scope(Round.objects.all(), request.user), pk=pk)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def round_letter(request, pk):
    round_obj = _visible_round(request, pk)
    return _download(letter.write_letter(letter.letter_data(round_obj)), letter.DOCX, letter.letter_filename(round_obj))


@login_required
def round_letter_zip(request, pk):
    round_obj = _visible_round(request, pk)
    return _download(letter.letter_zip(round_obj), "application/zip", f"cong-van-mo-dot-{round_obj.plan_year}-{round_obj.pk}.zip")
