"""The annex parser on the shared sample workbooks and on hostile files."""
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from core import sheets
from rounds import annex, export

SAMPLES = Path(__file__).parent / "samples"


def subset_matches(expected, actual, path="") -> list[str]:
    """Differences where `actual` does not contain `expected` (expected files list a subset of keys)."""
    if isinstance(expected, dict):
        problems = []
        for key, value in expected.items():
            if not isinstance(actual, dict) or key not in actual:
                problems.append(f"{path}{key}: missing")
            else:
                problems += subset_matches(value, actual[key], f"{path}{key}.")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return [f"{path}: {len(expected)} items expected, got {actual!r}"]
        return [p for i, (e, a) in enumerate(zip(expected, actual)) for p in subset_matches(e, a, f"{path}{i}.")]
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_each_sample_matches_its_expected_json(sample):
    result = annex.parse_annex((SAMPLES / sample).read_bytes(), filename=sample).as_json()
    expected = json.loads((SAMPLES / sample.replace(".xlsx", ".expected.json")).read_text(encoding="utf-8"))
    assert subset_matches(expected, result) == []


def test_errors_name_row_column_and_a_vietnamese_message():
    result = annex.parse_annex((SAMPLES / "04-errors.xlsx").read_bytes())
    assert [(e["row"], e["column"]) for e in result.errors] == [(7, "B"), (8, "F"), (9, "G")]
    assert "không được để trống" in result.errors[0]["message"]
    assert "không được âm" in result.errors[1]["message"]
    assert "'khoảng 20' không phải là một số hợp lệ. Hãy viết như 1.500.000" in result.errors[2]["message"]
    assert result.as_json()["tasks"] is None and result.as_json()["totals"] is None


def test_totals_of_the_messy_file_ignore_section_and_subtotal_rows():
    result = annex.parse_annex((SAMPLES / "02-quangninh-messy.xlsx").read_bytes())
    assert [task["row"] for task in result.tasks] == [10, 11, 15]
    assert result.totals() == {"rows": 3, "central_vnd": 1_365_250_000, "other_vnd": 430_500_000}


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_amount_with_a_fraction_of_a_dong_is_refused():
    data = _xlsx([["Đơn vị tính: đồng"], ["TT", "Tên nhiệm vụ", "Kinh phí NSTW", "Nguồn khác"], [1, "A", "10,5", 0]])
    result = annex.parse_annex(data)
    assert result.errors and result.errors[0]["field"] == "central" and "lẻ dưới 1 đồng" in result.errors[0]["message"]


def test_number_cells_and_text_amounts_read_alike_and_odd_cells_are_worded_by_row():
    header = ["TT", "Tên nhiệm vụ", "Kinh phí NSTW", "Nguồn khác"]
    in_trieu = annex.parse_annex(_xlsx([["Đơn vị tính: triệu đồng"], header, [1, "A", 1234.0, "1.234"],
                                        [2, "B", 1234.5, "1.234,5"], [" 3 ", "C", 0.1 + 0.2, " "], ["4", "D", "", 7]]))
    assert in_trieu.errors == []
    assert [(t.tt, t.central_vnd, t.other_vnd) for t in in_trieu.tasks] == [
        (1, 1_234_000_000, 1_234_000_000), (2, 1_234_500_000, 1_234_500_000), (3, 300_000, 0), (4, 0, 7_000_000)]
    in_dong = annex.parse_annex(_xlsx([["Đơn vị tính: đồng"], header, [1, "A", 1_500_000, 2_000.0], [2, "B", 1234.5, 0],
                                       [3, "C", True, 0], [4, "D", 10**16, 0]]))
    assert (in_dong.tasks[0].central_vnd, in_dong.tasks[0].other_vnd) == (1_500_000, 2_000)
    assert [(e["row"], e["column"]) for e in in_dong.errors] == [(4, "C"), (5, "C"), (6, "C")]
    assert "lẻ dưới 1 đồng" in in_dong.errors[0]["message"] and "Cột này tính bằng đồng" in in_dong.errors[0]["message"]
    assert "'True' không phải là một số hợp lệ" in in_dong.errors[1]["message"]
    assert "quá lớn" in in_dong.errors[2]["message"]


def test_a_row_read_in_one_step_still_counts_towards_the_subtotal_check():
    data = _xlsx([["Đơn vị tính: triệu đồng"], ["TT", "Tên nhiệm vụ", "Nội dung", "Kinh phí NSTW", "Nguồn khác"],
                  ["I", "Nhóm một"], [1, "A", "x", 1.5, 0.5], [2, "B", "y", 2, 0], ["", "Cộng nhóm I", "", 3.5, 0.5],
                  ["II", "Nhóm hai"], [1, "C", "z", 10, 1], ["", "Cộng nhóm II", "", 11, 1], ["", "Tổng cộng", "", 14.5, 1.5]])
    result = annex.parse_annex(data)
    assert [t.name for t in result.tasks] == ["A", "B", "C"]
    assert [(w["row"], w["field"]) for w in result.warnings] == [(9, "central"), (10, "central")]
    assert "tổng các nhiệm vụ là 10 triệu đồng" in result.warnings[0]["message"]
    assert "tổng các nhiệm vụ là 13,5 triệu đồng" in result.warnings[1]["message"]


def test_numbered_rows_that_are_not_plain_tasks_keep_their_kind():
    header = ["TT", "Tên nhiệm vụ", "Nội dung", "Kinh phí NSTW", "Nguồn khác"]
    workbook = Workbook()
    for row in [["Đơn vị tính: triệu đồng"], header, ["1", "2", "3", "4", "5"], ["(1)", "(2)", "(3)", "(4)", "(5)"],
                [1, "Hỗ trợ kỹ thuật"], [1, "A", "x", 1, 0], [2, "B" * 1001, "y", 2, 0], [3, "C", "z", 2_000_000, 0],
                [4, "D", "w", 4, 0]]:
        workbook.active.append(row)
    workbook.active.row_dimensions[9].hidden = True
    out = io.BytesIO()
    workbook.save(out)
    result = annex.parse_annex(out.getvalue())
    assert [t.row for t in result.tasks] == [6, 7, 8, 9]  # the rows of column numbers and the heading are not tasks
    assert [(e["row"], e["field"]) for e in result.errors] == [(7, "name")] and "tối đa 1000" in result.errors[0]["message"]
    assert [(w["row"], w["field"]) for w in result.warnings] == [(8, "central"), (9, None)]
    assert result.confirmations == [result.warnings[0]] and "bị ẩn" in result.warnings[1]["message"]


def test_english_thousands_are_refused_and_extra_columns_are_listed_as_not_imported():
    data = _xlsx([["Đơn vị: đồng"], ["STT", "Đơn vị phối hợp", "Tên nhiệm vụ", "Ngân sách TW", "Đối ứng", "Ghi chú"],
                  [1, "Sở", "A", "1,500,000", "2.000", "x"], [2, "Sở", "B", "1.500.000", "2 000", ""]])
    result = annex.parse_annex(data)
    assert [(e["row"], e["column"]) for e in result.errors] == [(3, "D")]
    assert "Hãy viết như 1.500.000 hoặc 1,5" in result.errors[0]["message"]
    assert result.ignored_columns == [{"column": "B", "header": "Đơn vị phối hợp"}]
    assert (result.tasks[1]["central_vnd"], result.tasks[1]["other_vnd"]) == (1_500_000, 2_000)


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message():
    with pytest.raises(annex.AnnexFileError, match="không phải là bảng tính Excel"):
        annex.parse_annex(b"%PDF-1.4 not a workbook")
    with pytest.raises(annex.AnnexFileError):
        annex.parse_annex(b"PK\x03\x04 broken zip")


def test_a_too_large_file_is_refused():
    with pytest.raises(annex.AnnexFileError, match="quá lớn"):
        annex.parse_annex(b"PK\x03\x04" + b"0" * (annex.MAX_FILE_BYTES + 1))


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (sheets.MAX_UNPACKED_BYTES + 1024))
    with pytest.raises(annex.AnnexFileError, match="giải nén quá lớn"):
        annex.parse_annex(out.getvalue())


def test_the_template_has_the_annex_layout_lists_identity_and_live_totals():
    content = annex.write_template(
        round_title="Đề xuất nhiệm vụ năm 2017", plan_year=2017, unit_name="Sở Công Thương thành phố Hà Nội",
        money_unit="trieu", identity={"round": 7, "organisation": "ha-noi"}, priorities=["Bản tin", "Tập huấn"],
        components=["Đề án 1"], rows=[{"name": "A", "central_vnd": 450_500_000, "other_vnd": 0}], blank_rows=2,
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Phụ lục"]
    assert sheet["A1"].value == "TÊN ĐƠN VỊ: Sở Công Thương thành phố Hà Nội"
    assert sheet["A3"].value == "TỔNG HỢP ĐỀ XUẤT NHIỆM VỤ NĂM 2017"
    assert [sheet.cell(row=6, column=c).value for c in range(1, 9)] == annex.TEMPLATE_HEADERS[:8]
    assert sheet["F7"].value == 450.5 and sheet["B10"].value == "Tổng cộng" and sheet["F10"].value == "=SUM(F7:F9)"
    assert {str(v.sqref) for v in sheet.data_validations.dataValidation} == {"I7:I9", "J7:J9"}
    assert workbook[annex.IDENTITY_SHEET].sheet_state == "veryHidden"
    # Round trip: the filled template reads back with its identity.
    result = annex.parse_annex(content)
    assert result.identity == {"round": "7", "organisation": "ha-noi"}
    assert [(t["name"], t["central_vnd"]) for t in result.tasks] == [("A", 450_500_000)]


HOSTILE = ['=HYPERLINK("http://evil.example","Bấm vào đây")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def test_formula_like_text_is_exported_as_text_never_as_a_formula():
    rows = [{"name": text, "objectives": text, "central_vnd": 1_000_000, "other_vnd": 0} for text in HOSTILE]
    exported_rows = [{**row, "products": "", "period": "", "notes": row["name"], "priority_name": row["name"], "component_name": None,
                      "approved_central_vnd": None, "organisation_id": 1, "unit": "=cmd|' /C calc'!A0"} for row in rows]
    consolidated = load_workbook(io.BytesIO(export.write_consolidated(
        title="=t", plan_year=2017, money_unit="trieu", rows=iter(exported_rows)))).active
    template = load_workbook(io.BytesIO(annex.write_template(
        round_title="t", plan_year=2017, unit_name="u", money_unit="trieu", identity={}, priorities=[], components=[],
        rows=rows, blank_rows=0)))["Phụ lục"]
    exported = [c for row in consolidated.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert {c.value for c in exported} >= set(HOSTILE) | {"=cmd|' /C calc'!A0", "=t"}
    assert all(c.data_type == "s" for c in exported)
    names = [template.cell(row=r, column=2) for r in range(7, 7 + len(HOSTILE))]
    assert [c.value for c in names] == HOSTILE and all(c.data_type == "s" for c in names)


def _template_with(count: int) -> bytes:
    return annex.write_template(round_title="x", plan_year=2017, unit_name="u", money_unit="trieu", identity={},
                                priorities=[], components=[], blank_rows=0,
                                rows=[{"name": f"N{i}", "central_vnd": 1_000_000, "other_vnd": 0} for i in range(count)])


def test_the_cap_counts_tasks_not_sheet_rows():
    content = _template_with(50)  # 50 tasks on 57 sheet rows (title, unit line, header, total)
    result = annex.parse_annex(content, max_tasks=50)
    assert result.is_valid and len(result.tasks) == 50
    with pytest.raises(annex.AnnexFileError, match="quá nhiều nhiệm vụ"):
        annex.parse_annex(content, max_tasks=49)


def test_a_sheet_declaring_far_more_rows_than_tasks_allowed_is_refused_before_reading():
    from core.tests.test_sheets import raw_xlsx

    data = raw_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', dimension=f"A1:J{2 * annex.MAX_TASKS + 501}")
    with pytest.raises(annex.AnnexFileError, match="khai báo vùng dữ liệu quá lớn"):
        annex.parse_annex(data)


def test_the_letters_objectives_header_is_never_taken_for_a_second_task_name():
    result = annex.parse_annex((SAMPLES / "01-hanoi-clean.xlsx").read_bytes())
    assert [(c["field"], c["column"]) for c in result.columns][:4] == [
        ("TT", "A"), ("Tên nhiệm vụ", "B"), ("Mục tiêu và nội dung", "C"), ("Sản phẩm dự kiến", "D")]
    assert annex.match_columns(["Mục tiêu và nội dung của nhiệm vụ", "Tên Nhiệm vụ", "Nội dung", "Nhiệm vụ"]) == {
        "objectives": 0, "name": 1}
