"""The dossier's tasks as a grid (core/static/core/grid.js, core.grid): one row per task, one amount column
per funding source in triệu đồng. Typed cells are read by the task page's form and saved one task at a time
through services.save_dossier_grid_task; `handle` answers the page's JSON actions, testable without HTTP."""
from django.urls import reverse

from core import grid as core_grid
from core import vn
from core.grid import AMOUNT, OPTION, TEXT, Column
from programmes.models import FundingSource

from . import services
from .forms import MONEY_UNIT, DossierTaskForm, amount_field_name
from .models import Dossier, DossierFunding, DossierTask

TASK_FIELDS = ["name", "action_task", "component", "responsible_body"]
OPTIONS = ["action_task", "component"]


def columns(dossier: Dossier, sources) -> list[Column]:
    form = DossierTaskForm(dossier=dossier)
    grid_columns = [Column(key, str(form.fields[key].label), OPTION if key in OPTIONS else TEXT,
                           [(str(choice.pk), str(choice)) for choice in form.fields[key].queryset] if key in OPTIONS else [])
                    for key in TASK_FIELDS]
    return grid_columns + [Column(amount_field_name(source), f"{source.name_vi} ({vn.MONEY_UNITS[MONEY_UNIT]['label']})",
                                  AMOUNT) for source in sources]


def read_cells(dossier: Dossier, sources, cells: dict) -> tuple[dict, dict, dict]:
    """Typed cell texts read as the task page reads them: (task values, {source: đồng}, {field: message})."""
    form = DossierTaskForm(data={"version": "0", **{key: str(value or "") for key, value in cells.items()}}, dossier=dossier)
    form.fields["name"].required = False  # an empty name is the service's to refuse, with its message
    form.is_valid()
    values = {key: form.cleaned_data[key] for key in TASK_FIELDS if key in cells and key in form.cleaned_data}
    funding = {source: form.cleaned_data[amount_field_name(source)] or 0 for source in sources
               if amount_field_name(source) in cells and amount_field_name(source) in form.cleaned_data}
    refused = {key: " ".join(errors) for key, errors in form.errors.items() if key in cells}
    return values, funding, refused


def row_payload(task: DossierTask, sources, amounts: dict | None = None) -> dict:
    """A saved task as the grid shows it; `amounts` {source id: đồng} (read from the task when not given)."""
    if amounts is None:
        amounts = dict(task.funding.values_list("source_id", "amount_vnd"))
    cells = {"name": task.name, "responsible_body": task.responsible_body,
             "action_task": str(task.action_task_id or ""), "component": str(task.component_id or "")}
    vnd = {amount_field_name(source): amounts.get(source.pk, 0) for source in sources}
    cells.update({key: vn.format_money(value, MONEY_UNIT) for key, value in vnd.items()})
    return {"id": task.pk, "version": task.version, "cells": cells, "amounts": vnd}


def _save(body, *, dossier, user, sources):
    values, funding, refused = read_cells(dossier, sources, core_grid.cells_of(body))
    task = core_grid.row_of(dossier.tasks, body["id"]) if body.get("id") else None
    saved, errors = services.save_dossier_grid_task(
        dossier=dossier, user=user, values=values, funding=funding, refused=refused, task=task,
        client_key=None if task else core_grid.new_row_key(body.get("key")), task_version=body.get("version") if task else None,
        position=core_grid.undo_position(dossier.tasks, body) if not task else None)
    return {"row": row_payload(saved, sources) if saved else None, "errors": errors}


def _delete(body, *, dossier, user, sources):
    task = core_grid.row_of(dossier.tasks, body.get("id"))
    services.delete_dossier_task(dossier=dossier, user=user, task=task, task_version=body.get("version"))
    return {"deleted": body.get("id")}


def _move(body, *, dossier, user, sources):
    offset = -1 if body.get("direction") == "up" else 1
    task = core_grid.row_of(dossier.tasks, body.get("id"))
    return {"order": services.move_dossier_task(dossier=dossier, user=user, task=task, offset=offset)}


def _paste(body, *, dossier, user, sources):
    grid_columns = columns(dossier, sources)
    choices = {column.name: column.options for column in grid_columns if column.kind == OPTION}

    def read(row):
        problems = {}
        for key, options in choices.items():
            if row.get(key):
                wanted = vn.fold(row[key])
                value = next((value for value, text in options if vn.fold(text) == wanted or vn.fold(text).startswith(wanted)), "")
                if not value:
                    problems[key] = f"'{row[key]}' không có trong danh sách."
                row[key] = value
        _values, _funding, refused = read_cells(dossier, sources, row)
        return row, {**refused, **problems}

    return core_grid.lay_out_paste(text=str(body.get("text") or ""), html=str(body.get("html") or ""),
                                   columns=grid_columns, start=str(body.get("column") or "name"), read=read)


ACTIONS = {"save": _save, "delete": _delete, "move": _move, "paste": _paste}


def handle(*, dossier: Dossier, user, body: dict) -> dict:
    """One action of the dossier page's grid → its answer with the dossier's new lock version. Raises
    StaleTask (the task changed elsewhere), ValidationError (refused) or PermissionDenied."""
    answer = core_grid.handle(ACTIONS, body, dossier=dossier, user=user, sources=list(FundingSource.objects.all()))
    answer["lock_version"] = Dossier.objects.select_related("submission").get(pk=dossier.pk).lock_version
    return answer


def table(dossier: Dossier | None, call, organisation, tasks, *, editable: bool) -> dict:
    """The grid as the dossier page first shows it (core/templates/core/grid/grid.html)."""
    sources = list(FundingSource.objects.all())
    amounts = {}
    for task_id, source_id, amount in DossierFunding.objects.filter(task__in=tasks).values_list("task_id", "source_id", "amount_vnd"):
        amounts.setdefault(task_id, {})[source_id] = amount
    rows = [row_payload(task, sources, amounts.get(task.pk, {})) for task in tasks]
    # Before the unit's first save there is no dossier yet: the columns of an unsaved one.
    grid_columns = columns(dossier or Dossier(call=call, organisation=organisation), sources)
    totals = {amount_field_name(source): vn.format_money(sum(row["amounts"][amount_field_name(source)] for row in rows),
                                                         MONEY_UNIT) for source in sources}
    kwargs = {"year": call.plan_year, "code": organisation.code}
    return core_grid.page_table(
        columns=grid_columns, rows=rows, totals=totals, factor=vn.MONEY_UNITS[MONEY_UNIT]["factor"],
        url=reverse("plans:dossier_grid", kwargs=kwargs) if editable else None,
        add_url=reverse("plans:dossier_task_add", kwargs=kwargs),
        edit_url=lambda task_id: reverse("plans:dossier_task_edit", kwargs={**kwargs, "task_id": task_id}))

