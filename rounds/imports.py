"""Annex intake: one path for the upload page and `import_annex` — read, identity check, money unit,
warnings — and the staged upload kept between the preview and the confirmation."""
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from core import clock

from . import annex, services
from .models import Proposal, Round, StagedImport

STAGE_LIFETIME = timedelta(hours=12)


@dataclass
class Intake:
    """A read annex and what it belongs to, with the notes the preview and the command show."""

    result: annex.AnnexResult
    round: Round | None = None
    notes: list = field(default_factory=list)


def read_annex_file(*, data: bytes, filename: str, round_obj: Round | None = None, organisation=None) -> Intake:
    """Read an annex for a round (when known) and check that it was made for that round and unit.

    A file without a unit line takes the round's unit; the round comes from the file's hidden identity
    sheet when the caller does not name one. Raises annex.AnnexFileError for a file that is no table."""
    result = annex.parse_annex(data, filename=filename, default_unit=round_obj.money_unit if round_obj else None)
    notes = []
    stored_round = result.identity.get("round", "")
    if round_obj is None and stored_round.isdigit():
        round_obj = Round.objects.filter(pk=int(stored_round)).first()
        if round_obj is not None:
            notes.append(f"Đợt đề xuất lấy từ trang ẩn của tệp: {round_obj.title}.")
            if result.unit_source != "file":
                result = annex.parse_annex(data, filename=filename, default_unit=round_obj.money_unit)
    intake = Intake(result=result, round=round_obj, notes=notes)
    notes.insert(0, unit_note(result, round_obj))
    identity = result.identity
    if identity and round_obj is not None and (
            identity.get("round") != str(round_obj.pk)
            or (organisation is not None and identity.get("organisation") != organisation.code)):
        result.errors.append({"row": None, "field": None, "column": None, "message":
                              "Tệp này được tải về cho đợt hoặc đơn vị khác; hãy tải mẫu của đơn vị mình cho đợt này."})
    return intake


def unit_note(result: annex.AnnexResult, round_obj: Round | None) -> str:
    """Which money unit the amounts were read in, and why."""
    label = annex.UNIT_LABELS[result.money_unit]
    if result.unit_source == "file":
        note = f"Đơn vị tính theo dòng ghi đơn vị trong tệp: {label}."
        if round_obj is not None and round_obj.money_unit != result.money_unit:
            note += f" Đợt này tính bằng {round_obj.money_label}; số tiền được quy đổi."
        return note
    if result.unit_source == "round":
        return f"Tệp không ghi đơn vị tính; dùng đơn vị của đợt: {label}."
    return f"Tệp không ghi đơn vị tính và chưa xác định được đợt; tạm coi là {label}."


def stage_upload(*, proposal: Proposal, user, data: bytes, filename: str) -> tuple[Intake, StagedImport | None]:
    """Read an uploaded annex for the preview; keep a readable one (the file, not its rows) to confirm.

    A file that cannot be imported writes nothing: reading happens before any database write."""
    intake = read_annex_file(data=data, filename=filename, round_obj=proposal.round, organisation=proposal.organisation)
    if not intake.result.is_valid:
        return intake, None
    with transaction.atomic():
        return intake, _stage(proposal, user, data, filename)


def _stage(proposal: Proposal, user, data: bytes, filename: str) -> StagedImport:
    StagedImport.objects.filter(created_at__lt=clock.now() - STAGE_LIFETIME).delete()
    StagedImport.objects.filter(proposal=proposal, uploaded_by=user).delete()
    return StagedImport.objects.create(proposal=proposal, uploaded_by=user, filename=filename[:255], content=data,
                                       seen_version=proposal.lock_version)


@transaction.atomic
def confirm_upload(*, proposal: Proposal, user, staged_id, confirmed: bool) -> int:
    """Import a staged upload: refused when it expired, when flagged amounts were not confirmed, or when
    the proposal changed after the preview."""
    staged = StagedImport.objects.filter(
        pk=int(staged_id) if str(staged_id).isdigit() else None, proposal=proposal, uploaded_by=user,
        created_at__gte=clock.now() - STAGE_LIFETIME).first()
    if staged is None:
        raise ValidationError("Phiên tải lên đã hết hạn, vui lòng tải tệp lên lại.")
    intake = read_annex_file(data=bytes(staged.content), filename=staged.filename, round_obj=proposal.round,
                             organisation=proposal.organisation)
    result = intake.result
    if not result.is_valid:
        raise ValidationError("Tệp có lỗi, chưa nhập dữ liệu nào. Hãy tải tệp lên lại để xem các lỗi.")
    if result.needs_confirmation and not confirmed:
        raise ValidationError("Có số tiền được đánh dấu cần kiểm tra: hãy đánh dấu ô xác nhận trước khi nhập.")
    try:
        count = services.import_rows(proposal=proposal, user=user, tasks=result.tasks, filename=staged.filename,
                                     expected_version=staged.seen_version)
    except services.StaleProposal:
        raise services.StaleProposal("Đề xuất vừa được người khác thay đổi sau khi bạn xem trước tệp, nên tệp chưa được nhập. "
                                     "Hãy xem lại đề xuất rồi tải tệp lên lại.") from None
    staged.delete()
    return count
