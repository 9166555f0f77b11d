"""The proposal grid (core/static/core/grid.js): every row of a proposal edited in place.

Typed cells are read by the row page's form (one grammar: core.vn.parse_amount in the round's money
unit, months as mm/yyyy) and saved one row at a time through services.save_grid_row, so two tabs never
replace each other's rows. A pasted block and the two "copy" buttons go through the same reading.
`handle` takes the page's JSON action as a dict and answers a dict: testable without HTTP."""
import uuid
from datetime import date

from django.core.exceptions import ValidationError

from core import vn
from core.clipboard import read_clipboard
from plans.selectors import action_plan_tasks_for_year

from . import selectors, services
from .forms import TaskRowForm
from .models import OptionKind, Proposal, Round, TaskRow

# The grid's columns, left to right: a pasted block fills them in this order.
COLUMNS = ["name", "objectives", "products", "period_from", "period_to", "central_vnd", "other_vnd", "priority",
           "component", "notes"]
AMOUNTS = ["central_vnd", "other_vnd"]
MONTHS = ["period_from", "period_to"]
LONG_TEXTS = ["objectives", "products", "notes"]
OPTIONS = {"priority": OptionKind.PRIORITY, "component": OptionKind.COMPONENT}
# Copied rows get a key derived from where they came from, so copying twice adds each row once.
COPY_KEYS = uuid.UUID("5d0f7a52-9c1e-4a57-8f0e-1d6a3c2b9e40")


def columns(round_obj: Round) -> list[dict]:
    """Each column's field name, header (the row page's label) and kind of input."""
    fields = TaskRowForm(round_obj=round_obj).fields
    kinds = {**dict.fromkeys(AMOUNTS, "amount"), **dict.fromkeys(MONTHS, "month"), **dict.fromkeys(LONG_TEXTS, "long"),
             **dict.fromkeys(OPTIONS, "option")}
    return [{"name": key, "label": str(fields[key].label), "kind": kinds.get(key, "text"),
             "options": round_obj.options(OPTIONS[key]) if key in OPTIONS else None} for key in COLUMNS]


def read_cells(round_obj: Round, cells: dict) -> tuple[dict, dict]:
    """Typed cell texts as values, with the row page's messages for those refused: (values, {field: message})."""
    cells = {key: str(value if value is not None else "") for key, value in cells.items() if key in COLUMNS}
    form = TaskRowForm(data={"version": "0", **cells}, round_obj=round_obj)
    form.fields["name"].required = False  # an empty name is the service's to refuse, with its message
    form.is_valid()
    values = {key: form.cleaned_data[key] for key in cells if key in form.cleaned_data}
    refused = {key: " ".join(form.errors[key]) for key in cells if key in form.errors}
    return values, refused


def _month(value) -> str:
    return value.strftime("%m/%Y") if value else ""


def row_payload(row: TaskRow, unit: str) -> dict:
    """A saved row as the grid shows it: cell texts (amounts in the round's unit), and amounts in đồng for the totals."""
    cells = {key: getattr(row, key) for key in ("name", "objectives", "products", "notes")}
    cells.update({key: _month(getattr(row, key)) for key in MONTHS})
    cells.update({key: vn.format_money(getattr(row, key), unit) for key in AMOUNTS})
    cells.update({key: str(getattr(row, f"{key}_id") or "") for key in OPTIONS})
    return {"id": row.pk, "version": row.version, "cells": cells, "amounts": {key: getattr(row, key) for key in AMOUNTS}}


def read_paste(round_obj: Round, *, text: str = "", html: str = "", start_column: str = "name") -> dict:
    """A block pasted at a cell of `start_column`, laid on the columns from there on: {"rows": [{field: text}],
    "errors": ["Dòng 2 của khối dán, cột …: message"]}. Amounts and months are checked as typed cells are;
    an option's text is matched to the round's list as the upload does and given as its id."""
    if start_column not in COLUMNS:
        raise ValidationError("Cột không có trong bảng.")
    try:
        block = read_clipboard(text, html)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    labels = {column["name"]: column["label"] for column in columns(round_obj)}
    fields = COLUMNS[COLUMNS.index(start_column):]
    rows, errors = [], []
    for number, block_row in enumerate(block, start=1):
        row, problems = {}, {}
        for field, typed in zip(fields, block_row):
            if field in OPTIONS and typed:
                option = services.match_option(round_obj, OPTIONS[field], typed)
                if option is None:
                    problems[field] = f"'{typed}' không có trong danh mục của đợt này."
                typed = str(option.pk) if option else ""
            row[field] = typed
        _values, refused = read_cells(round_obj, row)
        problems.update(refused)
        errors += [f"Dòng {number} của khối dán, cột {labels[field]}: {problems[field]}" for field in fields if field in problems]
        rows.append(row)
    if len(block) and any(len(block_row) > len(fields) for block_row in block):
        errors.append(f"Khối dán có nhiều cột hơn bảng từ cột {labels[start_column]}; các cột thừa bị bỏ qua.")
    return {"rows": rows, "errors": errors}


def _next_year(month: date | None) -> date | None:
    return month.replace(year=month.year + 1, day=1) if month else None


def _option_by_code(round_obj: Round, kind: str, code: str):
    return next((option for option in round_obj.options(kind) if option.code == code), None) if code else None


def copy_from_action_plan(*, proposal: Proposal, user) -> list[TaskRow]:
    """The action plan's tasks of the round's plan year, added as draft rows with that year's funding."""
    round_obj = proposal.round
    tasks = action_plan_tasks_for_year(organisation=proposal.organisation, programme=round_obj.call.programme,
                                       year=round_obj.plan_year)
    return services.add_copied_rows(proposal=proposal, user=user, rows=[
        (uuid.uuid5(COPY_KEYS, f"action-plan-task:{task['id']}"),
         {"name": task["name"], "central_vnd": task["central_vnd"], "other_vnd": task["other_vnd"],
          "component": _option_by_code(round_obj, OptionKind.COMPONENT, task["component_code"])})
        for task in tasks])


def copy_from_previous_year(*, proposal: Proposal, user) -> list[TaskRow]:
    """The unit's rows of last year's round of the programme, added as draft rows, their months a year later."""
    round_obj = proposal.round
    return services.add_copied_rows(proposal=proposal, user=user, rows=[
        (uuid.uuid5(COPY_KEYS, f"task-row:{row.pk}"),
         {"name": row.name, "objectives": row.objectives, "products": row.products, "notes": row.notes,
          "period_from": _next_year(row.period_from), "period_to": _next_year(row.period_to),
          "central_vnd": row.central_vnd, "other_vnd": row.other_vnd,
          "priority": _option_by_code(round_obj, OptionKind.PRIORITY, row.priority.code if row.priority else ""),
          "component": _option_by_code(round_obj, OptionKind.COMPONENT, row.component.code if row.component else "")})
        for row in selectors.previous_year_rows(round_obj, proposal.organisation)])


def _key(text) -> uuid.UUID | None:
    if not text:
        return None
    try:
        return uuid.UUID(str(text))
    except ValueError:
        raise ValidationError("Mã dòng mới không hợp lệ; hãy tải lại trang.") from None


def _row(proposal: Proposal, row_id) -> TaskRow:
    row = proposal.rows.filter(pk=vn.whole_number(row_id, max_digits=18) or 0).first()
    if row is None:
        raise services.StaleRow(None)
    return row


def _position_after(proposal: Proposal, body: dict) -> int | None:
    """Where a row put back by "undo" goes: after the row named in "after" (null: first); None appends."""
    if "after" not in body:
        return None
    if body["after"] is None:
        return 0
    previous = proposal.rows.filter(pk=vn.whole_number(body["after"], max_digits=18) or 0).first()
    return previous.position + 1 if previous else None


def _save(proposal, user, body):
    values, refused = read_cells(proposal.round, body.get("cells") or {})
    row = _row(proposal, body["id"]) if body.get("id") else None
    saved, errors = services.save_grid_row(proposal=proposal, user=user, values=values, refused=refused, row=row,
                                           client_key=None if row else _key(body.get("key")),
                                           row_version=body.get("version") if row else None,
                                           position=_position_after(proposal, body) if not row else None)
    return {"row": row_payload(saved, proposal.round.money_unit) if saved else None, "errors": errors}


def _delete(proposal, user, body):
    services.delete_row(proposal=proposal, user=user, row=_row(proposal, body.get("id")), row_version=body.get("version"))
    return {"deleted": body.get("id")}


def _move(proposal, user, body):
    offset = -1 if body.get("direction") == "up" else 1
    return {"order": services.move_row(proposal=proposal, user=user, row=_row(proposal, body.get("id")), offset=offset)}


def _paste(proposal, _user, body):
    return read_paste(proposal.round, text=str(body.get("text") or ""), html=str(body.get("html") or ""),
                      start_column=str(body.get("column") or "name"))


def _copied(rows, proposal, nothing: str):
    return {"rows": [row_payload(row, proposal.round.money_unit) for row in rows],
            "message": f"Đã chép {len(rows)} nhiệm vụ." if rows else nothing}


def _copy_plan(proposal, user, _body):
    return _copied(copy_from_action_plan(proposal=proposal, user=user), proposal,
                   f"Không có nhiệm vụ năm {proposal.round.plan_year} nào chưa chép từ kế hoạch hành động của đơn vị.")


def _copy_previous(proposal, user, _body):
    return _copied(copy_from_previous_year(proposal=proposal, user=user), proposal,
                   "Không có nhiệm vụ nào chưa chép từ đề xuất năm trước của đơn vị.")


ACTIONS = {"save": _save, "delete": _delete, "move": _move, "paste": _paste, "copy_plan": _copy_plan,
           "copy_previous": _copy_previous}


def handle(*, proposal: Proposal, user, body: dict) -> dict:
    """One action of the grid page ({"action": "save", ...}) → its answer, with the proposal's new lock
    version (the page's send button carries it). Raises StaleRow (the row changed elsewhere),
    ValidationError (refused) or PermissionDenied."""
    action = ACTIONS.get(body.get("action")) if isinstance(body, dict) else None
    if action is None:
        raise ValidationError("Thao tác không hợp lệ.")
    answer = action(proposal, user, body)
    answer["proposal_version"] = Proposal.objects.select_related("submission").get(pk=proposal.pk).lock_version
    return answer


def table(round_obj: Round, rows) -> dict:
    """The grid as the page first shows it: its columns and, per row, each cell's value (an option's id)
    and text (an option's name, for a read-only grid)."""
    grid_columns = columns(round_obj)
    names = {str(option.pk): option.name_vi for column in grid_columns for option in column["options"] or []}
    lines = []
    for row in rows:
        payload = row_payload(row, round_obj.money_unit)
        lines.append({"row": row, "version": payload["version"], "amounts": payload["amounts"], "cells": [
            {"column": column, "value": payload["cells"][column["name"]], "vnd": payload["amounts"].get(column["name"]),
             "text": names.get(payload["cells"][column["name"]], "") if column["options"] is not None
             else payload["cells"][column["name"]]}
            for column in grid_columns]})
    return {"columns": grid_columns, "lines": lines}
