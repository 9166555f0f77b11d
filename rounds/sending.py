"""A proposal as its sender confirms it and the office reviews it (collection.sending): its rows with
every field, the two amounts, and the checks worth a look before sending."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collection.kinds import Sending

from . import services
from .models import Proposal

FIELDS = {
    "name": _("Tên nhiệm vụ"),
    "objectives": _("Mục tiêu và nội dung"),
    "products": _("Sản phẩm dự kiến"),
    "period": _("Thời gian thực hiện"),
    "priority": _("Hoạt động ưu tiên"),
    "component": _("Đề án thành phần"),
    "central_vnd": _("Kinh phí NSTW"),
    "other_vnd": _("Kinh phí đối ứng"),
    "notes": _("Ghi chú"),
}


def _proposal(submission) -> Proposal:
    return Proposal.objects.select_related("round__call").get(submission=submission)


def content(submission) -> dict:
    return {"rows": services.snapshot(_proposal(submission))}


def rows(content: dict) -> list:
    """A version's rows with the period in one text (its words and its months)."""
    found = []
    for row in content.get("rows", []):
        months = "–".join(part for part in (row.get("period_from"), row.get("period_to")) if part)
        period = " ".join(part for part in (row.get("period", ""), months) if part)
        found.append({**row, "period": period})
    return found


def warnings(row: dict) -> list:
    found = []
    if not (row.get("central_vnd") or row.get("other_vnd")):
        found.append(_("Chưa có kinh phí."))
    if not (row.get("objectives") or "").strip():
        found.append(_("Chưa có mục tiêu và nội dung."))
    if not (row.get("products") or "").strip():
        found.append(_("Chưa có sản phẩm dự kiến."))
    if not (row.get("period") or "").strip():
        found.append(_("Chưa có thời gian thực hiện."))
    if not (row.get("priority") or row.get("component")):
        found.append(_("Chưa phân loại theo hoạt động ưu tiên hoặc đề án thành phần."))
    return found


def send(submission, user, expected_version):
    return services.submit(proposal=_proposal(submission), user=user, expected_version=expected_version)


def review_url(call, organisation) -> str:
    return reverse("rounds:review", args=[call.round.pk, organisation.code])


SENDING = Sending(
    noun=_("đề xuất"), fields=FIELDS, content=content, rows=rows, send=send, amounts=("central_vnd", "other_vnd"),
    money_unit=lambda submission: submission.call.round.money_unit, warnings=warnings, review_url=review_url,
)
