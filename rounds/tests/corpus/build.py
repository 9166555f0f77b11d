"""Builds the annex corpus: hand-made files in the layouts units send, each with its expected read.

The expected reads are written here by hand, next to the cells they come from; nothing is read back
from the parser. Run from the repository root after changing a case, then commit the files:
    .venv/bin/python rounds/tests/corpus/build.py
.xls, .ods and the LibreOffice-resaved .xlsx are converted by LibreOffice (soffice) from the .xlsx."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
from openpyxl import Workbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

LETTER_HEADER = ["TT", "Tên Nhiệm vụ", "Mục tiêu và nội dung của nhiệm vụ", "Sản phẩm dự kiến", "Thời gian thực hiện",
                 "Kinh phí đề nghị hỗ trợ từ nguồn Ngân sách TW", "Kinh phí đối ứng từ các nguồn khác", "Ghi chú"]
TITLE = ["TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM 2017"]
SUBTITLE = ["Thực hiện các đề án thành phần thuộc Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020"]


def preamble(unit_name, unit_line):
    rows = [[f"TÊN ĐƠN VỊ: {unit_name}"], [], TITLE, SUBTITLE]
    rows.append([None] * 5 + [unit_line] if unit_line else [])
    return rows


def task(tt, name, objectives, products, period, central_vnd, other_vnd, notes=""):
    return {"tt": tt, "name": name, "objectives": objectives, "products": products, "period": period,
            "central_vnd": central_vnd, "other_vnd": other_vnd, "notes": notes}


def problem(row, field, column, message):
    return {"row": row, "field": field, "column": column, "message": message}


def expected(unit_name, money_unit, tasks, *, errors=(), warnings=(), ignored=()):
    ok = not errors
    return {
        "unit_name": unit_name, "money_unit": money_unit,
        "tasks": tasks if ok else None,
        "totals": {"rows": len(tasks), "central_vnd": sum(t["central_vnd"] for t in tasks),
                   "other_vnd": sum(t["other_vnd"] for t in tasks)} if ok else None,
        "errors": list(errors), "warnings": list(warnings),
        "ignored_columns": [{"column": column, "header": header} for column, header in ignored],
    }


def save_xlsx(name, rows, *, merges=(), hidden=(), formulas=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    for number in hidden:
        sheet.row_dimensions[number].hidden = True
    workbook.save(HERE / name)


def convert(source, target_name, filter_name):
    """LibreOffice converts `source` (in HERE) to `target_name`, with a private profile."""
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filter_name,
                        "--outdir", out, str(HERE / source)], check=True, capture_output=True)
        produced = next(Path(out).iterdir())
        shutil.move(produced, HERE / target_name)


CASES = {}


def case(name, expect):
    CASES[name] = expect


# --- the letter's own layout ---------------------------------------------------------------------------

HANOI = "Sở Công Thương thành phố Hà Nội"
LETTER_ROWS = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER] + [
    [1, "Tập huấn sản xuất sạch hơn", "Nâng cao năng lực; 2 lớp", "02 lớp tập huấn", "Quý II/2017", 300, 120, ""],
    [2, "Đánh giá nhanh SXSH tại 5 cơ sở", "Đánh giá, lập kế hoạch giải pháp", "05 báo cáo", "03/2017 - 11/2017", 450.5, 200,
     "Phối hợp với VNCPC"],
    [3, "Phóng sự điển hình SXSH", "Tuyên truyền", "01 phóng sự", "Năm 2017", 150, 0, ""],
]
LETTER_TASKS = [
    task(1, "Tập huấn sản xuất sạch hơn", "Nâng cao năng lực; 2 lớp", "02 lớp tập huấn", "Quý II/2017", 300_000_000, 120_000_000),
    task(2, "Đánh giá nhanh SXSH tại 5 cơ sở", "Đánh giá, lập kế hoạch giải pháp", "05 báo cáo", "03/2017 - 11/2017",
         450_500_000, 200_000_000, "Phối hợp với VNCPC"),
    task(3, "Phóng sự điển hình SXSH", "Tuyên truyền", "01 phóng sự", "Năm 2017", 150_000_000, 0),
]


def build_letter():
    save_xlsx("c01-letter-header.xlsx", LETTER_ROWS)
    case("c01-letter-header.xlsx", expected(HANOI, "triệu đồng", LETTER_TASKS))
    convert("c01-letter-header.xlsx", "c13-letter.xls", "xls")
    case("c13-letter.xls", expected(HANOI, "triệu đồng", LETTER_TASKS))
    convert("c01-letter-header.xlsx", "c14-letter.ods", "ods")
    case("c14-letter.ods", expected(HANOI, "triệu đồng", LETTER_TASKS))


def build_template():
    from rounds import annex

    content = annex.write_template(
        round_title="Đề xuất nhiệm vụ năm 2017", plan_year=2017, unit_name="Sở Công Thương tỉnh Bắc Ninh", money_unit="trieu",
        identity={"round": 1, "organisation": "bac-ninh"}, priorities=["Bản tin"], components=["Đề án 1"],
        rows=[{"name": "Tập huấn", "objectives": "Mục tiêu A", "products": "Báo cáo", "period": "2017", "central_vnd": 250_000_000,
               "other_vnd": 50_000_000, "notes": "Ghi chú A", "priority": "Bản tin", "component": "Đề án 1"},
              {"name": "Hội thảo", "objectives": "Mục tiêu B", "products": "Kỷ yếu", "period": "Quý III/2017",
               "central_vnd": 1_500_000, "other_vnd": 0}],
        blank_rows=3)
    (HERE / "c02-own-template.xlsx").write_bytes(content)
    case("c02-own-template.xlsx", expected("Sở Công Thương tỉnh Bắc Ninh", "triệu đồng", [
        task(1, "Tập huấn", "Mục tiêu A", "Báo cáo", "2017", 250_000_000, 50_000_000, "Ghi chú A"),
        task(2, "Hội thảo", "Mục tiêu B", "Kỷ yếu", "Quý III/2017", 1_500_000, 0)]))


# --- two-level headers, merged cells, LibreOffice and formulas -----------------------------------------

QN = "UBND tỉnh Quảng Ninh"


def build_two_level():
    rows = preamble(QN, "") + [
        ["STT", "Tên nhiệm vụ", "Mục tiêu và nội dung", "Sản phẩm", "Thời gian", "Kinh phí (triệu đồng)", None, "Ghi chú"],
        [None, None, None, None, None, "Ngân sách TW", "Đối ứng", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        [1, "Bản tin SXSH", "Phát hành 4 số", "4 số bản tin", "Năm 2017", "120", "30,5", ""],
        [2, "Tờ rơi SXSH", "In tờ rơi", "2.000 tờ", "Năm 2017", "45,25", "0", ""],
        [None, "Tổng cộng", None, None, None, "=F9+F10", "=G9+G10", None],
    ]
    save_xlsx("c03-two-level-header.xlsx", rows, merges=["F6:G6", "A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:E7", "H6:H7"])
    tasks = [task(1, "Bản tin SXSH", "Phát hành 4 số", "4 số bản tin", "Năm 2017", 120_000_000, 30_500_000),
             task(2, "Tờ rơi SXSH", "In tờ rơi", "2.000 tờ", "Năm 2017", 45_250_000, 0)]
    case("c03-two-level-header.xlsx", expected(QN, "triệu đồng", tasks))
    # LibreOffice keeps the merges and stores the totals' values, which are then checked against the rows.
    convert("c03-two-level-header.xlsx", "c15-libreoffice-resaved.xlsx", 'xlsx:Calc MS Excel 2007 XML')
    case("c15-libreoffice-resaved.xlsx", expected(QN, "triệu đồng", tasks))


def build_formulas():
    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER] + [
        [1, "Hội thảo", "Chia sẻ kinh nghiệm", "Kỷ yếu", "2017", "=100+50", "=0", ""],
        [2, "Tập huấn", "2 lớp", "Tài liệu", "2017", "=2*60.5", 10, ""],
        [None, "Tổng cộng", None, None, None, "=SUM(F7:F8)", "=SUM(G7:G8)+5", None],
    ]
    save_xlsx("c20-formulas-source.xlsx", rows)
    # Only a spreadsheet program stores a formula's value: LibreOffice computes and saves them.
    convert("c20-formulas-source.xlsx", "c20-formulas.xlsx", 'xlsx:Calc MS Excel 2007 XML')
    (HERE / "c20-formulas-source.xlsx").unlink()
    case("c20-formulas.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Hội thảo", "Chia sẻ kinh nghiệm", "Kỷ yếu", "2017", 150_000_000, 0),
        task(2, "Tập huấn", "2 lớp", "Tài liệu", "2017", 121_000_000, 10_000_000)],
        warnings=[problem(9, "other", "G", "Dòng cộng ghi 15 triệu đồng nhưng tổng các nhiệm vụ là 10 triệu đồng")]))


def build_merged_body():
    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER] + [
        [1, "Đánh giá SXSH cơ sở dệt", "Đánh giá nhanh", "Báo cáo", "Năm 2017", 100, 20, ""],
        [2, "Đánh giá SXSH cơ sở giấy", "Đánh giá nhanh", "Báo cáo", None, 80, None, ""],
    ]
    save_xlsx("c18-merged-cells.xlsx", rows, merges=["E7:E8", "G7:G8"])
    case("c18-merged-cells.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Đánh giá SXSH cơ sở dệt", "Đánh giá nhanh", "Báo cáo", "Năm 2017", 100_000_000, 20_000_000),
        task(2, "Đánh giá SXSH cơ sở giấy", "Đánh giá nhanh", "Báo cáo", "Năm 2017", 80_000_000, 0)],
        warnings=[problem(8, "other", "G", "Ô kinh phí gộp với dòng 7")]))


def build_hidden_row():
    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER] + [
        [1, "Tập huấn", "2 lớp", "Tài liệu", "2017", 100, 0, ""],
        [2, "Nhiệm vụ bị ẩn", "Ẩn", "Báo cáo", "2017", 40, 5, ""],
        [3, "Hội thảo", "1 hội thảo", "Kỷ yếu", "2017", 60, 0, ""],
    ]
    save_xlsx("c19-hidden-row.xlsx", rows, hidden=[8])
    case("c19-hidden-row.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Tập huấn", "2 lớp", "Tài liệu", "2017", 100_000_000, 0),
        task(2, "Nhiệm vụ bị ẩn", "Ẩn", "Báo cáo", "2017", 40_000_000, 5_000_000),
        task(3, "Hội thảo", "1 hội thảo", "Kỷ yếu", "2017", 60_000_000, 0)],
        warnings=[problem(8, None, "", "Dòng này bị ẩn trong tệp")]))


# --- headings, subtotals and totals ---------------------------------------------------------------------

def build_headings():
    header = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER]
    rows = header + [
        [1, "Hỗ trợ kỹ thuật", None, None, None, None, None, None],
        [1, "Đánh giá SXSH ngành dệt", "Đánh giá", "Báo cáo", "2017", 100, 10, ""],
        [2, "Đánh giá SXSH ngành giấy", "Đánh giá", "Báo cáo", "2017", 50, 0, ""],
        [2, "Truyền thông", None, None, None, None, None, None],
        [1, "Bản tin", "4 số", "Bản tin", "2017", 30, 0, ""],
    ]
    save_xlsx("c04-headings-numbered.xlsx", rows)
    case("c04-headings-numbered.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Đánh giá SXSH ngành dệt", "Đánh giá", "Báo cáo", "2017", 100_000_000, 10_000_000),
        task(2, "Đánh giá SXSH ngành giấy", "Đánh giá", "Báo cáo", "2017", 50_000_000, 0),
        task(1, "Bản tin", "4 số", "Bản tin", "2017", 30_000_000, 0)]))

    rows = header + [
        ["I", "Truyền thông", None, None, None, None, None, None],
        [1, "Bản tin", "4 số", "Bản tin", "2017", 30, 5, ""],
        [2, "Tờ rơi", "In", "Tờ rơi", "2017", "12,5", 0, ""],
        [None, "Cộng I", None, None, None, "42,5", 5, None],
        ["II", "Hỗ trợ kỹ thuật", None, None, None, None, None, None],
        [1, "Đánh giá SXSH", "Đánh giá", "Báo cáo", "2017", 200, 50, ""],
        [None, "Cộng II", None, None, None, 210, 50, None],
        [None, "TỔNG CỘNG", None, None, None, "242,5", 60, None],
    ]
    save_xlsx("c05-headings-roman-subtotals.xlsx", rows)
    case("c05-headings-roman-subtotals.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Bản tin", "4 số", "Bản tin", "2017", 30_000_000, 5_000_000),
        task(2, "Tờ rơi", "In", "Tờ rơi", "2017", 12_500_000, 0),
        task(1, "Đánh giá SXSH", "Đánh giá", "Báo cáo", "2017", 200_000_000, 50_000_000)],
        warnings=[problem(13, "central", "F", "Dòng cộng ghi 210 triệu đồng nhưng tổng các nhiệm vụ là 200 triệu đồng"),
                  problem(14, "other", "G", "Dòng cộng ghi 60 triệu đồng nhưng tổng các nhiệm vụ là 55 triệu đồng")]))

    rows = header + [
        ["A", "Các nhiệm vụ chuyển tiếp", None, None, None, None, None, None],
        [1, "Mô hình trình diễn", "Tiếp tục", "Mô hình", "2017", 300, 100, ""],
        ["B", "Các nhiệm vụ mở mới", None, None, None, None, None, None],
        [1, "Cơ sở dữ liệu SXSH", "Xây dựng", "Phần mềm", "2017", 80, 0, ""],
        [None, "Tổng", None, None, None, 380, 100, None],
    ]
    save_xlsx("c06-headings-letters.xlsx", rows)
    case("c06-headings-letters.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Mô hình trình diễn", "Tiếp tục", "Mô hình", "2017", 300_000_000, 100_000_000),
        task(1, "Cơ sở dữ liệu SXSH", "Xây dựng", "Phần mềm", "2017", 80_000_000, 0)]))


def build_unknown_rows():
    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER] + [
        [None, None, None, None, None, None, None, "Đã thống nhất với Sở Tài chính"],
        [1, "Tập huấn", "2 lớp", "Tài liệu", "2017", 100, 0, ""],
        [None, "Các nhiệm vụ khác", None, None, None, None, None, None],
        [2, "Khảo sát hiện trạng", None, None, None, None, None, None],
        [3, "Hội thảo", "1 hội thảo", "Kỷ yếu", "2017", 20, 0, ""],
    ]
    save_xlsx("c24-unknown-rows.xlsx", rows)
    case("c24-unknown-rows.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Tập huấn", "2 lớp", "Tài liệu", "2017", 100_000_000, 0),
        task(2, "Khảo sát hiện trạng", "", "", "", 0, 0),
        task(3, "Hội thảo", "1 hội thảo", "Kỷ yếu", "2017", 20_000_000, 0)],
        warnings=[problem(7, None, "", "không phải nhiệm vụ, tiêu đề hay dòng cộng"),
                  problem(9, None, "", "không phải nhiệm vụ, tiêu đề hay dòng cộng"),
                  problem(10, "central", "F", "chỉ có tên")]))


# --- money units and amounts ------------------------------------------------------------------------------

VCM = "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam"


def build_units():
    for name, line, label, central, other, factor in (
            ("c08-unit-dong.xlsx", "Đơn vị tính: đồng", "đồng", "1.250.000.000", "500.000.000", 1),
            ("c09-unit-nghin.xlsx", "ĐVT: nghìn đồng", "nghìn đồng", "1.250.000", "500.000", 1_000),
            ("c10-unit-ty.xlsx", "Đơn vị tính: tỷ đồng", "tỷ đồng", "1,25", "0,5", 1_000_000_000)):
        rows = preamble(VCM, line) + [LETTER_HEADER, [1, "Mô hình SXSH cụm công nghiệp", "Xây dựng mô hình", "Mô hình", "2017",
                                                      central, other, ""]]
        save_xlsx(name, rows)
        case(name, expected(VCM, label, [task(1, "Mô hình SXSH cụm công nghiệp", "Xây dựng mô hình", "Mô hình", "2017",
                                              1_250_000_000, 500_000_000)]))
        assert factor  # the amounts above are the same money in each unit
    rows = preamble(VCM, "") + [LETTER_HEADER, [1, "Hướng dẫn SXSH xi măng", "Biên soạn", "Sổ tay", "2017", "320", "0", ""]]
    save_xlsx("c11-unit-none.xlsx", rows)
    # No unit line and no round: triệu đồng is assumed (the upload and the command then use the round's unit).
    case("c11-unit-none.xlsx", expected(VCM, "triệu đồng", [
        task(1, "Hướng dẫn SXSH xi măng", "Biên soạn", "Sổ tay", "2017", 320_000_000, 0)]))


def build_text_amounts():
    rows = preamble(HANOI, "(Đơn vị: triệu đồng)") + [LETTER_HEADER] + [
        [1, "A", "a", "a", "2017", "1.500", "2,5", ""],
        [2, "B", "b", "b", "2017", "1 200", "0,125", ""],
        [3, "C", "c", "c", "2017", " 75 ", "1.000,75", ""],
    ]
    save_xlsx("c12-text-amounts.xlsx", rows)
    case("c12-text-amounts.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "A", "a", "a", "2017", 1_500_000_000, 2_500_000),
        task(2, "B", "b", "b", "2017", 1_200_000_000, 125_000),
        task(3, "C", "c", "c", "2017", 75_000_000, 1_000_750_000)]))


BAD_AMOUNTS = [  # (typed, message shown) — the catalogue of issue 12
    ("1.2.3", "'1.2.3' không phải là một số hợp lệ. Hãy viết như 1.500.000 hoặc 1,5"),
    ("1e3", "'1e3' không phải là một số hợp lệ. Hãy viết như 1.500.000 hoặc 1,5"),
    ("１２３", "'１２３' không phải là một số hợp lệ. Hãy viết như 1.500.000 hoặc 1,5"),
    ("1.5", "'1.5' không phải là một số hợp lệ. Hãy viết như 1.500.000 hoặc 1,5"),
    ("1,500,000", "'1,500,000' không phải là một số hợp lệ. Hãy viết như 1.500.000 hoặc 1,5"),
    ("99.999.999.999.999", "Số tiền quá lớn (tối đa 1.000.000 tỷ đồng)"),
    ("-5", "Số tiền không được âm"),
    ("0,0000001", "Số tiền lẻ dưới 1 đồng"),
]


def build_bad_amounts():
    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER]
    rows += [[n, f"Nhiệm vụ {n}", "x", "x", "2017", typed, 0, ""] for n, (typed, _m) in enumerate(BAD_AMOUNTS, start=1)]
    save_xlsx("c25-bad-amounts.xlsx", rows)
    case("c25-bad-amounts.xlsx", expected(HANOI, "triệu đồng", [], errors=[
        problem(6 + n, "central", "F", message) for n, (_t, message) in enumerate(BAD_AMOUNTS, start=1)]))

    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER, [1, "Tập huấn", "x", "x", "2017", "150.000.000", 0, ""]]
    save_xlsx("c26-amount-in-wrong-unit.xlsx", rows)
    case("c26-amount-in-wrong-unit.xlsx", expected(HANOI, "triệu đồng", [
        task(1, "Tập huấn", "x", "x", "2017", 150_000_000_000_000, 0)],
        warnings=[problem(7, "central", "F", "có phải số đã nhập theo đồng? Cần xác nhận")]))

    rows = preamble(VCM, "Đơn vị tính: đồng") + [LETTER_HEADER, [1, "Tập huấn", "x", "x", "2017", "150,5", 0, ""]]
    save_xlsx("c27-decimal-in-dong.xlsx", rows)
    case("c27-decimal-in-dong.xlsx", expected(VCM, "đồng", [], errors=[
        problem(7, "central", "F", "Số tiền lẻ dưới 1 đồng ('150,5'). Cột này tính bằng đồng; có phải số đã nhập theo triệu đồng?")]))


# --- header variants and extra columns ---------------------------------------------------------------------

def build_header_variants():
    rows = preamble(QN, "Đơn vị tính: triệu đồng") + [
        ["STT", "Đơn vị phối hợp", "Tên nhiệm vụ", "Kinh phí NSTW", "Đối ứng", "Nội dung", "Địa điểm", "Sản phẩm", "Tiến độ",
         "Ghi chú"],
        [1, "Trung tâm Khuyến công", "Bản tin SXSH", 30, 5, "Phát hành 4 số", "Hạ Long", "Bản tin", "Quý IV/2017", "x"],
    ]
    save_xlsx("c22-extra-columns.xlsx", rows)
    case("c22-extra-columns.xlsx", expected(QN, "triệu đồng", [
        task(1, "Bản tin SXSH", "Phát hành 4 số", "Bản tin", "Quý IV/2017", 30_000_000, 5_000_000, "x")],
        ignored=[("B", "Đơn vị phối hợp"), ("G", "Địa điểm")]))

    rows = preamble(QN, "Đơn vị tính: triệu đồng") + [
        ["TT", "Nhiệm vụ", "Mục tiêu", "Nội dung", "Sản phẩm dự kiến", "Thời gian thực hiện", "Kinh phí (NSTW)",
         "Kinh phí (nguồn khác)", "Ghi chú"],
        [1, "Tờ rơi", "Nâng cao nhận thức", "In 2.000 tờ", "Tờ rơi", "2017", 12, 0, ""],
    ]
    save_xlsx("c23-variant-headers.xlsx", rows)
    case("c23-variant-headers.xlsx", expected(QN, "triệu đồng", [
        task(1, "Tờ rơi", "Nâng cao nhận thức", "Tờ rơi", "2017", 12_000_000, 0)],
        ignored=[("D", "Nội dung")]))


def build_column_numbers_and_blank_template_rows():
    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER, [1, 2, 3, 4, 5, 6, 7, 8],
                                                         [1, "Tập huấn", "x", "x", "2017", 10, 0, ""], [2], [3], [4]]
    save_xlsx("c28-column-numbers-blank-rows.xlsx", rows)
    case("c28-column-numbers-blank-rows.xlsx", expected(HANOI, "triệu đồng", [task(1, "Tập huấn", "x", "x", "2017", 10_000_000, 0)]))


# --- a sheet written by another program (inline strings, prefixed namespace, no dimension) -------------------

def build_inline_strings():
    def cell(ref, value):
        if isinstance(value, str):
            return f'<x:c r="{ref}" t="inlineStr"><x:is><x:t>{value}</x:t></x:is></x:c>'
        return f'<x:c r="{ref}"><x:v>{value}</x:v></x:c>'

    rows = preamble(HANOI, "Đơn vị tính: triệu đồng") + [LETTER_HEADER, [1, "Tập huấn", "2 lớp", "Tài liệu", "2017", 70, 7, "y"]]
    letters = "ABCDEFGH"
    data = "".join(f'<x:row r="{r}">' + "".join(cell(f"{letters[c]}{r}", v) for c, v in enumerate(row) if v not in (None, ""))
                   + "</x:row>" for r, row in enumerate(rows, start=1))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(HERE / "c21-inline-strings.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                         '</Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<x:workbook xmlns:x="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                         '<x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", f'<x:worksheet xmlns:x="{main}"><x:sheetData>{data}</x:sheetData></x:worksheet>')
    case("c21-inline-strings.xlsx", expected(HANOI, "triệu đồng", [task(1, "Tập huấn", "2 lớp", "Tài liệu", "2017", 70_000_000, 7_000_000, "y")]))


# --- Word tables ------------------------------------------------------------------------------------------------

def build_word():
    document = docx.Document()
    document.add_paragraph(f"TÊN ĐƠN VỊ: {HANOI}")
    document.add_paragraph("TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM 2017")
    document.add_paragraph("Đơn vị tính: triệu đồng")
    table = document.add_table(rows=2, cols=8)
    for col, text in enumerate(["TT", "Tên Nhiệm vụ", "Mục tiêu và nội dung của nhiệm vụ", "Sản phẩm dự kiến",
                                "Thời gian thực hiện", "Kinh phí", "", "Ghi chú"]):
        table.cell(0, col).text = text
    for col in (0, 1, 2, 3, 4, 7):
        table.cell(0, col).merge(table.cell(1, col))
    table.cell(0, 5).merge(table.cell(0, 6))
    table.cell(1, 5).text, table.cell(1, 6).text = "Ngân sách TW", "Nguồn khác"
    for values in (["1", "Tập huấn SXSH", "2 lớp", "Tài liệu", "Quý II/2017", "300", "120", ""],
                   ["2", "Đánh giá nhanh", "5 cơ sở", "05 báo cáo", "2017", "450,5", "200", "VNCPC"]):
        cells = table.add_row().cells
        for col, text in enumerate(values):
            cells[col].text = text
    document.save(HERE / "c16-word-table.docx")
    case("c16-word-table.docx", expected(HANOI, "triệu đồng", [
        task(1, "Tập huấn SXSH", "2 lớp", "Tài liệu", "Quý II/2017", 300_000_000, 120_000_000),
        task(2, "Đánh giá nhanh", "5 cơ sở", "05 báo cáo", "2017", 450_500_000, 200_000_000, "VNCPC")]))

    document = docx.Document()
    document.add_paragraph(f"TÊN ĐƠN VỊ: {VCM}")
    document.add_paragraph("Đơn vị tính: đồng")
    table = document.add_table(rows=1, cols=8)
    for col, text in enumerate(LETTER_HEADER):
        table.cell(0, col).text = text
    for values in (["1", "Mô hình SXSH", "x", "x", "2017", "1.250.000.000", "0", ""],
                   ["2", "", "x", "x", "2017", "1.2.3", "0", ""]):
        cells = table.add_row().cells
        for col, text in enumerate(values):
            cells[col].text = text
    document.save(HERE / "c17-word-errors.docx")
    case("c17-word-errors.docx", expected(VCM, "đồng", [], errors=[
        problem(3, "name", "2", "Tên nhiệm vụ không được để trống."),
        problem(3, "central", "6", "'1.2.3' không phải là một số hợp lệ")]))


def main():
    for path in HERE.iterdir():
        if path.suffix in (".xlsx", ".xls", ".ods", ".docx", ".json"):
            path.unlink()
    for build in (build_letter, build_template, build_two_level, build_formulas, build_merged_body, build_hidden_row,
                  build_headings, build_unknown_rows, build_units, build_text_amounts, build_bad_amounts,
                  build_header_variants, build_column_numbers_and_blank_template_rows, build_inline_strings, build_word):
        build()
    for name, expect in CASES.items():
        (HERE / f"{name}.expected.json").write_text(json.dumps(expect, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(CASES)} cases written to {HERE}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh.settings")
    import django

    django.setup()
    main()
