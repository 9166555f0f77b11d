"""An annual plan dossier as its sender confirms it (collection.sending): its tasks with the amount of
each funding source, and the checks worth a look before sending."""
from django.utils.translation import gettext_lazy as _

from collection.kinds import Sending
from programmes.models import FundingSource

from . import services
from .models import Dossier

TASK_FIELDS = {
    "name": _("Nhiệm vụ"),
    "action_task": _("Thuộc kế hoạch hành động"),
    "component": _("Đề án thành phần"),
    "responsible_body": _("Cơ quan chủ trì"),
}


def _source_key(code: str) -> str:
    return f"source:{code}"


def fields() -> dict:
    sources = {_source_key(source.code): source.name_vi for source in FundingSource.objects.all()}
    return {**TASK_FIELDS, **sources, "total_vnd": _("Tổng")}


def amounts() -> tuple:
    return tuple(_source_key(code) for code in FundingSource.objects.values_list("code", flat=True)) + ("total_vnd",)


def content(submission) -> dict:
    dossier = Dossier.objects.get(submission=submission)
    return {"summary": dossier.summary, "tasks": services.dossier_snapshot(dossier)[0]}


def rows(content: dict) -> list:
    """A version's tasks with one field per funding source and their total."""
    found = []
    for task in content.get("tasks", []):
        funding = task.get("funding", {})
        row = {key: value for key, value in task.items() if key != "funding"}
        row.update({_source_key(code): amount for code, amount in funding.items()})
        row["total_vnd"] = sum(funding.values())
        found.append(row)
    return found


def warnings(row: dict) -> list:
    found = []
    if not row.get("total_vnd"):
        found.append(_("Chưa có kinh phí."))
    if not (row.get("responsible_body") or "").strip():
        found.append(_("Chưa ghi cơ quan chủ trì."))
    if not row.get("action_task"):
        found.append(_("Chưa gắn với nhiệm vụ của kế hoạch hành động."))
    return found


def send(submission, user, expected_version):
    dossier = Dossier.objects.get(submission=submission)
    return services.submit_dossier(dossier=dossier, user=user, expected_version=expected_version)


SENDING = Sending(noun=_("hồ sơ kế hoạch năm"), fields=fields, content=content, rows=rows, send=send, amounts=amounts,
                  money_unit=lambda submission: "trieu", warnings=warnings)
