"""The evaluation report re-opened: every figure in the .docx and .xlsx equals the dashboard's aggregate."""
import io
from datetime import date
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from core import docx as admin_docx
from core.testing.world import OFFICE_REVIEWER
from core.vn import format_number, parse_decimal
from evaluation import report, selectors

from .test_dashboard import scene  # noqa: F401  (fixture)


def expected(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


def cell_number(text):
    return None if text == "—" else parse_decimal(text)


def data_for(period):
    return report.report_data(selectors.dashboard(period), date(2016, 8, 15))


def test_docx_figures_equal_the_aggregates(scene):  # noqa: F811
    dashboard = selectors.dashboard(scene)
    document = Document(io.BytesIO(report.write_docx(report.report_data(dashboard, date(2016, 8, 15)))))
    text = admin_docx.document_text(document)
    assert "Hà Nội, ngày 15 tháng 8 năm 2016" in text  # Decree 30 pads only days < 10 and months < 3
    assert document.styles["Normal"].font.name == "Times New Roman"
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs][:2] == ["BỘ CÔNG THƯƠNG", "VĂN PHÒNG BAN ĐIỀU HÀNH CHIẾN LƯỢC SXSH"]
    assert [p.text for p in right.paragraphs][:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Nơi nhận:" in text and "CHÁNH VĂN PHÒNG" in text
    assert "số đơn vị đã gửi: 3; tỷ lệ gửi báo cáo: 75,0%" in text

    national, by_kind, by_province, rounds = document.tables[1:5]
    for row, line in zip(national.rows[1:], dashboard.lines, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0] == line.indicator.name_vi
        assert cell_number(cells[2]) == (expected(line.value) if line.available else None)
        assert cell_number(cells[4]) == expected(line.gap)
    assert [c.text for c in national.rows[1].cells][2:] == ["37,5", "50 (2015)", "-12,5", "Chưa đạt"]
    kinds = [kind for kind, _label in dashboard.kinds]
    for row, line in zip(by_kind.rows[1:], dashboard.lines, strict=True):
        assert [cell_number(c.text) for c in row.cells[1:]] == [expected(line.by_kind.get(k)) for k in kinds]
    for row, province in zip(by_province.rows[1:], dashboard.provinces, strict=True):
        assert row.cells[0].text == province["name"]
        assert [cell_number(c.text) for c in row.cells[1:]] == [expected(line.by_province.get(province["code"])) for line in dashboard.lines]
    assert [c.text for c in rounds.rows[1].cells][1:] == ["2", "1", format_number(50, 1)]


def test_xlsx_figures_equal_the_aggregates(scene):  # noqa: F811
    dashboard = selectors.dashboard(scene)
    workbook = load_workbook(io.BytesIO(report.write_xlsx(report.report_data(dashboard, date(2016, 8, 15)))))
    sheet = workbook["Chỉ tiêu"]
    assert [c.value for c in sheet[2]][:6] == ["Số đơn vị phải báo cáo", 4, "Đã gửi", 3, "Tỷ lệ (%)", 75.0]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    for row, line in zip(rows, dashboard.lines, strict=True):
        assert row[0] == line.indicator.code
        assert row[3] == (float(expected(line.value)) if line.value is not None else None)
        assert row[7] == (float(expected(line.gap)) if line.gap is not None else None)
    assert rows[2][4:7] == (5.0, 8.0, 2015)
    kinds = [kind for kind, _label in dashboard.kinds]
    for row, line in zip(workbook["Theo loại đơn vị"].iter_rows(min_row=2, values_only=True), dashboard.lines, strict=True):
        assert list(row[1:]) == [float(expected(line.by_kind[k])) if line.by_kind.get(k) is not None else None for k in kinds]
    for row, province in zip(workbook["Theo tỉnh"].iter_rows(min_row=2, values_only=True), dashboard.provinces, strict=True):
        assert row[0] == province["code"]
        values = [line.by_province.get(province["code"]) for line in dashboard.lines]
        assert list(row[2:]) == [float(expected(v)) if v is not None else None for v in values]


def test_office_downloads_both_files(scene, world, client):  # noqa: F811
    client.force_login(world.user(OFFICE_REVIEWER))
    docx = client.get(f"/evaluation/{scene.pk}/report.docx")
    assert docx["Content-Disposition"] == 'attachment; filename="bao-cao-danh-gia-2009-2015.docx"'
    assert Document(io.BytesIO(docx.content)).tables
    xlsx = client.get(f"/evaluation/{scene.pk}/report.xlsx")
    assert load_workbook(io.BytesIO(xlsx.content))["Theo tỉnh"].max_row == 3
