from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.permissions import login_required, office_required
from core.forms import flash_service_error

from . import kinds, queue, sending
from .models import Submission


@office_required
def review_queue(request):
    queue_filter = queue.QueueFilter.from_query(request.GET)
    return render(request, "collection/review_queue.html", {
        "filter": queue_filter, "items": queue.items(queue_filter), "counts": queue.counts(queue_filter),
        "statuses": queue.STATUSES, "sorts": queue.SORTS,
    })


def _submission(request, pk) -> Submission:
    """A submission of a kind that sends through the confirm page, if the user may see its unit (else 404)."""
    submission = get_object_or_404(Submission.objects.select_related("call", "organisation"), pk=pk)
    if not permissions.can_view_unit(request.user, submission.organisation) or kinds.sending_of(submission.call.kind) is None:
        raise Http404
    return submission


@login_required
def confirm_send(request, pk):
    """What the sender confirms: the rows, totals, warnings and changes since the last send; then the send."""
    submission = _submission(request, pk)
    if request.method == "POST":
        if not sending.panel(request.user, submission).get("can_send"):
            raise PermissionDenied
        try:
            version = sending.send(submission=submission, user=request.user, expected_version=request.POST.get("version"))
        except ValidationError as error:
            flash_service_error(request, error)
            return redirect("collection:confirm_send", pk=submission.pk)
        noun = kinds.sending_of(submission.call.kind).noun
        messages.success(request, _("Đã gửi %(what)s (lần %(n)s) lúc %(at)s.") % {
            "what": noun, "n": version.number, "at": timezone.localtime(version.submitted_at).strftime("%d/%m/%Y %H:%M")})
        return redirect(kinds.submission_url(submission))
    return render(request, "collection/confirm_send.html", {
        "summary": sending.summary(submission), "sending": sending.panel(request.user, submission),
        "back": kinds.submission_url(submission),
    })


@require_POST
@login_required
def ask_to_send(request, pk):
    submission = _submission(request, pk)
    try:
        sending.ask_to_send(submission=submission, user=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        names = ", ".join(user.full_name for user in sending.senders_of(submission))
        messages.success(request, _("Đã đề nghị %(names)s gửi; lãnh đạo nhận được thông báo.") % {"names": names})
    return redirect(kinds.submission_url(submission))
