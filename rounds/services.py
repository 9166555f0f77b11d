"""Proposal actions: edit rows, import a workbook, submit, return, accept, comment, open a round.

The cycle (who may act, states, versions, events, calendar) is collection's; these add the task rows
and the approved amounts. Views only call these."""
import csv
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F, Sum

from collection import services as collection
from collection.models import CallKind, EventKind, Senders, SubmissionVersion
from core import vn
from core.text import clean_instance
from programmes.models import ComponentProject

from .models import OptionKind, Proposal, Round, RoundOption, TaskRow

ROW_FIELDS = ["name", "objectives", "products", "period", "period_from", "period_to", "central_vnd", "other_vnd", "notes",
              "priority", "component"]


IMPORT_BATCH = 1000

StaleProposal = collection.StaleSubmission


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
def open_round(*, programme, title, plan_year, opens_on, deadline, invited, accepts_late=True, closes_on=None,
               instructions="", money_unit="trieu", reminder_days="14,7,2", letter_number="", priority_list=None,
               senders=Senders.LEADER) -> Round:
    def prepare(call):
        round_obj = Round.objects.create(call=call, plan_year=plan_year, money_unit=money_unit, letter_number=letter_number)
        for component in ComponentProject.objects.filter(programme=programme):
            RoundOption.objects.create(round=round_obj, kind=OptionKind.COMPONENT, code=component.code,
                                       order=component.order, name_vi=component.name_vi, name_en=component.name_en)
        load_priority_activities(round_obj, priority_list or str(plan_year))

    call = collection.open_call(kind=CallKind.PROPOSALS, programme=programme, title=title, opens_on=opens_on,
                                deadline=deadline, invited=invited, accepts_late=accepts_late, closes_on=closes_on,
                                instructions=instructions, reminder_days=reminder_days, senders=senders, prepare=prepare)
    return Round.objects.get(call=call)


@transaction.atomic
def change_round(*, round_obj: Round, plan_year, money_unit, letter_number, invite_more=(), **call_fields) -> Round:
    """Change a round; its invited units are kept (collection.services.change_call), more may be added."""
    collection.change_call(call=round_obj.call, invite_more=invite_more, **call_fields)
    Round.objects.filter(pk=round_obj.pk).update(plan_year=plan_year, money_unit=money_unit, letter_number=letter_number)
    return Round.objects.get(pk=round_obj.pk)


def proposal_for(*, round_obj: Round, organisation) -> Proposal:
    return collection.content_for(Proposal, call=round_obj.call, organisation=organisation, round=round_obj)


def _lock_for_edit(proposal: Proposal, user, expected_version) -> Proposal:
    collection.lock_for_edit(proposal.submission, user, expected_version)
    return Proposal.objects.select_related("round__call").get(pk=proposal.pk)


def _touch(proposal: Proposal) -> None:
    collection.touch(proposal.submission)


def _align_period(row: TaskRow, before: tuple) -> None:
    """One period, two forms: the annex's text (what exports and the report print) and the months
    (what execution plans with). The side the user changed fills the other, so no path leaves one
    empty or stale; both changed at once are kept as typed."""
    old_text, old_from, old_to = before
    text = (row.period or "").strip()
    text_changed = text != (old_text or "").strip()
    months_changed = (row.period_from, row.period_to) != (old_from, old_to)
    if text_changed and not months_changed:
        row.period_from, row.period_to = vn.parse_period(text)
    elif months_changed and (not text_changed or not text):
        row.period = vn.format_period(row.period_from, row.period_to)


def _read_row(proposal: Proposal, data: dict) -> tuple[dict, dict]:
    """The row's values present in `data`, checked: (values, {field: message}) for the fields refused."""
    values = {key: data.get(key) for key in ROW_FIELDS if key in data}
    errors = {}
    if "name" in values and not (values.get("name") or "").strip():
        errors["name"] = "Tên nhiệm vụ không được để trống."
    for key in ("central_vnd", "other_vnd"):
        if key not in values:
            continue
        try:
            values[key] = vn.check_amount(values.get(key) or 0)
        except ValueError as error:
            errors[key] = f"{error}."
    if values.get("period_from") and values.get("period_to") and values["period_to"] < values["period_from"]:
        errors["period_to"] = "Tháng kết thúc phải sau tháng bắt đầu."
    for key, kind in (("priority", OptionKind.PRIORITY), ("component", OptionKind.COMPONENT)):
        option = values.get(key)
        if option is not None and (option.round_id != proposal.round_id or option.kind != kind):
            errors[key] = "Giá trị không thuộc danh mục của đợt này."
    return values, errors


def _clean_row(proposal: Proposal, data: dict) -> dict:
    """A whole row (the row page, the API): a missing name is refused, missing amounts are 0."""
    values, errors = _read_row(proposal, {"name": "", "central_vnd": 0, "other_vnd": 0, **data})
    if errors:
        raise ValidationError(errors)
    return values


# A row changed or deleted elsewhere since the page showed it (collection's guard of content items).
StaleRow = collection.StaleItem


def _row_to_change(proposal: Proposal, *, row: TaskRow | None, client_key=None, row_version=None) -> TaskRow | None:
    return collection.item_to_change(TaskRow, owner={"proposal": proposal}, item=row, client_key=client_key,
                                     version=row_version)


def _write_row(proposal: Proposal, row: TaskRow | None, values: dict, *, client_key=None, position=None) -> TaskRow:
    if row is None:
        position = collection.place_item(TaskRow.objects.filter(proposal=proposal), position)
        row = TaskRow(proposal=proposal, position=position, client_key=client_key)
    else:
        row.version += 1
    before = (row.period, row.period_from, row.period_to)
    for key, value in values.items():
        setattr(row, key, value)
    _align_period(row, before)
    row.save()
    _touch(proposal)
    return row


@transaction.atomic
def save_row(*, proposal: Proposal, user, data: dict, row: TaskRow | None = None, expected_version=None,
             client_key=None, row_version=None) -> TaskRow:
    """Add or change one row of an editable proposal (user None: the trusted demo/command-line path).

    `expected_version` guards the whole proposal, `row_version` only this row. A new row with a
    `client_key` is added once however often it is posted, and touches no other row."""
    proposal = _lock_for_edit(proposal, user, None if client_key else expected_version)
    row = _row_to_change(proposal, row=row, client_key=client_key, row_version=row_version)
    values = _clean_row(proposal, data)
    return _write_row(proposal, row, values, client_key=client_key)


@transaction.atomic
def save_grid_row(*, proposal: Proposal, user, values: dict, refused: dict | None = None, row: TaskRow | None = None,
                  client_key=None, row_version=None, position=None) -> tuple[TaskRow | None, dict]:
    """Save what is valid of one grid row and say what is not: (row, {field: message}).

    Refused cells (`refused`, from reading the typed text, and this service's own checks) keep their
    saved value; a new row without a name is not added (row None). Raises StaleRow when the row
    changed elsewhere since `row_version`."""
    proposal = _lock_for_edit(proposal, user, None)
    current = _row_to_change(proposal, row=row, client_key=client_key, row_version=row_version)
    refused = dict(refused or {})
    values, errors = _read_row(proposal, {key: value for key, value in values.items() if key not in refused})
    errors = {**refused, **errors}
    if current is None and (errors.get("name") or not (values.get("name") or "").strip()):
        errors.setdefault("name", "Tên nhiệm vụ không được để trống.")
        return None, errors
    kept = {key: value for key, value in values.items() if key not in errors}
    if current is not None and all(getattr(current, key) == value for key, value in kept.items()):
        return current, errors  # nothing changed: the version stays, so other tabs are not told of a change
    return _write_row(proposal, current, kept, client_key=client_key, position=position), errors


@transaction.atomic
def move_row(*, proposal: Proposal, user, row: TaskRow, offset: int) -> list[int]:
    """Move a row up (-1) or down (+1) among the proposal's rows; returns the ids in their new order."""
    proposal = _lock_for_edit(proposal, user, None)
    ids = collection.move_item(TaskRow.objects.filter(proposal=proposal), row.pk, offset)
    _touch(proposal)
    return ids


@transaction.atomic
def delete_row(*, proposal: Proposal, user, row: TaskRow, expected_version=None, row_version=None) -> None:
    proposal = _lock_for_edit(proposal, user, expected_version)
    if row.proposal_id != proposal.pk:
        raise PermissionDenied
    _row_to_change(proposal, row=row, row_version=row_version).delete()
    _touch(proposal)


def match_option(round_obj: Round, kind: str, text: str):
    """The round's list entry named by `text` (its name, diacritics and case aside, its start, or its code)."""
    if not text:
        return None
    wanted = vn.fold(text)
    for option in round_obj.options(kind):
        if vn.fold(option.name_vi) == wanted or option.code == text.strip() or vn.fold(option.name_vi).startswith(wanted):
            return option
    return None


@transaction.atomic
def add_copied_rows(*, proposal: Proposal, user, rows: list[tuple]) -> list[TaskRow]:
    """Add rows copied from elsewhere (the action plan, last year's proposal) after the existing ones, all or
    none: `rows` is [(client key, values)]; a key already used is skipped, so copying twice adds nothing twice."""
    proposal = _lock_for_edit(proposal, user, None)
    used = set(TaskRow.objects.filter(proposal=proposal, client_key__in=[key for key, _values in rows])
               .values_list("client_key", flat=True))
    added = []
    for key, data in rows:
        if key not in used:
            added.append(_write_row(proposal, None, _clean_row(proposal, data), client_key=key))
            used.add(key)
    return added


@transaction.atomic
def import_rows(*, proposal: Proposal, user, tasks: list[dict], filename: str = "", expected_version=None) -> int:
    """Replace the draft's rows with a validated workbook's tasks: all rows or none."""
    proposal = _lock_for_edit(proposal, user, expected_version)
    for task in tasks:
        for key in ("central_vnd", "other_vnd"):
            try:
                vn.check_amount(task[key])
            except ValueError as error:
                raise ValidationError(f"Dòng {task.get('row', '?')}: {error}.") from None
    _delete_rows(proposal)
    round_obj = proposal.round
    rows = (
        clean_instance(TaskRow(
            proposal=proposal, position=index, name=task["name"][:1000], objectives=task.get("objectives", ""),
            products=task.get("products", ""), period=task.get("period", "")[:255], notes=task.get("notes", ""),
            **dict(zip(("period_from", "period_to"), vn.parse_period(task.get("period", "")), strict=True)),
            central_vnd=task["central_vnd"], other_vnd=task["other_vnd"],
            priority=match_option(round_obj, OptionKind.PRIORITY, task.get("priority", "")),
            component=match_option(round_obj, OptionKind.COMPONENT, task.get("component", "")),
        ))
        for index, task in enumerate(tasks, start=1)
    )
    # In batches, so that 50.000 rows never stand in memory as model objects at once.
    while batch := list(islice(rows, IMPORT_BATCH)):
        TaskRow.objects.bulk_create(batch)
    _touch(proposal)
    collection.record(submission=proposal.submission, kind=EventKind.IMPORT, actor=user, note=f"{filename}: {len(tasks)} dòng")
    return len(tasks)


def _delete_rows(proposal: Proposal) -> None:
    """The draft's rows in one DELETE (the ORM's delete would load every row first); comments name a row
    by its id (SubmissionEvent.item_id), so nothing points at the rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TaskRow._meta.db_table} WHERE proposal_id = %s", [proposal.pk])


def snapshot(proposal: Proposal) -> list[dict]:
    """The rows as a version keeps them; "id" lets the next send tell a changed row from a new one."""
    return [
        {"id": r.pk, "position": r.position, "name": r.name, "objectives": r.objectives, "products": r.products,
         "period": r.period, "period_from": _month(r.period_from), "period_to": _month(r.period_to),
         "central_vnd": r.central_vnd, "other_vnd": r.other_vnd, "notes": r.notes,
         "priority": r.priority.name_vi if r.priority else "", "component": r.component.name_vi if r.component else ""}
        for r in proposal.rows.select_related("priority", "component")
    ]


def _month(day) -> str:
    return day.strftime("%m/%Y") if day else ""


def _freeze(proposal: Proposal):
    def freeze(_submission):
        rows = snapshot(proposal)
        if not rows:
            raise ValidationError("Đề xuất chưa có nhiệm vụ nào.")
        central, other = sum(r["central_vnd"] for r in rows), sum(r["other_vnd"] for r in rows)
        return {"rows": rows, "central_vnd": central, "other_vnd": other}, central + other
    return freeze


def submit(*, proposal: Proposal, user, expected_version=None) -> SubmissionVersion:
    """The unit leader sends the proposal: its rows freeze as a version, on time or late."""
    return collection.send(submission=proposal.submission, user=user, expected_version=expected_version,
                           freeze=_freeze(proposal))


def return_for_revision(*, proposal: Proposal, user, comment: str) -> Proposal:
    collection.return_submission(submission=proposal.submission, user=user, reason=comment)
    return Proposal.objects.get(pk=proposal.pk)


def accept(*, proposal: Proposal, user, approved: dict[int, int], comment: str = "") -> Proposal:
    """Accept a sent proposal and record the approved central-budget amount per task (đồng)."""
    def apply(_submission):
        rows = {row.pk: row for row in proposal.rows.all()}
        for row_id, amount in approved.items():
            row = rows.get(int(row_id))
            if row is None:
                raise ValidationError("Nhiệm vụ không thuộc đề xuất này.")
            if amount is not None and (amount < 0 or amount > row.central_vnd):
                raise ValidationError(f"Kinh phí duyệt cho \"{row.name}\" phải từ 0 đến mức đề nghị.")
            row.approved_central_vnd = amount
            row.save(update_fields=["approved_central_vnd"])

    collection.accept(submission=proposal.submission, user=user, note=comment, apply=apply)
    return Proposal.objects.get(pk=proposal.pk)


def accept_as_requested(*, proposal: Proposal, user, comment: str = "") -> Proposal:
    """Accept a sent proposal approving every row at its requested central-budget amount: one transaction,
    one event."""
    def apply(_submission):
        proposal.rows.update(approved_central_vnd=F("central_vnd"))

    note = " ".join(part for part in ("Duyệt tất cả như đề xuất.", (comment or "").strip()) if part)
    collection.accept(submission=proposal.submission, user=user, note=note, apply=apply)
    return Proposal.objects.get(pk=proposal.pk)


def add_comment(*, proposal: Proposal, user, text: str, row: TaskRow | None = None):
    if row is not None and row.proposal_id != proposal.pk:
        raise PermissionDenied
    return collection.comment(submission=proposal.submission, user=user, text=text, item_id=row.pk if row else None)


def totals(proposal: Proposal) -> dict:
    return proposal.rows.aggregate(central=Sum("central_vnd"), other=Sum("other_vnd"), approved=Sum("approved_central_vnd"))
