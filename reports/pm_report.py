"""The report to the Prime Minister (.docx, Decree 30 layout) and its annex of tasks and funding (.xlsx).

The office writes the words (PrimeMinisterReport); every figure comes from a Consolidation."""
import io

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from core import clock
from core import docx as admin_docx
from core.vn import format_money, format_number
from core.xlsx import text_cells

from .models import PrimeMinisterReport
from .selectors import Consolidation

MONEY_UNIT = "trieu"  # tables of the report are in triệu đồng; the .xlsx annex keeps whole đồng
ISSUER = "BỘ CÔNG THƯƠNG"
DEFAULT_RECIPIENTS = ["Như trên", "Phó Thủ tướng Chính phủ (để b/c)", "Bộ trưởng (để b/c)", "Lưu: VT, KHCN"]


def default_report(*, programme, year) -> PrimeMinisterReport:
    """An unsaved report with the standard wording, ready for the office to edit."""
    return PrimeMinisterReport(
        programme=programme, year=year,
        title=f"Tình hình thực hiện Chiến lược sản xuất sạch hơn trong công nghiệp và kế hoạch năm {year}",
        introduction=(f"Thực hiện {programme.legal_basis or programme.name_vi}, Bộ Công Thương đã đề nghị các Bộ, ngành, "
                      f"Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương và các Tập đoàn, Tổng công ty nhà nước "
                      f"xây dựng kế hoạch hành động và kế hoạch năm {year}. Bộ Công Thương báo cáo Thủ tướng Chính phủ "
                      f"như sau:"),
        assessment="", difficulties="", proposals="",
        recipients="\n".join(DEFAULT_RECIPIENTS), signer_name="",
    )


def money(vnd: int) -> str:
    return format_money(vnd, MONEY_UNIT) or "0"


def dong(vnd: int) -> str:
    return format_money(vnd, "dong") or "0"


def _share(data: Consolidation, count: int) -> str:
    share = data.share(count)
    return format_number(share, 1) if share is not None else "—"


def summary_rows(data: Consolidation) -> list[list[str]]:
    return [
        ["1", "Số đơn vị phải báo cáo", format_number(data.units), "100"],
        ["2", "Đã chỉ định hoặc thành lập đơn vị đầu mối", format_number(data.with_focal_unit), _share(data, data.with_focal_unit)],
        ["3", "Đã ban hành kế hoạch hành động", format_number(data.with_issued_plan), _share(data, data.with_issued_plan)],
        ["4", f"Đã gửi hồ sơ kế hoạch năm {data.year}", format_number(data.with_dossier), _share(data, data.with_dossier)],
        ["5", "Gửi hồ sơ muộn", format_number(len(data.late)), _share(data, len(data.late))],
        ["6", "Chưa gửi hồ sơ", format_number(len(data.missing)), _share(data, len(data.missing))],
    ]


def _money_table(document, data: Consolidation, first_header: str, rows: list[tuple]):
    headers = [first_header, *[source.name_vi for source in data.sources], "Tổng cộng"]
    body = [[label, *[money(amount) for amount in amounts], money(total)] for label, amounts, total in rows]
    totals = [sum(amounts[i] for _l, amounts, _t in rows) for i in range(len(data.sources))]
    footer = ["Tổng cộng", *[money(amount) for amount in totals], money(sum(totals))]
    admin_docx.add_table(document, headers, body, total=footer, size=Pt(10),
                         numeric_columns=range(1, len(headers)))


def build_docx(report: PrimeMinisterReport, data: Consolidation) -> bytes:
    document = admin_docx.new_document()
    admin_docx.add_letterhead(document, admin_docx.Letterhead(
        issuer=ISSUER, number=report.number, day=report.report_date or clock.today()))
    admin_docx.add_title(document, "BÁO CÁO", report.title)
    admin_docx.add_addressees(document, ["Thủ tướng Chính phủ"])
    admin_docx.add_body(document, report.introduction)

    admin_docx.add_heading(document, "I. TÌNH HÌNH TRIỂN KHAI")
    admin_docx.add_body(document, (
        f"Đến ngày {clock.today():%d/%m/%Y}, trong tổng số {format_number(data.units)} đơn vị phải báo cáo, "
        f"{format_number(data.with_focal_unit)} đơn vị ({_share(data, data.with_focal_unit)}%) đã chỉ định hoặc thành lập "
        f"đơn vị đầu mối về sản xuất sạch hơn; {format_number(data.with_issued_plan)} đơn vị "
        f"({_share(data, data.with_issued_plan)}%) đã ban hành kế hoạch hành động; {format_number(data.with_dossier)} đơn vị "
        f"({_share(data, data.with_dossier)}%) đã gửi hồ sơ kế hoạch năm {data.year}."))
    admin_docx.add_caption(document, "Bảng 1. Tình hình thực hiện của các đơn vị")
    admin_docx.add_table(document, ["TT", "Nội dung", "Số đơn vị", "Tỷ lệ (%)"], summary_rows(data),
                         widths_mm=[12, 110, 22, 22], numeric_columns=(2, 3), size=Pt(11))
    admin_docx.add_body(document, report.assessment)

    admin_docx.add_heading(document, f"II. KẾ HOẠCH NĂM {data.year}")
    admin_docx.add_body(document, (
        f"Tổng kinh phí trong hồ sơ kế hoạch năm {data.year} các đơn vị đã gửi là {dong(data.total_vnd)} đồng, "
        f"trong đó: " + "; ".join(f"{source.name_vi} {dong(data.by_source.get(source.pk, 0))} đồng"
                                  for source in data.sources) + "."))
    admin_docx.add_caption(document, "Bảng 2. Kinh phí theo đề án thành phần và nguồn (triệu đồng)")
    _money_table(document, data, "Đề án thành phần", data.component_rows())
    admin_docx.add_caption(document, "Bảng 3. Kinh phí theo loại đơn vị và nguồn (triệu đồng)")
    _money_table(document, data, "Loại đơn vị", data.kind_rows())
    if data.plan_by_year:
        admin_docx.add_caption(document, "Bảng 4. Kinh phí theo kế hoạch hành động đã ban hành, theo năm và nguồn (triệu đồng)")
        _money_table(document, data, "Năm", [(str(year), amounts, total) for year, amounts, total in data.plan_year_rows()])

    admin_docx.add_heading(document, "III. ĐƠN VỊ GỬI MUỘN, CHƯA GỬI HỒ SƠ")
    late = ", ".join(line.organisation.name_vi for line in data.late) or "Không có"
    missing = ", ".join(line.organisation.name_vi for line in data.missing) or "Không có"
    admin_docx.add_body(document, f"Gửi muộn ({len(data.late)}): {late}.\nChưa gửi ({len(data.missing)}): {missing}.")

    if report.difficulties.strip():
        admin_docx.add_heading(document, "IV. KHÓ KHĂN, VƯỚNG MẮC")
        admin_docx.add_body(document, report.difficulties)
    if report.proposals.strip():
        admin_docx.add_heading(document, "V. KIẾN NGHỊ")
        admin_docx.add_body(document, report.proposals)
    admin_docx.add_body(document, "Bộ Công Thương kính báo cáo Thủ tướng Chính phủ xem xét, chỉ đạo./.")
    admin_docx.add_closing(document, admin_docx.Closing(
        recipients=report.recipient_list or DEFAULT_RECIPIENTS,
        signature=admin_docx.Signature(authority=report.signer_authority, title=report.signer_title,
                                       name=report.signer_name)))
    return admin_docx.to_bytes(document)


ANNEX_TASK_HEADERS = ["TT", "Đơn vị", "Loại đơn vị", "Tên nhiệm vụ", "Đề án thành phần", "Thuộc kế hoạch hành động",
                      "Cơ quan chủ trì"]


def build_xlsx(data: Consolidation) -> bytes:
    """Annex: every task with its funding by source in whole đồng, then the summaries. Totals are values
    computed here (a re-opened file shows them without recalculation) and equal the sum of their rows."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True, name="Times New Roman")
    source_names = [f"{source.name_vi} (đồng)" for source in data.sources]

    def header(sheet, titles):
        sheet.append([_cell(sheet, title, bold) for title in titles])

    tasks_sheet = workbook.create_sheet("Phụ lục 1 - Nhiệm vụ")
    tasks_sheet.append([_cell(tasks_sheet, f"PHỤ LỤC 1. NHIỆM VỤ VÀ KINH PHÍ KẾ HOẠCH NĂM {data.year}", bold)])
    tasks_sheet.append([f"(Kèm theo Báo cáo của Bộ Công Thương; số liệu lập lúc {clock.now():%d/%m/%Y %H:%M})"])
    header(tasks_sheet, [*ANNEX_TASK_HEADERS, *source_names, "Tổng cộng (đồng)"])
    totals = [0] * len(data.sources)
    for index, task in enumerate(data.tasks, start=1):
        amounts = [task["amounts"].get(source.pk, 0) for source in data.sources]
        totals = [a + b for a, b in zip(totals, amounts)]
        component = f"{task['component__order']}. {task['component__name_vi']}" if task["component__order"] else ""
        tasks_sheet.append(text_cells(tasks_sheet, [
            index, task["organisation"].name_vi, task["organisation"].get_kind_display(), task["name"], component,
            task["action_task__name"] or "", task["responsible_body"], *amounts, sum(amounts)]))
    tasks_sheet.append([_cell(tasks_sheet, "Tổng cộng", bold), *[""] * (len(ANNEX_TASK_HEADERS) - 1),
                        *totals, sum(totals)])

    for title, first, rows in (("Phụ lục 2 - Theo đề án", "Đề án thành phần", data.component_rows()),
                               ("Phụ lục 3 - Theo loại đơn vị", "Loại đơn vị", data.kind_rows()),
                               ("Phụ lục 4 - KHHĐ theo năm", "Năm", data.plan_year_rows())):
        sheet = workbook.create_sheet(title)
        header(sheet, [first, *source_names, "Tổng cộng (đồng)"])
        column_totals = [0] * len(data.sources)
        for label, amounts, total in rows:
            column_totals = [a + b for a, b in zip(column_totals, amounts)]
            sheet.append([label, *amounts, total])
        sheet.append([_cell(sheet, "Tổng cộng", bold), *column_totals, sum(column_totals)])

    units_sheet = workbook.create_sheet("Phụ lục 5 - Đơn vị")
    header(units_sheet, ["TT", "Đơn vị", "Loại đơn vị", "Đơn vị đầu mối", "Kế hoạch hành động", "Số quyết định",
                         f"Hồ sơ năm {data.year}", "Gửi muộn", "Kinh phí (đồng)"])
    for index, line in enumerate(data.lines, start=1):
        units_sheet.append([index, line.organisation.name_vi, line.organisation.get_kind_display(),
                            "Có" if line.has_focal_unit else "Chưa", str(line.plan_status_label), line.plan_decision,
                            str(line.dossier_status_label), "Muộn" if line.dossier_late else "", line.dossier_total_vnd])
    units_sheet.append([_cell(units_sheet, "Tổng cộng", bold), "", "", data.with_focal_unit, data.with_issued_plan, "",
                        data.with_dossier, len(data.late), sum(line.dossier_total_vnd for line in data.lines)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


