"""The evaluation report (e.g. 2009–2015) as .docx and .xlsx, from plain data.

`report_data(dashboard, day)` turns the dashboard into plain rows; `write_docx` and `write_xlsx` lay
them out. Figures are rounded to one decimal in both files, the same way everywhere (ROUND_HALF_UP)."""
import io
from decimal import ROUND_HALF_UP, Decimal

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core import docx as admin_docx
from core.vn import format_number

NOT_AVAILABLE = "—"


def rounded(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def shown(value) -> str:
    return NOT_AVAILABLE if value is None else format_number(rounded(value), 1)


def target_label(target) -> str:
    if target is None:
        return NOT_AVAILABLE
    low = format_number(target["min"], 0 if target["min"] == int(target["min"]) else 1)
    if target["max"] is None:
        return low
    high = format_number(target["max"], 0 if target["max"] == int(target["max"]) else 1)
    return f"{low}–{high}"


def report_data(dashboard, day) -> dict:
    """Plain data of a dashboard for the report files."""
    period = dashboard.period
    lines = []
    for line in dashboard.lines:
        target = line.target
        lines.append({
            "code": line.indicator.code, "name": line.indicator.name_vi, "unit": line.indicator.unit,
            "value": rounded(line.value), "available": line.available,
            "target": {"year": target.milestone_year, "min": target.target_min, "max": target.target_max} if target else None,
            "gap": rounded(line.gap), "reached": line.reached,
            "by_kind": {kind: rounded(line.by_kind.get(kind)) for kind, _label in dashboard.kinds},
            "by_province": {p["code"]: rounded(line.by_province.get(p["code"])) for p in dashboard.provinces},
        })
    return {
        "title": period.title, "years": period.years_label, "day": day,
        "expected": dashboard.board_expected, "actual": dashboard.board_actual, "rate": rounded(dashboard.reporting_rate),
        "kinds": [(kind, str(label)) for kind, label in dashboard.kinds],
        "provinces": dashboard.provinces, "lines": lines,
        "rounds": [{"title": r["title"], "invited": r["n_invited"], "sent": r["n_sent"], "rate": rounded(r["rate"])}
                   for r in dashboard.round_rates],
    }


def assessment(line) -> str:
    if line["reached"] is None:
        return NOT_AVAILABLE
    return "Đạt" if line["reached"] else "Chưa đạt"


# --- .docx (Decree 30 layout from core.docx) ---

ISSUER = "VĂN PHÒNG BAN ĐIỀU HÀNH CHIẾN LƯỢC SXSH"
SUPERIOR = "BỘ CÔNG THƯƠNG"


def _table(document, headings, rows):
    return admin_docx.add_table(document, headings, [[str(text) for text in row] for row in rows], size=Pt(11),
                                numeric_columns=range(1, len(headings)))


def write_docx(data: dict) -> bytes:
    document = admin_docx.new_document()
    admin_docx.add_letterhead(document, admin_docx.Letterhead(
        superior=SUPERIOR, issuer=ISSUER, number=data.get("number") or "        /BC-VPSXSH", day=data["day"]))
    admin_docx.add_title(document, "BÁO CÁO", "Đánh giá kết quả thực hiện các chỉ tiêu của Chiến lược sản xuất sạch hơn "
                                              f"trong công nghiệp, kỳ {data['years']}")
    admin_docx.add_heading(document, "I. TÌNH HÌNH GỬI BÁO CÁO")
    admin_docx.add_body(document, f"Số đơn vị phải báo cáo: {data['expected']}; số đơn vị đã gửi: {data['actual']}; "
                                  f"tỷ lệ gửi báo cáo: {shown(data['rate'])}%.")
    admin_docx.add_heading(document, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU SO VỚI MỤC TIÊU")
    admin_docx.add_caption(document, "Bảng 1. Kết quả toàn quốc so với mục tiêu")
    _table(document, ["Chỉ tiêu", "Đơn vị tính", "Kết quả", "Mục tiêu", "Chênh lệch", "Đánh giá"], [
        [line["name"], line["unit"], shown(line["value"]),
         target_label(line["target"]) + (f" ({line['target']['year']})" if line["target"] else ""),
         shown(line["gap"]), assessment(line)]
        for line in data["lines"]
    ])
    admin_docx.add_caption(document, "Bảng 2. Kết quả theo loại đơn vị")
    _table(document, ["Chỉ tiêu"] + [label for _kind, label in data["kinds"]], [
        [line["name"]] + [shown(line["by_kind"][kind]) for kind, _label in data["kinds"]] for line in data["lines"]
    ])
    admin_docx.add_caption(document, "Bảng 3. Kết quả theo tỉnh, thành phố")
    _table(document, ["Tỉnh, thành phố"] + [line["code"] for line in data["lines"]], [
        [province["name"]] + [shown(line["by_province"][province["code"]]) for line in data["lines"]]
        for province in data["provinces"]
    ])
    admin_docx.add_body(document, "Ghi chú mã chỉ tiêu: " + "; ".join(f"{line['code']}: {line['name']}" for line in data["lines"]))
    if data["rounds"]:
        admin_docx.add_caption(document, "Bảng 4. Tỷ lệ đơn vị gửi đề xuất trong các đợt đề xuất nhiệm vụ")
        _table(document, ["Đợt đề xuất", "Số đơn vị được mời", "Số đơn vị đã gửi", "Tỷ lệ (%)"], [
            [r["title"], r["invited"], r["sent"], shown(r["rate"])] for r in data["rounds"]
        ])
    admin_docx.add_closing(document, admin_docx.Closing(
        recipients=["Ban điều hành Chiến lược (để b/c)", "Các Bộ, ngành, địa phương", "Lưu: VT, VPSXSH"],
        signature=admin_docx.Signature(title="CHÁNH VĂN PHÒNG", name=data.get("signer", ""))))
    return admin_docx.to_bytes(document)


# --- .xlsx ---

def _number(value):
    return None if value is None else float(value)


def write_xlsx(data: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chỉ tiêu"
    bold = Font(bold=True)
    sheet.append([f"Đánh giá kết quả thực hiện các chỉ tiêu, kỳ {data['years']}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Số đơn vị phải báo cáo", data["expected"], "Đã gửi", data["actual"], "Tỷ lệ (%)", _number(data["rate"])])
    sheet.append([])
    sheet.append(["Mã", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Mục tiêu (từ)", "Mục tiêu (đến)", "Năm mốc", "Chênh lệch", "Đánh giá"])
    for cell in sheet[4]:
        cell.font = bold
    for line in data["lines"]:
        target = line["target"] or {}
        sheet.append([line["code"], line["name"], line["unit"], _number(line["value"]), _number(target.get("min")),
                      _number(target.get("max")), target.get("year"), _number(line["gap"]), assessment(line)])
    sheet.column_dimensions["B"].width = 70
    for row in sheet.iter_rows(min_row=5, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True)

    kinds = workbook.create_sheet("Theo loại đơn vị")
    kinds.append(["Mã"] + [label for _kind, label in data["kinds"]])
    for line in data["lines"]:
        kinds.append([line["code"]] + [_number(line["by_kind"][kind]) for kind, _label in data["kinds"]])

    provinces = workbook.create_sheet("Theo tỉnh")
    provinces.append(["Mã tỉnh", "Tỉnh, thành phố"] + [line["code"] for line in data["lines"]])
    for province in data["provinces"]:
        provinces.append([province["code"], province["name"]]
                         + [_number(line["by_province"][province["code"]]) for line in data["lines"]])

    if data["rounds"]:
        rounds = workbook.create_sheet("Đợt đề xuất")
        rounds.append(["Đợt đề xuất", "Số đơn vị được mời", "Số đơn vị đã gửi", "Tỷ lệ (%)"])
        for r in data["rounds"]:
            rounds.append([r["title"], r["invited"], r["sent"], _number(r["rate"])])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
