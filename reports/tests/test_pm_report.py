"""The report to the Prime Minister: the .docx, .xlsx and .pdf re-opened, every figure compared with
aggregates computed here straight from the database (not through the selectors under test), for a
year where some units sent late, one was returned and sent again, and approved amounts differ from
the requests."""
import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from openpyxl import load_workbook

from accounts.models import Role, User
from core import docx as admin_docx
from core import pdf, vn
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world, make_user
from core.testing.xlsx import differences, workbook_cells
from evaluation import services as evaluation_services
from evaluation.models import IndicatorValue
from evaluation.tests.factories import full_entries, open_evaluation
from organisations.models import FocalUnit, FocalUnitStatus, Organisation, OrganisationKind
from plans import services
from plans.models import Dossier, DossierCall, DossierFunding, DossierStatus
from plans.tests.factories import component, open_2017_call, phase_2016_2020, plan_task, signed_pdf, source, strategy
from reports import pm_annex, pm_report, selectors
from reports.models import PrimeMinisterReport
from rounds import services as round_services
from rounds.models import Proposal, Round, TaskRow
from rounds.tests.factories import open_2017_round, task

pytestmark = pytest.mark.django_db

SENT = ("submitted", "accepted")  # what the office has received and not sent back
RECEIVED = (DossierStatus.SUBMITTED, DossierStatus.ACKNOWLEDGED)


def _unit(code, kind=OrganisationKind.PROVINCE):
    organisation = Organisation.objects.create(code=code, kind=kind, name_vi=f"Đơn vị {code}")
    officer = make_user(f"{code}-officer@test.vn", organisation, Role.UNIT_OFFICER)
    leader = make_user(f"{code}-leader@test.vn", organisation, Role.UNIT_LEADER)
    return organisation, officer, leader


def _evaluation(world):
    """2009–2015: both provinces report, facilities aware 40/100 and 70/100."""
    period = open_evaluation(world)
    for organisation, aware in ((world.unit, (40, 100)), (world.other_unit, (70, 100))):
        report = evaluation_services.report_for(period=period, organisation=organisation)
        evaluation_services.save_values(report=report, user=None, entries=full_entries(aware=aware))
        evaluation_services.submit(report=report, user=None)


def _proposals(world, clock, units):
    """u1 on time and accepted with less than asked; u2 late; u3 on time, returned, sent again late and
    accepted; u4 drafting; our unit sent on time then returned and not sent again."""
    office = world.user(OFFICE_REVIEWER)
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world, invited=[world.unit, world.other_unit] + [u[0] for u in units],
                                letter_number="4108/BCT-KHCN")
    priorities, components = round_obj.options("priority"), round_obj.options("component")
    (u1, o1, l1), (u2, o2, l2), (u3, o3, l3), (u4, o4, _l4), _u5 = units
    p1 = round_services.proposal_for(round_obj=round_obj, organisation=u1)
    a = round_services.save_row(proposal=p1, user=o1, data=task("Tập huấn A", 300_000_000, 120_000_000,
                                                                priority=priorities[1], component=components[0]))
    b = round_services.save_row(proposal=p1, user=o1, data=task("Hỗ trợ kỹ thuật B", 450_500_000, 0,
                                                                priority=priorities[2], component=components[2]))
    p2 = round_services.proposal_for(round_obj=round_obj, organisation=u2)
    round_services.save_row(proposal=p2, user=o2, data=task("=HYPERLINK(\"x\") Bản tin C", 1_200_000_000, 400_000_000,
                                                            priority=priorities[0], component=components[2]))
    p3 = round_services.proposal_for(round_obj=round_obj, organisation=u3)
    d = round_services.save_row(proposal=p3, user=o3, data=task("Mô hình cụm D", 500_000_000, 100_000_000))
    p4 = round_services.proposal_for(round_obj=round_obj, organisation=u4)
    round_services.save_row(proposal=p4, user=o4, data=task("Chưa gửi E", 999_000_000, 0))
    ours = round_services.proposal_for(round_obj=round_obj, organisation=world.unit)
    round_services.save_row(proposal=ours, user=world.user(UNIT_OFFICER), data=task("Trả lại F", 77_000_000, 0))

    clock.set_now(datetime(2016, 6, 10, 9, 0))
    for proposal, leader in ((p1, l1), (p3, l3), (ours, world.user(UNIT_LEADER))):
        round_services.submit(proposal=proposal, user=leader)
    round_services.accept(proposal=p1, user=office, approved={a.pk: 250_000_000, b.pk: 450_500_000})
    round_services.return_for_revision(proposal=p3, user=office, comment="Bổ sung sản phẩm")
    round_services.return_for_revision(proposal=ours, user=office, comment="Bổ sung")
    clock.set_now(datetime(2016, 6, 20, 9, 0))
    round_services.submit(proposal=p2, user=l2)
    clock.set_now(datetime(2016, 6, 25, 9, 0))
    round_services.save_row(proposal=p3, user=o3, row=d, data=task("Mô hình cụm D", 480_000_000, 100_000_000))
    round_services.submit(proposal=p3, user=l3)
    round_services.accept(proposal=p3, user=office, approved={d.pk: 300_000_000})
    return round_obj


@pytest.fixture
def national(clock):
    """Seven units. Proposals as in _proposals; dossiers: u1 acknowledged, u2 late, u3 returned, u4 draft;
    two issued action plans; three focal units; the 2009–2015 evaluation."""
    clock.set_now(datetime(2016, 4, 1, 9, 0))
    world = build_world()
    strategy()
    _evaluation(world)
    units = [_unit(code, kind) for code, kind in (("u1", OrganisationKind.PROVINCE), ("u2", OrganisationKind.MINISTRY),
                                                    ("u3", OrganisationKind.STATE_GROUP), ("u4", OrganisationKind.PROVINCE),
                                                    ("u5", OrganisationKind.MINISTRY))]
    _proposals(world, clock, units)
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    call = open_2017_call(world, deadline=date(2016, 12, 15))
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
    return world


def _report():
    report = pm_report.default_report(programme=strategy(), year=2017)
    report.number, report.report_date, report.signer_name = "35/BC-BCT", date(2016, 12, 28), "Trần Tuấn Anh"
    return report


def _data():
    return selectors.report_data(year=2017, programme=strategy())


def _vnd(text):
    return vn.to_whole_dong(vn.parse_decimal(text), "trieu")


# --- independent aggregates, straight from the tables ---

def _sent_rows():
    return TaskRow.objects.filter(proposal__round__plan_year=2017, proposal__submission__status__in=SENT)


def _proposal_sums(group_by=None) -> dict:
    """{label: (tasks, central, other, approved)} of sent rows, or the grand total when group_by is None."""
    fields = dict(tasks=Count("id"), central=Sum("central_vnd"), other=Sum("other_vnd"), approved=Sum("approved_central_vnd"))
    if group_by is None:
        row = _sent_rows().aggregate(**fields)
        return (row["tasks"], row["central"], row["other"], row["approved"] or 0)
    return {row[group_by] if row[group_by] is not None else "(chưa phân loại)":
            (row["tasks"], row["central"], row["other"], row["approved"] or 0)
            for row in _sent_rows().values(group_by).annotate(**fields).order_by()}


def _received_total(**filters):
    return DossierFunding.objects.filter(task__dossier__submission__status__in=RECEIVED, **filters).aggregate(
        total=Sum("amount_vnd"))["total"] or 0


def _invited_ids():
    call = DossierCall.objects.get(plan_year=2017)
    return set(call.invited.values_list("pk", flat=True)) | set(
        Round.objects.get(plan_year=2017).invited.values_list("pk", flat=True))


def _not_sent_names() -> set:
    sent_proposal = set(Proposal.objects.filter(submission__status__in=SENT).values_list("organisation_id", flat=True))
    received = set(Dossier.objects.filter(submission__status__in=RECEIVED).values_list("organisation_id", flat=True))
    return set(Organisation.objects.filter(pk__in=_invited_ids() - (sent_proposal & received)).values_list("name_vi", flat=True))


def test_the_independent_aggregates_describe_the_intended_year(national):
    """The fixture is what the test claims: late, returned and resent, approved below the requests."""
    assert _proposal_sums() == (4, 2_430_500_000, 620_000_000, 1_000_500_000)
    late = Proposal.objects.filter(submission__status__in=SENT, submission__submitted_late=True).values_list("organisation__code", flat=True)
    assert set(late) == {"u2", "u3"}
    assert Proposal.objects.get(organisation__code="u3").versions.count() == 2
    assert _not_sent_names() == {"UBND Thành phố Hà Nội", "UBND Tỉnh Quảng Ninh", "Đơn vị u3", "Đơn vị u4", "Đơn vị u5"}


# --- .docx ---

def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _captioned_tables(document) -> dict:
    """{caption without its number: rows of cell texts} in body order."""
    tables, caption = {}, None
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = _text(child)
            if re.match(r"Bảng \d+\. ", text):
                caption = text.split(". ", 1)[1]
        elif child.tag == qn("w:tbl") and caption:
            tables[caption] = [[cell.text for cell in row.cells] for row in Table(child, document).rows]
            caption = None
    return tables


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs
            if p.runs and p.runs[0].bold and re.match(r"^([IVX]+|\d)\. ", p.text)]


def test_the_docx_has_the_letters_sections_in_order_and_the_decree_30_frame(national):
    document = Document(io.BytesIO(pm_report.build_docx(_report(), _data())))
    assert _headings(document) == [
        "I. TÌNH HÌNH TRIỂN KHAI CHIẾN LƯỢC",
        "1. Đơn vị đầu mối về sản xuất sạch hơn",
        "2. Kết quả thực hiện giai đoạn 2009–2015 so với mục tiêu của Chiến lược và việc ban hành kế hoạch hành động",
        "II. KẾ HOẠCH NĂM 2017",
        "1. Đề xuất nhiệm vụ hỗ trợ từ ngân sách Trung ương",
        "2. Kế hoạch năm của các đơn vị",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. KIẾN NGHỊ",
    ]
    text = admin_docx.document_text(document)
    for expected in ("BỘ CÔNG THƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 35/BC-BCT", "Hà Nội, ngày 28 tháng 12 năm 2016", "Kính gửi: Thủ tướng Chính phủ",
                     "Nơi nhận:", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Tuấn Anh", pm_report.DEFAULT_DIFFICULTIES,
                     pm_report.DEFAULT_PROPOSALS):
        assert expected in text, expected
    # The annex follows the signature: units that did not send are a table, not a paragraph of names.
    in_order = "\n".join(_text(child) for child in document.element.body.iterchildren())
    assert in_order.index("Trần Tuấn Anh") < in_order.index("PHỤ LỤC")
    motto = next(run for p in document.tables[0].rows[0].cells[1].paragraphs for run in p.runs if run.text.startswith("Độc lập"))
    assert motto.bold and motto.underline
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert {run.font.name for p in document.paragraphs for run in p.runs} <= {None, "Times New Roman"}
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210


def test_the_docx_figures_equal_the_database(national):
    document = Document(io.BytesIO(pm_report.build_docx(_report(), _data())))
    tables = _captioned_tables(document)
    text = admin_docx.document_text(document)

    # 1a: focal units by kind, against the call's invited units.
    invited = DossierCall.objects.get(plan_year=2017).invited.all()
    units_by_kind = dict(invited.values_list("kind").annotate(n=Count("id")).order_by())
    focal_by_kind = dict(invited.filter(focal_unit__status__in=[FocalUnitStatus.DESIGNATED, FocalUnitStatus.ESTABLISHED])
                         .values_list("kind").annotate(n=Count("id")).order_by())
    focal = tables["Đơn vị đầu mối về sản xuất sạch hơn, theo loại đơn vị"]
    for label, units, count, _share in focal[1:-1]:
        kind = next(k for k in OrganisationKind if k.label == label)
        assert (int(units), int(count)) == (units_by_kind[kind], focal_by_kind.get(kind, 0))
    assert focal[-1][1:3] == [str(sum(units_by_kind.values())), str(sum(focal_by_kind.values()))]

    # 1b: the evaluation's national value against the 2015 target: (40 + 70) / (100 + 100) = 55%.
    values = IndicatorValue.objects.filter(indicator__code="facilities_aware", report__submission__status="submitted").aggregate(
        n=Sum("numerator"), d=Sum("denominator"))
    aware = Decimal(100) * values["n"] / values["d"]
    evaluation = tables["Kết quả thực hiện các chỉ tiêu giai đoạn 2009–2015 so với mục tiêu"]
    row = next(r for r in evaluation if r[0].startswith("Tỷ lệ cơ sở sản xuất công nghiệp nhận thức"))
    assert row[2:] == [vn.format_number(aware, 1), "50 (2015)", vn.format_number(aware - 50, 1)] == ["55,0", "50 (2015)", "5,0"]
    plans = tables["Kế hoạch hành động đã ban hành, theo loại đơn vị"]
    assert plans[-1][1:3] == [str(sum(units_by_kind.values())), "2"]

    # 2a: the proposals, by priority activity, component project, kind of unit and unit.
    tasks, central, other, approved = _proposal_sums()
    assert f"là {vn.format_money(central)} đồng" in text and f"là {vn.format_money(other)} đồng" in text
    assert f"được duyệt là {vn.format_money(approved)} đồng" in text
    assert "có 3/7 đơn vị đã gửi đề xuất nhiệm vụ năm 2017 (2 đơn vị gửi muộn; 1 đơn vị được trả lại" in text
    kinds = {str(k.label): k for k in OrganisationKind}
    for caption, group_by, label_of in (
            ("Đề xuất nhiệm vụ theo hoạt động ưu tiên (triệu đồng)", "priority__name_vi", str),
            ("Đề xuất nhiệm vụ theo đề án thành phần (triệu đồng)", "component__name_vi", str),
            ("Đề xuất nhiệm vụ theo loại đơn vị (triệu đồng)", "proposal__organisation__kind", lambda label: kinds[label]),
            ("Đề xuất nhiệm vụ theo đơn vị (triệu đồng)", "proposal__organisation__name_vi", str)):
        *rows, total = tables[caption][1:]
        expected = _proposal_sums(group_by)
        shown = {label_of(r[0]): (int(r[1]), _vnd(r[2]), _vnd(r[3]), _vnd(r[4])) for r in rows}
        assert shown == expected, caption
        assert (int(total[1]), _vnd(total[2]), _vnd(total[3]), _vnd(total[4])) == (tasks, central, other, approved)
    assert approved != central  # the office approved less than was asked

    # 2b: the dossiers by component project and by kind, each source against the received funding.
    source_codes = [s.code for s in _data().dossiers.sources]
    for caption in ("Kinh phí kế hoạch năm theo đề án thành phần và nguồn (triệu đồng)",
                    "Kinh phí kế hoạch năm theo loại đơn vị và nguồn (triệu đồng)"):
        *rows, total = tables[caption][1:]
        for column, code in enumerate(source_codes, start=1):
            assert sum(_vnd(row[column]) for row in rows) == _vnd(total[column]) == _received_total(source__code=code)
        assert _vnd(total[-1]) == _received_total()
    years = tables["Kinh phí trong kế hoạch hành động đã ban hành, theo năm và nguồn (triệu đồng)"]
    assert [row[0] for row in years[1:-1]] == ["2016", "2017", "2018"]
    assert _vnd(years[-1][-1]) == 222_000_000 + 445_000_000 + 666

    # The annex: every unit that has not sent its proposal or its dossier, one row each.
    annex = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in annex.rows][1:]
    assert {row[1] for row in rows} == _not_sent_names()
    assert next(row for row in rows if row[1] == "UBND Thành phố Hà Nội")[3] == "Trả lại để hoàn thiện"


def test_table_columns_fit_their_content():
    """A label column gets at least its longest word and the room the numbers do not need."""
    headers = ["Đề án thành phần", "Ngân sách Trung ương", "Ngân sách của Bộ, ngành, địa phương", "Tổng cộng"]
    rows = [["1. Nâng cao nhận thức và năng lực áp dụng sản xuất sạch hơn trong công nghiệp", "300", "1.200,5", "1.500,5"]]
    widths = admin_docx.fitted_widths(headers, rows, 165, 10)
    assert round(sum(widths), 6) == 165
    assert widths[0] == max(widths) and widths[0] > 2 * widths[1]
    glyph = 10 * admin_docx.MM_PER_PT * admin_docx.GLYPH_EM
    for width, column in zip(widths, zip(headers, *rows)):
        assert width >= admin_docx.CELL_PADDING_MM + glyph * max(len(word) for text in column for word in text.split())


# --- .xlsx ---

def test_the_xlsx_annex_lists_every_sent_proposal_row_and_every_figure_equals_the_database(national):
    workbook = load_workbook(io.BytesIO(pm_annex.build_xlsx(_data())))
    sheet = workbook[pm_annex.PROPOSAL_SHEET]
    assert [c.value for c in sheet[3]] == pm_annex.ANNEX_PROPOSAL_HEADERS
    *rows, total = list(sheet.iter_rows(min_row=4, values_only=True))
    shown = sorted((r[1], r[3], r[4] or None, r[5] or None, r[6], r[7], r[8], r[9]) for r in rows)
    expected = sorted(
        (row.proposal.organisation.name_vi, row.name, row.priority.name_vi if row.priority else None,
         row.component.name_vi if row.component else None, "Muộn" if row.proposal.submitted_late else None,
         row.central_vnd, row.other_vnd, row.approved_central_vnd or 0)
        for row in _sent_rows().select_related("proposal__organisation", "priority", "component"))
    assert shown == expected
    assert total[0] == "Tổng cộng" and list(total[7:]) == list(_proposal_sums()[1:])
    assert all(isinstance(r[7], int) for r in rows)  # whole đồng, never floats
    injected = next(sheet.cell(row=r, column=4) for r in range(4, 4 + len(rows)) if "HYPERLINK" in str(sheet.cell(row=r, column=4).value))
    assert injected.data_type == "s"  # typed text never becomes a formula

    summary = list(workbook["PL2 - Tổng hợp đề xuất"].iter_rows(values_only=True))
    priorities = summary[2:2 + len(_proposal_sums("priority__name_vi")) + 1]
    assert {r[0]: tuple(r[1:5]) for r in priorities[:-1]} == _proposal_sums("priority__name_vi")
    assert tuple(priorities[-1][1:5]) == _proposal_sums()

    tasks_sheet = workbook[pm_annex.TASK_SHEET]
    *task_rows, task_total = list(tasks_sheet.iter_rows(min_row=4, values_only=True))
    first_amount = len(pm_annex.ANNEX_TASK_HEADERS)
    assert len(task_rows) == 4
    for offset, source_obj in enumerate(_data().dossiers.sources):
        column = first_amount + offset
        assert sum(row[column] for row in task_rows) == task_total[column] == _received_total(source=source_obj)
    assert task_total[-1] == _received_total()

    units = list(workbook[pm_annex.UNIT_SHEET].iter_rows(min_row=2, values_only=True))
    *unit_rows, unit_total = units
    assert len(unit_rows) == len(_invited_ids())
    assert unit_total[6:10] == (3, 2, 2, 1)  # proposals sent, late; dossiers received, late
    assert unit_total[-1] == _received_total()
    evaluation = list(workbook["PL8 - Đánh giá chỉ tiêu"].iter_rows(min_row=3, values_only=True))
    assert next(r for r in evaluation if r[0] == "facilities_aware")[3] == 55.0


def test_the_streamed_annex_is_cell_for_cell_the_one_the_openpyxl_writer_wrote(national):
    """Every sheet, value, type, bold header font and alignment as the previous writer (write-only openpyxl) left them."""
    before = workbook_cells((Path(__file__).parent / "golden" / "pm-annex.xlsx").read_bytes())
    assert differences(before, workbook_cells(pm_annex.build_xlsx(_data()))) == []


def test_the_report_reads_a_fixed_number_of_queries_whatever_the_size(national, clock):
    def count():
        with CaptureQueriesContext(connection) as queries:
            data = _data()
            pm_report.build_docx(_report(), data)
            pm_annex.build_xlsx(data)
        return len(queries)

    before = count()
    round_obj = Round.objects.get(plan_year=2017)
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    for index in range(3):
        organisation, officer, leader = _unit(f"more{index}", OrganisationKind.GENERAL_CORPORATION)
        round_obj.invited.add(organisation)
        proposal = round_services.proposal_for(round_obj=round_obj, organisation=organisation)
        for row in range(4):
            round_services.save_row(proposal=proposal, user=officer, data=task(f"Nhiệm vụ {row}", 1_000_000, 0))
        round_services.submit(proposal=proposal, user=leader)
    assert count() == before


# --- .pdf ---

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice and poppler are installed by scripts/install-system-deps.sh")


def _pdf_pages(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, pages + 1)]


@needs_office
def test_the_pdf_carries_text_on_every_page_and_the_figures(national, tmp_path):
    pages = _pdf_pages(pdf.docx_to_pdf(pm_report.build_docx(_report(), _data()), "bao-cao"), tmp_path)
    assert all(page.strip() for page in pages), [len(page.strip()) for page in pages]  # no blank (trailing) page
    text = unicodedata.normalize("NFC", "\n".join(pages))
    flat = re.sub(r"\s+", "", text)  # pdftotext may split a word where the font kerns
    for expected in ("35/BC-BCT", "TrầnTuấnAnh", "PHỤLỤC", vn.format_money(_proposal_sums()[1]),
                     vn.format_money(_proposal_sums()[3]), vn.format_money(_received_total())):
        assert expected in flat, expected
    # A label column is wide enough for its words: the first line of a long label holds several of them.
    # (The dossier table has eight columns, the proposal table five.)
    for start, words in (("Tổ chức lớp tập huấn", 8), ("1. Nâng cao nhận", 4), ("Đơn vị u1", 3)):
        line = next(line for line in text.splitlines() if start.replace(" ", "") in re.sub(r"\s+", "", line))
        cell = re.split(r"\s{2,}", line.strip())[0]
        assert len(cell.split()) >= words, line


# --- the pages ---

def test_downloads_need_a_numbered_and_signed_report(national, client):
    world = national
    client.force_login(world.user(OFFICE_REVIEWER))
    response = client.get(reverse("reports:pm_report_docx", args=[2017]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:pm_report", args=[2017])
    assert "Hãy nhập số báo cáo và họ tên người ký" in response.content.decode()
    form = {"title": "Báo cáo", "number": "/BC-BCT", "signer_title": "THỨ TRƯỞNG", "signer_name": ""}
    response = client.post(reverse("reports:pm_report", args=[2017]), form)
    assert response.status_code == 200 and not PrimeMinisterReport.objects.exists()
    page = response.content.decode()
    assert "Số báo cáo gồm số thứ tự và ký hiệu" in page
    form.update(number="35/BC-BCT", signer_name="Trần Tuấn Anh")
    assert client.post(reverse("reports:pm_report", args=[2017]), form).status_code == 302
    document = Document(io.BytesIO(client.get(reverse("reports:pm_report_docx", args=[2017])).content))
    assert "Số: 35/BC-BCT" in admin_docx.document_text(document)
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:pm_report_xlsx", args=[2017])).content))
    names = {row[3] for row in workbook[pm_annex.PROPOSAL_SHEET].iter_rows(min_row=4, values_only=True)}
    assert set(_sent_rows().values_list("name", flat=True)) <= names


def test_the_demo_report_downloads_with_the_2017_proposals(client, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(email="admin@sxsh.local"))
    docx = client.get("/reports/prime-minister/2017/bao-cao.docx")
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    xlsx = load_workbook(io.BytesIO(client.get("/reports/prime-minister/2017/phu-luc.xlsx").content))
    rows = {(r[3], r[7], r[9]) for r in xlsx[pm_annex.PROPOSAL_SHEET].iter_rows(min_row=4, values_only=True) if r[3]}
    expected = {(row.name, row.central_vnd, row.approved_central_vnd or 0) for row in _sent_rows()}
    assert expected and expected <= rows
    if shutil.which("soffice"):
        response = client.get("/reports/prime-minister/2017/bao-cao.pdf")
        assert response["Content-Type"] == "application/pdf"
        assert all(page.strip() for page in _pdf_pages(response.content, tmp_path))


def test_the_national_view_shows_years_without_a_thousands_separator(national, client):
    client.force_login(national.user(OFFICE_REVIEWER))
    page = client.get(reverse("reports:national") + "?year=2017").content.decode()
    by_year = re.search(r'<table id="by-year">(.*?)</table>', page, re.S).group(1)
    assert re.findall(r"<tr><td>([^<]*)</td>", by_year) == ["2016", "2017", "2018"]
    assert "2.016" not in page and "2.017" not in page


def test_an_action_plans_history_names_its_events_in_words(national, client):
    organisation = Organisation.objects.get(code="u1")
    client.force_login(national.user(OFFICE_REVIEWER))
    page = client.get(reverse("plans:action_plan", args=[phase_2016_2020().code, organisation.code])).content.decode()
    history = page.split("Lịch sử", 1)[1]
    assert ": Ban hành" in history and ": issue" not in history
