"""The annex workbook of the report to the Prime Minister (phu-luc.xlsx), from the same ReportData as the
report: every sent proposal row and every dossier task streamed as read, the summaries, every unit's
state and the evaluation. Amounts in whole đồng; totals are values computed here (a re-opened file shows
them without recalculation) and equal the sum of their rows."""
from core import clock
from core.xlsx import StreamingWorkbook, Styled
from evaluation.report import target_label
from organisations.models import OrganisationKind
from programmes.models import Programme

from .pm_report import NOT_ASKED, kind_label, proposal_lines, proposal_total, unit_states
from .selectors import Consolidation, ReportData, report_data

ANNEX_PROPOSAL_HEADERS = ["TT", "Đơn vị", "Loại đơn vị", "Tên nhiệm vụ", "Hoạt động ưu tiên", "Đề án thành phần",
                          "Gửi muộn", "Đề nghị NSTW (đồng)", "Đối ứng các nguồn khác (đồng)", "NSTW được duyệt (đồng)"]
ANNEX_TASK_HEADERS = ["TT", "Đơn vị", "Loại đơn vị", "Tên nhiệm vụ", "Đề án thành phần", "Thuộc kế hoạch hành động",
                      "Cơ quan chủ trì"]
JOB_KIND = "reports.pm_annex"  # the annex written by a background job when large (registered in ReportsConfig.ready)
PROPOSAL_SHEET = "PL1 - Đề xuất nhiệm vụ"
TASK_SHEET = "PL3 - Kế hoạch năm"
UNIT_SHEET = "PL7 - Đơn vị"


def _proposal_rows_sheet(workbook, data: ReportData, bold, track):
    sheet = workbook.add_sheet(PROPOSAL_SHEET)
    sheet.append([Styled(f"PHỤ LỤC 1. ĐỀ XUẤT NHIỆM VỤ NĂM {data.year} CỦA CÁC ĐƠN VỊ ĐÃ GỬI", bold)])
    sheet.append([f"(Kèm theo Báo cáo của Bộ Công Thương; số liệu lập lúc {clock.now():%d/%m/%Y %H:%M})"])
    sheet.append([Styled(title, bold) for title in ANNEX_PROPOSAL_HEADERS])
    totals = [0, 0, 0]
    labels = {kind: kind_label(kind) for kind in OrganisationKind.values}
    for index, (unit, kind, name, priority, component, central, other, approved, late) in enumerate(track(data.proposal_rows()), 1):
        totals = [totals[0] + central, totals[1] + other, totals[2] + (approved or 0)]
        sheet.append([index, unit, labels[kind], name, priority or "", component or "",
                      "Muộn" if late else "", central, other, approved or 0])
    sheet.append([Styled("Tổng cộng", bold), *[""] * 6, *totals])


def _proposal_summary_sheet(workbook, data: ReportData, bold):
    sheet = workbook.add_sheet("PL2 - Tổng hợp đề xuất")
    for title, first, by in (("Theo hoạt động ưu tiên", "Hoạt động ưu tiên", "priority"),
                             ("Theo đề án thành phần", "Đề án thành phần", "component"),
                             ("Theo loại đơn vị", "Loại đơn vị", "kind"), ("Theo đơn vị", "Đơn vị", "unit")):
        sheet.append([Styled(title, bold)])
        sheet.append([Styled(text, bold) for text in
                      [first, "Số nhiệm vụ", "Đề nghị NSTW (đồng)", "Đối ứng các nguồn khác (đồng)", "NSTW được duyệt (đồng)"]])
        for line in [*proposal_lines(data, by), proposal_total(data)]:
            sheet.append([line.label, line.tasks, line.central_vnd, line.other_vnd, line.approved_vnd])
        sheet.append([])


def _dossier_sheets(workbook, data: Consolidation, bold, track):
    source_names = [f"{source.name_vi} (đồng)" for source in data.sources]
    tasks_sheet = workbook.add_sheet(TASK_SHEET)
    tasks_sheet.append([Styled(f"PHỤ LỤC 3. NHIỆM VỤ VÀ KINH PHÍ KẾ HOẠCH NĂM {data.year}", bold)])
    tasks_sheet.append([f"(Kèm theo Báo cáo của Bộ Công Thương; số liệu lập lúc {clock.now():%d/%m/%Y %H:%M})"])
    tasks_sheet.append([Styled(title, bold) for title in [*ANNEX_TASK_HEADERS, *source_names, "Tổng cộng (đồng)"]])
    totals = [0] * len(data.sources)
    labels = {kind: kind_label(kind) for kind in OrganisationKind.values}
    for index, (unit, kind, name, order, component, action_task, body, *amounts) in enumerate(track(data.received_tasks()), 1):
        totals = [a + b for a, b in zip(totals, amounts)]
        tasks_sheet.append([
            index, unit, labels[kind], name, f"{order}. {component}" if order else "", action_task or "", body,
            *amounts, sum(amounts)])
    tasks_sheet.append([Styled("Tổng cộng", bold), *[""] * (len(ANNEX_TASK_HEADERS) - 1), *totals, sum(totals)])

    for title, first, rows in (("PL4 - KHN theo đề án", "Đề án thành phần", data.component_rows()),
                               ("PL5 - KHN theo loại đơn vị", "Loại đơn vị", data.kind_rows()),
                               ("PL6 - KHHĐ theo năm", "Năm", data.plan_year_rows())):
        sheet = workbook.add_sheet(title)
        sheet.append([Styled(text, bold) for text in [first, *source_names, "Tổng cộng (đồng)"]])
        column_totals = [0] * len(data.sources)
        for label, amounts, total in rows:
            column_totals = [a + b for a, b in zip(column_totals, amounts)]
            sheet.append([label, *amounts, total])
        sheet.append([Styled("Tổng cộng", bold), *column_totals, sum(column_totals)])


def _units_sheet(workbook, data: ReportData, bold):
    sheet = workbook.add_sheet(UNIT_SHEET)
    sheet.append([Styled(text, bold) for text in [
        "TT", "Đơn vị", "Loại đơn vị", "Đơn vị đầu mối", "Kế hoạch hành động", "Số quyết định",
        f"Đề xuất nhiệm vụ năm {data.year}", "Đề xuất gửi muộn", f"Hồ sơ kế hoạch năm {data.year}", "Hồ sơ gửi muộn",
        "Kinh phí kế hoạch năm (đồng)"]])
    counts = [0] * 6
    for index, state in enumerate(unit_states(data), start=1):
        line, proposal = state.dossier, state.proposal
        flags = [bool(line and line.has_focal_unit), bool(line and line.plan_issued), bool(proposal and proposal.sent),
                 bool(proposal and proposal.sent and proposal.late), bool(line and line.dossier_received),
                 bool(line and line.dossier_received and line.dossier_late)]
        counts = [count + flag for count, flag in zip(counts, flags)]
        sheet.append([
            index, state.name, kind_label(state.kind), ("Có" if flags[0] else "Chưa") if line else NOT_ASKED,
            str(line.plan_status_label) if line else NOT_ASKED, line.plan_decision if line else "",
            state.proposal_label, "Muộn" if flags[3] else "", state.dossier_label, "Muộn" if flags[5] else "",
            line.dossier_total_vnd if line else 0])
    sheet.append([Styled("Tổng cộng", bold), "", "", counts[0], counts[1], "", counts[2], counts[3], counts[4],
                  counts[5], data.dossiers.total_vnd])


def _evaluation_sheet(workbook, data: ReportData, bold):
    sheet = workbook.add_sheet("PL8 - Đánh giá chỉ tiêu")
    evaluation = data.evaluation
    if evaluation is None:
        sheet.append(["Chưa có kỳ đánh giá kết quả thực hiện các chỉ tiêu của Chiến lược."])
        return
    sheet.append([Styled(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU GIAI ĐOẠN {evaluation['years']} SO VỚI MỤC TIÊU", bold)])
    sheet.append([Styled(text, bold) for text in
                  ["Mã", "Chỉ tiêu", "Đơn vị tính", "Kết quả toàn quốc", "Mục tiêu", "Năm mốc", "Chênh lệch"]])
    for line in evaluation["lines"]:
        target = line["target"]
        sheet.append([line["code"], line["name"], line["unit"], _decimal(line["value"]),
                      target_label(target), target["year"] if target else None, _decimal(line["gap"])])


def _decimal(value):
    return None if value is None else float(value)


def streamed_rows(data: ReportData) -> int:
    """How many rows the annex streams (sent proposal rows and received dossier tasks): its size."""
    return proposal_total(data).tasks + data.dossiers.received_task_count()


def build_xlsx(data: ReportData, output=None, track=iter) -> bytes | None:
    """The annex, written to `output` (a binary file or path) when given, else returned as bytes; every streamed
    row source passes through `track` (a background job counts the rows there)."""
    workbook = StreamingWorkbook(output)
    bold = workbook.style(bold=True, font_name="Times New Roman", text_wrap=True, valign="top")
    _proposal_rows_sheet(workbook, data, bold, track)
    _proposal_summary_sheet(workbook, data, bold)
    _dossier_sheets(workbook, data.dossiers, bold, track)
    _units_sheet(workbook, data, bold)
    _evaluation_sheet(workbook, data, bold)
    return workbook.close()


def filename(year: int) -> str:
    return f"phu-luc-bao-cao-thu-tuong-{year}.xlsx"


def run_job(parameters: dict, output, track) -> None:
    """The background job's writer: the annex of one year's report read again when the job runs."""
    programme = Programme.objects.get(pk=parameters["programme"])
    build_xlsx(report_data(year=parameters["year"], programme=programme), output=output, track=track)
