"""The report to the Prime Minister: every figure in the .docx and .xlsx equals the database's own totals."""
import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from django.db.models import Sum
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from accounts.models import Role
from core import docx as admin_docx
from core import pdf, vn
from core.testing.world import OFFICE_REVIEWER, build_world, make_user
from organisations.models import FocalUnit, FocalUnitStatus, Organisation, OrganisationKind
from plans import services
from plans.models import DossierFunding, DossierStatus
from plans.tests.factories import component, open_2017_call, phase_2016_2020, plan_task, signed_pdf, source, strategy
from reports import pm_report, selectors

pytestmark = pytest.mark.django_db


def _unit(code, kind=OrganisationKind.PROVINCE):
    organisation = Organisation.objects.create(code=code, kind=kind, name_vi=f"Đơn vị {code}")
    officer = make_user(f"{code}-officer@test.vn", organisation, Role.UNIT_OFFICER)
    leader = make_user(f"{code}-leader@test.vn", organisation, Role.UNIT_LEADER)
    return organisation, officer, leader


@pytest.fixture
def national(clock):
    """Five units: acknowledged, submitted late, returned, draft, nothing; two with issued plans."""
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    world = build_world()
    call = open_2017_call(world, deadline=date(2016, 12, 15))
    units = [_unit(code, kind) for code, kind in (("u1", OrganisationKind.PROVINCE), ("u2", OrganisationKind.MINISTRY),
                                                    ("u3", OrganisationKind.STATE_GROUP), ("u4", OrganisationKind.PROVINCE),
                                                    ("u5", OrganisationKind.MINISTRY))]
    call.invited.set([world.unit, world.other_unit] + [u[0] for u in units])
    for organisation, *_ in units[:3]:
        FocalUnit.objects.create(organisation=organisation, status=FocalUnitStatus.DESIGNATED, name="Phòng KT",
                                 decision_number="1/QĐ", decision_date=date(2016, 6, 1))
    for organisation, officer, _leader in units[:2]:
        plan = services.plan_for(organisation=organisation, phase=phase_2016_2020())
        services.save_plan_task(plan=plan, user=officer, data=plan_task(), funding={
            (2016, source("local")): 111_000_000, (2017, source("extension")): 222_500_000, (2018, source("enterprise")): 333})
        services.issue_plan(plan=plan, user=officer, decision_number="5/QĐ", decision_date=date(2016, 8, 1),
                            signer="A", signed_file=signed_pdf())
    drafting = services.plan_for(organisation=units[2][0], phase=phase_2016_2020())
    services.save_plan_task(plan=drafting, user=units[2][1], data=plan_task(), funding={(2016, source("local")): 999})
    office = world.user(OFFICE_REVIEWER)
    for index, (organisation, officer, leader) in enumerate(units[:4]):
        dossier = services.dossier_for(call=call, organisation=organisation)
        services.save_dossier_task(dossier=dossier, user=officer, data={"name": f"Nhiệm vụ {index} =HYPERLINK(\"x\")",
                                                                         "component": component(1 + index % 3)},
                                   funding={source("local"): 100_000_000 * (index + 1), source("central"): 1_500_000})
        services.save_dossier_task(dossier=dossier, user=officer, data={"name": f"Nhiệm vụ phụ {index}"},
                                   funding={source("enterprise"): 123_456_789})
        if index == 3:
            continue  # stays a draft
        if index == 1:
            clock.set_now(datetime(2016, 12, 20, 9, 0))
        services.submit_dossier(dossier=dossier, user=leader)
        clock.set_now(datetime(2016, 9, 1, 9, 0))
        if index == 0:
            services.acknowledge(dossier=dossier, user=office)
        if index == 2:
            services.return_dossier(dossier=dossier, user=office, comment="Bổ sung")
    clock.set_now(datetime(2016, 12, 28, 9, 0))
    return world, call


def _received_total(**filters):
    return DossierFunding.objects.filter(task__dossier__submission__status__in=[DossierStatus.SUBMITTED, DossierStatus.ACKNOWLEDGED],
                                         **filters).aggregate(total=Sum("amount_vnd"))["total"] or 0


def test_consolidation_counts_and_sums(national):
    data = selectors.consolidate(year=2017, programme=strategy())
    assert data.units == 7
    assert (data.with_focal_unit, data.with_issued_plan, data.with_dossier) == (3, 2, 2)
    assert [line.organisation.code for line in data.late] == ["u2"]
    assert {line.organisation.code for line in data.missing} == {"ha-noi", "quang-ninh", "u3", "u4", "u5"}
    # By hand: u1 (100m + 1.5m + 123,456,789) + u2 (200m + 1.5m + 123,456,789).
    assert data.total_vnd == 300_000_000 + 3_000_000 + 2 * 123_456_789 == _received_total()
    assert data.by_source[source("enterprise").pk] == 2 * 123_456_789
    assert sum(total for _l, _a, total in data.kind_rows()) == data.total_vnd
    assert sum(total for _l, _a, total in data.component_rows()) == data.total_vnd
    assert data.plan_by_year == {2016: {source("local").pk: 222_000_000}, 2017: {source("extension").pk: 445_000_000},
                                 2018: {source("enterprise").pk: 666}}
    assert len(data.tasks) == 4


def test_consolidation_runs_in_a_fixed_number_of_queries(national, django_assert_max_num_queries):
    programme = strategy()
    with django_assert_max_num_queries(12):
        data = selectors.consolidate(year=2017, programme=programme)
        pm_report.build_xlsx(data)


def _tables(document):
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _vnd(text):
    return vn.to_whole_dong(vn.parse_decimal(text), "trieu")


def test_the_docx_follows_decree_30_and_its_figures_equal_the_database(national):
    data = selectors.consolidate(year=2017, programme=strategy())
    report = pm_report.default_report(programme=strategy(), year=2017)
    report.number, report.report_date, report.signer_name = "35/BC-BCT", date(2016, 12, 28), "Trần Tuấn Anh"
    document = Document(io.BytesIO(pm_report.build_docx(report, data)))
    text = admin_docx.document_text(document)
    for expected in ("BỘ CÔNG THƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 35/BC-BCT", "Hà Nội, ngày 28 tháng 12 năm 2016", "BÁO CÁO", "Kính gửi: Thủ tướng Chính phủ",
                     "Nơi nhận:", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Tuấn Anh"):
        assert expected in text, expected
    motto = next(run for p in document.tables[0].rows[0].cells[1].paragraphs for run in p.runs if run.text.startswith("Độc lập"))
    assert motto.bold and motto.underline
    # Times New Roman for every script, by default; no run names another font.
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert not [key for key in fonts.attrib if "Theme" in key or "theme" in key]
    assert {run.font.name for p in document.paragraphs for run in p.runs} <= {None, "Times New Roman"}
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210

    tables = _tables(document)
    summary = tables[1]
    assert [row[2] for row in summary[1:]] == ["7", "3", "2", "2", "1", "5"]
    assert summary[2][3] == "42,9"  # 3 of 7
    by_component, by_kind, plan_years = tables[2], tables[3], tables[4]
    source_codes = [s.code for s in data.sources]
    for table in (by_component, by_kind):
        *rows, total = table[1:]
        for column, code in enumerate(source_codes, start=1):
            assert sum(_vnd(row[column]) for row in rows) == _vnd(total[column]) == _received_total(source__code=code)
        assert _vnd(total[-1]) == _received_total()
        for row in rows:
            assert sum(_vnd(value) for value in row[1:-1]) == _vnd(row[-1])
    kind_row = next(row for row in by_kind if row[0] == OrganisationKind.MINISTRY.label)
    assert _vnd(kind_row[-1]) == _received_total(task__dossier__organisation__kind=OrganisationKind.MINISTRY)
    assert [row[0] for row in plan_years[1:-1]] == ["2016", "2017", "2018"]
    assert _vnd(plan_years[-1][-1]) == 222_000_000 + 445_000_000 + 666


def test_the_xlsx_annex_lists_every_task_and_its_totals_equal_the_database(national):
    data = selectors.consolidate(year=2017, programme=strategy())
    workbook = load_workbook(io.BytesIO(pm_report.build_xlsx(data)))
    sheet = workbook["Phụ lục 1 - Nhiệm vụ"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    *tasks, total = rows
    first_amount = len(pm_report.ANNEX_TASK_HEADERS)
    assert len(tasks) == 4 and total[0] == "Tổng cộng"
    for offset, source_obj in enumerate(data.sources):
        column = first_amount + offset
        assert sum(row[column] for row in tasks) == total[column] == _received_total(source=source_obj)
    assert total[-1] == _received_total()
    assert all(isinstance(row[first_amount], int) for row in tasks)  # whole đồng, never floats
    injected = next(sheet.cell(row=r, column=4) for r in range(4, 8) if "HYPERLINK" in str(sheet.cell(row=r, column=4).value))
    assert injected.data_type == "s"  # typed text never becomes a formula
    units = list(workbook["Phụ lục 5 - Đơn vị"].iter_rows(min_row=2, values_only=True))
    assert units[-1][-1] == _received_total() and len(units) == 8


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice and poppler are installed by scripts/install-system-deps.sh")
def test_the_docx_converts_to_pdf_and_renders_to_pages(national, tmp_path):
    data = selectors.consolidate(year=2017, programme=strategy())
    report = pm_report.default_report(programme=strategy(), year=2017)
    content = pdf.docx_to_pdf(pm_report.build_docx(report, data), "bao-cao")
    assert content.startswith(b"%PDF-")
    (tmp_path / "r.pdf").write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Kính gửi: Thủ tướng Chính phủ" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True).stdout
    # Times New Roman, or its metric twin Liberation Serif where Microsoft's fonts are not installed.
    assert "Times" in fonts or "LiberationSerif" in fonts, fonts
    assert "Sans" not in fonts, fonts  # a serif face throughout, as Decree 30 asks
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(tmp_path / "r.pdf"), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.pgm"))
    assert 1 <= len(pages) <= 6  # a broken layout (a table a page wide per cell) explodes the page count
    # A binary PGM: "P5 width height maxval" then one byte a pixel; ink on the first page means a dark pixel.
    raw = pages[0].read_bytes()
    magic, width, height, _maxval, pixels = raw.split(maxsplit=4)
    assert magic == b"P5" and int(width) < int(height)  # portrait A4
    assert min(pixels) < 100 and sum(1 for byte in pixels if byte < 128) > 1000
