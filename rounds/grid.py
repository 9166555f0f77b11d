"""The proposal grid (core/static/core/grid.js): every row of a proposal edited in place.

Typed cells are read by the row page's form (one grammar: core.vn.parse_amount in the round's money
unit, months as mm/yyyy) and saved one row at a time through services.save_grid_row, so two tabs never
replace each other's rows. A pasted block and the two "copy" buttons go through the same reading.
`handle` takes the page's JSON action as a dict and answers a dict: testable without HTTP."""
import uuid
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from core import grid as core_grid
from core import vn
from core.grid import AMOUNT, LONG, MONTH, OPTION, TEXT, Column
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


def columns(round_obj: Round) -> list[Column]:
    """The grid's columns: each field's header is the row page's label."""
    fields = TaskRowForm(round_obj=round_obj).fields
    kinds = {**dict.fromkeys(AMOUNTS, AMOUNT), **dict.fromkeys(MONTHS, MONTH), **dict.fromkeys(LONG_TEXTS, LONG),
             **dict.fromkeys(OPTIONS, OPTION)}
    return [Column(key, str(fields[key].label), kinds.get(key, TEXT),
                   [(str(option.pk), option.name_vi) for option in round_obj.options(OPTIONS[key])] if key in OPTIONS else [])
            for key in COLUMNS]


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
    """A block pasted at a cell of `start_column` (core.grid.lay_out_paste): amounts and months are checked
    as typed cells are, an option's text is matched to the round's list as the upload does and given as its id."""
    def read(row):
        problems = {}
        for key, kind in OPTIONS.items():
            if row.get(key):
                option = services.match_option(round_obj, kind, row[key])
                if option is None:
                    problems[key] = f"'{row[key]}' không có trong danh mục của đợt này."
                row[key] = str(option.pk) if option else ""
        _values, refused = read_cells(round_obj, row)
        return row, {**refused, **problems}

    return core_grid.lay_out_paste(text=text, html=html, columns=columns(round_obj), start=start_column, read=read)


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


def _save(body, *, proposal, user):
    values, refused = read_cells(proposal.round, core_grid.cells_of(body))
    row = core_grid.row_of(proposal.rows, body["id"]) if body.get("id") else None
    saved, errors = services.save_grid_row(proposal=proposal, user=user, values=values, refused=refused, row=row,
                                           client_key=None if row else core_grid.new_row_key(body.get("key")),
                                           row_version=body.get("version") if row else None,
                                           position=core_grid.undo_position(proposal.rows, body) if not row else None)
    return {"row": row_payload(saved, proposal.round.money_unit) if saved else None, "errors": errors}


def _delete(body, *, proposal, user):
    row = core_grid.row_of(proposal.rows, body.get("id"))
    services.delete_row(proposal=proposal, user=user, row=row, row_version=body.get("version"))
    return {"deleted": body.get("id")}


def _move(body, *, proposal, user):
    offset = -1 if body.get("direction") == "up" else 1
    row = core_grid.row_of(proposal.rows, body.get("id"))
    return {"order": services.move_row(proposal=proposal, user=user, row=row, offset=offset)}


def _paste(body, *, proposal, user):
    return read_paste(proposal.round, text=str(body.get("text") or ""), html=str(body.get("html") or ""),
                      start_column=str(body.get("column") or "name"))


def _copied(rows, proposal, nothing: str):
    return {"rows": [row_payload(row, proposal.round.money_unit) for row in rows],
            "message": f"Đã chép {len(rows)} nhiệm vụ." if rows else nothing}


def _copy_plan(_body, *, proposal, user):
    return _copied(copy_from_action_plan(proposal=proposal, user=user), proposal,
                   f"Không có nhiệm vụ năm {proposal.round.plan_year} nào chưa chép từ kế hoạch hành động của đơn vị.")


def _copy_previous(_body, *, proposal, user):
    return _copied(copy_from_previous_year(proposal=proposal, user=user), proposal,
                   "Không có nhiệm vụ nào chưa chép từ đề xuất năm trước của đơn vị.")


ACTIONS = {"save": _save, "delete": _delete, "move": _move, "paste": _paste, "copy_plan": _copy_plan,
           "copy_previous": _copy_previous}


def handle(*, proposal: Proposal, user, body: dict) -> dict:
    """One action of the grid page ({"action": "save", ...}) → its answer, with the proposal's new lock
    version (the page's send button carries it). Raises StaleRow (the row changed elsewhere),
    ValidationError (refused) or PermissionDenied."""
    answer = core_grid.handle(ACTIONS, body, proposal=proposal, user=user)
    answer["lock_version"] = Proposal.objects.select_related("submission").get(pk=proposal.pk).lock_version
    return answer


def table(round_obj: Round, organisation, proposal: Proposal | None, rows, *, editable: bool) -> dict:
    """The grid as the page first shows it (core/templates/core/grid/grid.html); a decided proposal adds
    its approved amounts."""
    unit = round_obj.money_unit
    grid_columns = columns(round_obj)
    payloads = [row_payload(row, unit) for row in rows]
    totals = services.totals(proposal) if proposal else {}
    shown = {"central_vnd": totals.get("central"), "other_vnd": totals.get("other")}
    if proposal is not None and proposal.status == "accepted":
        grid_columns.append(Column("approved_central_vnd", f"{_('NSTW được duyệt')} ({round_obj.money_label})", AMOUNT))
        for row, payload in zip(rows, payloads):
            payload["cells"]["approved_central_vnd"] = vn.format_money(row.approved_central_vnd, unit)
        shown["approved_central_vnd"] = totals.get("approved")
    kwargs = {"pk": round_obj.pk, "code": organisation.code}
    return core_grid.page_table(
        columns=grid_columns, rows=payloads, totals={key: vn.format_money(value or 0, unit) for key, value in shown.items()},
        url=reverse("rounds:grid", kwargs=kwargs) if editable else None, add_url=reverse("rounds:row_add", kwargs=kwargs),
        factor=vn.MONEY_UNITS[unit]["factor"], total_ids={"central_vnd": "total-central"},
        edit_url=lambda row_id: reverse("rounds:row_edit", kwargs={**kwargs, "row_id": row_id}),
        tools=[{"id": "grid-copy-plan", "action": "copy_plan",
                "label": _("Chép nhiệm vụ năm %(year)s từ kế hoạch hành động") % {"year": round_obj.plan_year}},
               {"id": "grid-copy-previous", "action": "copy_previous", "label": _("Chép đề xuất năm trước")}])
