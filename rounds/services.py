"""Proposal actions: edit rows, import a workbook, submit, return, accept, comment, open a round.

Each function checks who acts and the current state, writes in one transaction and records a
ProposalEvent. Views only call these."""
import csv
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum

from accounts import permissions
from core import clock
from core.locking import is_stale
from core.text import clean_instance
from programmes.models import ComponentProject

from .models import EDITABLE, OptionKind, Proposal, ProposalEvent, ProposalStatus, ProposalVersion, Round, RoundOption, TaskRow
from .signals import round_opened

ROW_FIELDS = ["name", "objectives", "products", "period", "period_from", "period_to", "central_vnd", "other_vnd", "notes",
              "priority", "component"]


class StaleProposal(ValidationError):
    """Someone else changed the proposal since this page was loaded."""


def load_priority_activities(round_obj: Round, round_code: str) -> int:
    """Copy a priority-activity list (data/reference/priority_activities_<year>.csv) into the round."""
    path = Path(settings.BASE_DIR) / "data" / "reference" / f"priority_activities_{round_code}.csv"
    if not path.exists():
        return 0
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            RoundOption.objects.update_or_create(
                round=round_obj, kind=OptionKind.PRIORITY, code=row["code"],
                defaults={"order": int(row["order"]), "name_vi": row["name_vi"], "name_en": row["name_en"]},
            )
    return round_obj.classification_options.filter(kind=OptionKind.PRIORITY).count()


@transaction.atomic
def open_round(*, programme, title, plan_year, opens_on, deadline, invited, accepts_late=True, instructions="",
               money_unit="trieu", reminder_days="14,7,2", letter_number="", priority_list=None) -> Round:
    if deadline < opens_on:
        raise ValidationError({"deadline": "Hạn gửi phải sau ngày mở đợt."})
    round_obj = Round.objects.create(
        programme=programme, title=title, plan_year=plan_year, opens_on=opens_on, deadline=deadline,
        accepts_late=accepts_late, instructions=instructions, money_unit=money_unit, reminder_days=reminder_days,
        letter_number=letter_number,
    )
    round_obj.invited.set(invited)
    for component in ComponentProject.objects.filter(programme=programme):
        RoundOption.objects.create(round=round_obj, kind=OptionKind.COMPONENT, code=component.code, order=component.order,
                                   name_vi=component.name_vi, name_en=component.name_en)
    load_priority_activities(round_obj, priority_list or str(plan_year))
    round_opened.send(sender=Round, round=round_obj)
    return round_obj


def proposal_for(*, round_obj: Round, organisation) -> Proposal:
    if not round_obj.invited.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    proposal, _ = Proposal.objects.get_or_create(round=round_obj, organisation=organisation)
    return proposal


def _lock_for_edit(proposal: Proposal, user, expected_version) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    # user None: the office's command-line import of mailed workbooks (trusted, no web session).
    if user is not None and not permissions.can_edit_unit_drafts(user, proposal.organisation_id):
        raise PermissionDenied
    if proposal.status not in EDITABLE:
        raise ValidationError("Đề xuất đã gửi hoặc đã được chấp nhận nên không thể sửa. Văn phòng có thể trả lại để hoàn thiện.")
    if is_stale(expected_version, proposal.lock_version):
        raise StaleProposal("Đề xuất vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.")
    return proposal


def _touch(proposal: Proposal) -> None:
    """Any edit of a returned proposal turns it back into a draft; the version guard moves on."""
    Proposal.objects.filter(pk=proposal.pk).update(
        lock_version=F("lock_version") + 1, updated_at=clock.now(),
        status=ProposalStatus.DRAFT,
    )


def _clean_row(proposal: Proposal, data: dict) -> dict:
    values = {key: data.get(key) for key in ROW_FIELDS if key in data}
    errors = {}
    if not (values.get("name") or "").strip():
        errors["name"] = "Tên nhiệm vụ không được để trống."
    for key in ("central_vnd", "other_vnd"):
        amount = values.get(key) or 0
        if int(amount) < 0:
            errors[key] = "Số tiền không được âm."
        values[key] = int(amount)
    if values.get("period_from") and values.get("period_to") and values["period_to"] < values["period_from"]:
        errors["period_to"] = "Tháng kết thúc phải sau tháng bắt đầu."
    for key, kind in (("priority", OptionKind.PRIORITY), ("component", OptionKind.COMPONENT)):
        option = values.get(key)
        if option is not None and (option.round_id != proposal.round_id or option.kind != kind):
            errors[key] = "Giá trị không thuộc danh mục của đợt này."
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def save_row(*, proposal: Proposal, user, data: dict, row: TaskRow | None = None, expected_version=None) -> TaskRow:
    """Add or change one row of an editable proposal (user None: the trusted demo/command-line path)."""
    proposal = _lock_for_edit(proposal, user, expected_version)
    values = _clean_row(proposal, data)
    if row is None:
        position = (proposal.rows.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        row = TaskRow(proposal=proposal, position=position)
    elif row.proposal_id != proposal.pk:
        raise PermissionDenied
    for key, value in values.items():
        setattr(row, key, value)
    row.save()
    _touch(proposal)
    return row


@transaction.atomic
def delete_row(*, proposal: Proposal, user, row: TaskRow, expected_version=None) -> None:
    proposal = _lock_for_edit(proposal, user, expected_version)
    if row.proposal_id != proposal.pk:
        raise PermissionDenied
    row.delete()
    _touch(proposal)


def _match_option(round_obj: Round, kind: str, text: str):
    if not text:
        return None
    from .annex import fold

    wanted = fold(text)
    for option in round_obj.options(kind):
        if fold(option.name_vi) == wanted or option.code == text.strip() or fold(option.name_vi).startswith(wanted):
            return option
    return None


@transaction.atomic
def import_rows(*, proposal: Proposal, user, tasks: list[dict], filename: str = "") -> int:
    """Replace the draft's rows with a validated workbook's tasks: all rows or none."""
    proposal = _lock_for_edit(proposal, user, None)
    proposal.rows.all().delete()
    round_obj = proposal.round
    TaskRow.objects.bulk_create(
        clean_instance(TaskRow(
            proposal=proposal, position=index, name=task["name"][:1000], objectives=task.get("objectives", ""),
            products=task.get("products", ""), period=task.get("period", "")[:255], notes=task.get("notes", ""),
            central_vnd=task["central_vnd"], other_vnd=task["other_vnd"],
            priority=_match_option(round_obj, OptionKind.PRIORITY, task.get("priority", "")),
            component=_match_option(round_obj, OptionKind.COMPONENT, task.get("component", "")),
        ))
        for index, task in enumerate(tasks, start=1)
    )
    _touch(proposal)
    ProposalEvent.objects.create(proposal=proposal, actor=user, action="import", note=f"{filename}: {len(tasks)} dòng")
    return len(tasks)


def _snapshot(proposal: Proposal) -> list[dict]:
    return [
        {"position": r.position, "name": r.name, "objectives": r.objectives, "products": r.products, "period": r.period,
         "central_vnd": r.central_vnd, "other_vnd": r.other_vnd, "notes": r.notes,
         "priority": r.priority.name_vi if r.priority else "", "component": r.component.name_vi if r.component else ""}
        for r in proposal.rows.select_related("priority", "component")
    ]


@transaction.atomic
def submit(*, proposal: Proposal, user, expected_version=None) -> ProposalVersion:
    """The unit leader sends the proposal: a frozen version, on time or late."""
    proposal = Proposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    if not permissions.can_submit_for_unit(user, proposal.organisation_id):
        raise PermissionDenied
    if proposal.status not in EDITABLE:
        raise ValidationError("Đề xuất này đã được gửi.")
    if is_stale(expected_version, proposal.lock_version):
        raise StaleProposal("Đề xuất vừa được người khác thay đổi. Hãy tải lại trang và kiểm tra trước khi gửi.")
    round_obj = proposal.round
    today = clock.today()
    if today < round_obj.opens_on:
        raise ValidationError("Đợt đề xuất chưa mở.")
    late = today > round_obj.deadline
    if late and not round_obj.accepts_late:
        raise ValidationError(f"Đã quá hạn gửi ({round_obj.deadline:%d/%m/%Y}) và đợt này không nhận đề xuất gửi muộn.")
    rows = _snapshot(proposal)
    if not rows:
        raise ValidationError("Đề xuất chưa có nhiệm vụ nào.")
    number = proposal.versions.count() + 1
    version = ProposalVersion.objects.create(
        proposal=proposal, number=number, submitted_at=clock.now(), submitted_by=user, late=late, rows=rows,
        central_vnd=sum(r["central_vnd"] for r in rows), other_vnd=sum(r["other_vnd"] for r in rows),
    )
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = version.submitted_at
    proposal.submitted_late = late
    proposal.lock_version += 1
    proposal.save()
    ProposalEvent.objects.create(proposal=proposal, actor=user, action="submit", note=f"Lần gửi {number}")
    return version


def _lock_for_review(proposal: Proposal, user) -> Proposal:
    if not permissions.is_office(user):
        raise PermissionDenied
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def return_for_revision(*, proposal: Proposal, user, comment: str) -> Proposal:
    proposal = _lock_for_review(proposal, user)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("Chỉ trả lại được đề xuất đã gửi.")
    if not comment.strip():
        raise ValidationError("Cần ghi rõ nội dung cần hoàn thiện khi trả lại.")
    proposal.status = ProposalStatus.RETURNED
    proposal.lock_version += 1
    proposal.save()
    ProposalEvent.objects.create(proposal=proposal, actor=user, action="return", note=comment.strip())
    return proposal


@transaction.atomic
def accept(*, proposal: Proposal, user, approved: dict[int, int], comment: str = "") -> Proposal:
    """Accept a submitted proposal and record the approved central-budget amount per task (đồng)."""
    proposal = _lock_for_review(proposal, user)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError("Chỉ chấp nhận được đề xuất đã gửi.")
    rows = {row.pk: row for row in proposal.rows.all()}
    for row_id, amount in approved.items():
        row = rows.get(int(row_id))
        if row is None:
            raise ValidationError("Nhiệm vụ không thuộc đề xuất này.")
        if amount is not None and (amount < 0 or amount > row.central_vnd):
            raise ValidationError(f"Kinh phí duyệt cho \"{row.name}\" phải từ 0 đến mức đề nghị.")
        row.approved_central_vnd = amount
        row.save(update_fields=["approved_central_vnd"])
    proposal.status = ProposalStatus.ACCEPTED
    proposal.lock_version += 1
    proposal.save()
    ProposalEvent.objects.create(proposal=proposal, actor=user, action="accept", note=comment.strip())
    return proposal


@transaction.atomic
def add_comment(*, proposal: Proposal, user, text: str, row: TaskRow | None = None) -> ProposalEvent:
    if not (permissions.is_office(user) or permissions.can_view_unit(user, proposal.organisation_id)):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError("Nội dung góp ý không được để trống.")
    if row is not None and row.proposal_id != proposal.pk:
        raise PermissionDenied
    return ProposalEvent.objects.create(proposal=proposal, row=row, actor=user, action="comment", note=text.strip())


def totals(proposal: Proposal) -> dict:
    return proposal.rows.aggregate(central=Sum("central_vnd"), other=Sum("other_vnd"), approved=Sum("approved_central_vnd"))
