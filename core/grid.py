"""What every grid of rows shares on the server (the page's side is core/static/core/grid.js, the markup
core/templates/core/grid.html): the new row's key, a pasted block laid on the columns, the answer to a
page's action. A kind (rounds, plans) adds its columns, how typed cells are read and how a row is saved."""
import json
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core import vn
from core.clipboard import read_clipboard
from core.locking import StaleItem

# The kinds of column: how a cell is typed, and so how it is read and shown.
TEXT, LONG, MONTH, AMOUNT, OPTION = "text", "long", "month", "amount", "option"


@dataclass
class Column:
    name: str  # the field name, also the input's name in the page
    label: str  # the header, also each input's accessible name
    kind: str = TEXT
    options: list = field(default_factory=list)  # [(value, text)] of an OPTION column


def new_row_key(text) -> uuid.UUID | None:
    """The key the page chose for a new row (None: none sent); refused when it is not a UUID."""
    if not text:
        return None
    try:
        return uuid.UUID(str(text))
    except ValueError:
        raise ValidationError("Mã dòng mới không hợp lệ; hãy tải lại trang.") from None


def cells_of(body: dict) -> dict:
    """The typed cells a save sends ({field: text})."""
    cells = body.get("cells") or {}
    if not isinstance(cells, dict):
        raise ValidationError("Dữ liệu của dòng không hợp lệ; hãy tải lại trang.")
    return cells


def row_of(items, row_id):
    """The owner's row named by the page; StaleItem(None) when it is gone (deleted elsewhere)."""
    row = items.filter(pk=vn.whole_number(row_id, max_digits=18) or 0).first()
    if row is None:
        raise StaleItem(None)
    return row


def undo_position(items, body: dict) -> int | None:
    """Where a new row goes: after the row named in "after" (a deleted row put back; null: first), else at
    the end (None)."""
    if "after" not in body:
        return None
    if body["after"] is None:
        return 0
    previous = items.filter(pk=vn.whole_number(body["after"], max_digits=18) or 0).first()
    return previous.position + 1 if previous else None


def new_row_page(request, items, edit_url):
    """A new row's one-row page (GET) keeps the row's key in its address, so Back returns to the same key:
    (key, None) to show the form, or (None, redirect) to the address with a fresh key, or to the row that
    key already added (Back after saving shows that row to change, never a form adding it twice).
    `items` are the owner's rows, `edit_url(pk)` a row's page."""
    try:
        key = new_row_key(request.GET.get("key"))
    except ValidationError:
        key = None
    if key is None:
        return None, redirect(f"{request.path}?key={uuid.uuid4()}")
    added = items.filter(client_key=key).first()
    if added is not None:
        return None, redirect(edit_url(added.pk))
    return key, None


def lay_out_paste(*, text: str, html: str, columns: list[Column], start: str, read) -> dict:
    """A block pasted at a cell of column `start`, laid on the columns from there on, each row checked by
    `read(row) -> (row, {field: message})` (which may turn an option's text into its value):
    {"rows": [{field: text}], "errors": ["Dòng 2 của khối dán, cột …: message", ...]}. Nothing is saved."""
    names = [column.name for column in columns]
    if start not in names:
        raise ValidationError("Cột không có trong bảng.")
    try:
        block = read_clipboard(text, html)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    labels = {column.name: column.label for column in columns}
    fields = names[names.index(start):]
    rows, errors = [], []
    for number, cells in enumerate(block, start=1):
        row, problems = read(dict(zip(fields, cells)))
        errors += [f"Dòng {number} của khối dán, cột {labels[name]}: {problems[name]}" for name in fields if name in problems]
        rows.append(row)
    if any(len(cells) > len(fields) for cells in block):
        errors.append(f"Khối dán có nhiều cột hơn bảng từ cột {labels[start]}; các cột thừa bị bỏ qua.")
    return {"rows": rows, "errors": errors}


def handle(actions: dict, body, **context) -> dict:
    """One action of a grid page ({"action": "save", ...}) answered by `actions[name](body, **context)`."""
    action = actions.get(body.get("action")) if isinstance(body, dict) else None
    if action is None:
        raise ValidationError("Thao tác không hợp lệ.")
    return action(body, **context)


def page_table(*, columns: list[Column], rows: list[dict], totals: dict, url: str | None, add_url: str = "",
               factor: int = 1, edit_url=None, tools=(), total_ids=None) -> dict:
    """What core/templates/core/grid/grid.html shows: `rows` are the kind's row answers ({"id", "version",
    "cells", "amounts"}), `totals` the amount columns' texts (`total_ids` gives some an element id); without
    `url` the grid is read-only text. `tools` are the kind's extra buttons [{"id", "action", "label"}], each
    posting an action that answers {"rows", "message"}."""
    option_texts = {column.name: dict(column.options) for column in columns if column.kind == OPTION}
    lines = []
    for row in rows:
        cells = []
        for column in columns:
            value = row["cells"].get(column.name, "")
            text = option_texts[column.name].get(value, "") if column.kind == OPTION else value
            cells.append({"column": column, "value": value, "text": text, "vnd": row["amounts"].get(column.name)})
        lines.append({"id": row["id"], "version": row["version"], "cells": cells,
                      "edit_url": edit_url(row["id"]) if edit_url else ""})
    return {"columns": columns, "lines": lines, "url": url, "add_url": add_url, "factor": str(factor),
            "footer": [{"column": column, "total": totals.get(column.name, "") if column.kind == AMOUNT else None,
                        "id": (total_ids or {}).get(column.name, "")} for column in columns],
            "tools": list(tools), "editable": bool(url)}


def page_texts() -> dict:
    """What grid.js says, in the page's language (given to the page as a JSON data block, #grid-texts)."""
    return {
        "saving": _("Đang lưu…"), "saved": _("Đã lưu"), "unsaved": _("Chưa lưu"),
        "invalid": _("Có ô chưa lưu được: xem các ô viền đỏ."),
        "offline": _("Chưa lưu được (mất kết nối?). Sẽ thử lại sau ít giây; đừng đóng trang."),
        "forbidden": _("Không lưu được: bạn không có quyền hoặc phiên đăng nhập đã hết. Hãy đăng nhập lại trong thẻ khác."),
        "confirm_delete": _("Xóa nhiệm vụ này?"), "deleted": _("Đã xóa một nhiệm vụ."), "undo": _("Hoàn tác"),
        "conflict": _("Dòng này vừa được sửa ở nơi khác. Bản đã lưu:"), "gone": _("Dòng này vừa bị xóa ở nơi khác."),
        "keep_mine": _("Giữ bản của tôi"), "use_saved": _("Dùng bản đã lưu"), "copying": _("Đang chép…"),
    }


def respond(request, handle, saved_row) -> JsonResponse:
    """A grid page's action (JSON, or a form post) answered in JSON by `handle(body)`: 409 with the saved
    row (`saved_row(item)`) when the row changed elsewhere, 400 with the message when refused."""
    try:
        body = json.loads(request.body or b"{}") if request.content_type == "application/json" else request.POST.dict()
    except ValueError:
        return JsonResponse({"message": _("Dữ liệu gửi lên không đọc được; hãy tải lại trang.")}, status=400)
    try:
        return JsonResponse(handle(body))
    except StaleItem as stale:
        saved = saved_row(stale.saved) if stale.saved is not None else None
        return JsonResponse({"conflict": True, "message": stale.messages[0], "saved": saved}, status=409)
    except ValidationError as error:
        return JsonResponse({"message": " ".join(error.messages)}, status=400)
