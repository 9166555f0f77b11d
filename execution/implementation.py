"""The year's implementation report (MOIT letter 1819/BCT-TKNL asked units for exactly this): tasks
by status, money by stage and source, deliverables, late and stopped tasks with reasons, indicator
contributions. Every figure is computed from the ledger and the accepted reports at download time;
the .docx uses the Decree 30 layout of core.docx, the .xlsx annex keeps whole đồng."""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from docx.shared import Pt

from collection.models import Status
from core import clock
from core import docx as admin_docx
from core.vn import format_money, format_number
from core.xlsx import StreamingWorkbook, Styled
from programmes.models import FundingSource

from . import ledger
from .models import AssignedTask, Deliverable, IndicatorContribution, MoneyEntry, ProgressReport, ProgressStatus

ISSUER = "BỘ CÔNG THƯƠNG"
RECIPIENTS = ["Thủ tướng Chính phủ (để b/c)", "Bộ trưởng (để b/c)", "Lưu: VT, KHCN"]
TROUBLED = (ProgressStatus.LATE, ProgressStatus.AT_RISK, ProgressStatus.STOPPED)


@dataclass
class TaskLine:
    task: AssignedTask
    money: dict  # {stage: đồng} for the year
    deliverables: list = field(default_factory=list)
    problems: str = ""


@dataclass
class Implementation:
    year: int
    sources: list
    lines: list
    by_source: dict  # {source_id: {stage: đồng}}
    contributions: list  # [(indicator, value)]

    @property
    def total(self) -> dict:
        return _add(line.money for line in self.lines)

    def by_status(self) -> list[tuple[str, int]]:
        counts = defaultdict(int)
        for line in self.lines:
            counts[line.task.progress_status] += 1
        return [(label, counts[value]) for value, label in ProgressStatus.choices]

    def closed(self) -> int:
        return sum(1 for line in self.lines if line.task.is_closed)

    def grouped(self, key) -> list[tuple[str, dict]]:
        """[(label, {stage: đồng})] grouped by key(task), in label order."""
        groups = defaultdict(list)
        for line in self.lines:
            groups[key(line.task)].append(line.money)
        return [(label, _add(moneys)) for label, moneys in sorted(groups.items())]

    def by_unit(self):
        return self.grouped(lambda task: task.organisation.name_vi)

    def by_component(self):
        return self.grouped(lambda task: str(task.component) if task.component else "Khác")

    def by_priority(self):
        return self.grouped(lambda task: task.priority_name or "Khác")

    def troubled(self) -> list[TaskLine]:
        return [line for line in self.lines if line.task.progress_status in TROUBLED]


def _add(moneys) -> dict:
    total = ledger.empty()
    for money in moneys:
        for stage in ledger.STAGES:
            total[stage] += money[stage]
    return total


def gather(*, year: int) -> Implementation:
    """The tasks running in `year` and the money of that budget year, in a fixed number of queries."""
    tasks = list(AssignedTask.objects.filter(start_date__year__lte=year, end_date__year__gte=year)
                 .select_related("organisation", "component").order_by("organisation__name_vi", "name", "id"))
    entries = MoneyEntry.objects.filter(task__in=tasks, year=year)
    cells = ledger.totals_by(entries, "task_id", "source_id")
    per_task, per_source = defaultdict(list), defaultdict(list)
    for (task_id, source_id), money in cells.items():
        per_task[task_id].append(money)
        per_source[source_id].append(money)
    accepted = ProgressReport.objects.filter(task__in=tasks, submission__status=Status.ACCEPTED)
    deliverables = defaultdict(list)
    for task_id, title in Deliverable.objects.filter(report__in=accepted).order_by("report__submission__call__deadline", "id").values_list(
            "report__task_id", "title"):
        deliverables[task_id].append(title)
    problems = {}
    for task_id, text in accepted.order_by("submission__call__deadline", "id").values_list("task_id", "problems"):
        problems[task_id] = text  # the latest accepted report's account wins
    contributions = (IndicatorContribution.objects.filter(report__in=accepted.filter(submission__call__deadline__year=year))
                     .values("indicator").annotate(total=Sum("value")).order_by("indicator__order"))
    indicators = {c.indicator_id: c.indicator for c in IndicatorContribution.objects.filter(
        report__in=accepted).select_related("indicator")}
    return Implementation(
        year=year, sources=[source for source in FundingSource.objects.all() if source.pk in per_source],
        lines=[TaskLine(task=task, money=_add(per_task[task.pk]), deliverables=deliverables[task.pk],
                        problems=problems.get(task.pk, "")) for task in tasks],
        by_source={source_id: _add(moneys) for source_id, moneys in per_source.items()},
        contributions=[(indicators[row["indicator"]], row["total"]) for row in contributions],
    )


def dong(vnd: int) -> str:
    return format_money(vnd, "dong") or "0"


STAGE_HEADERS = ["Phê duyệt", "Phân bổ", "Tạm ứng", "Thanh toán", "Quyết toán"]


def _stage_table(document, first: str, rows: list[tuple[str, dict]], total: dict):
    admin_docx.add_table(document, [first, *STAGE_HEADERS],
                         [[label, *[dong(money[stage]) for stage in ledger.STAGES]] for label, money in rows],
                         total=["Tổng cộng", *[dong(total[stage]) for stage in ledger.STAGES]], size=Pt(10),
                         numeric_columns=range(1, 6))


def status_labels() -> dict:
    """{status: label} translated once per document (a model's get_..._display translates on every call)."""
    return {value: str(label) for value, label in ProgressStatus.choices}


def build_docx(data: Implementation) -> bytes:
    labels = status_labels()
    document = admin_docx.new_document()
    admin_docx.add_letterhead(document, admin_docx.Letterhead(issuer=ISSUER, number="      /BC-BCT", day=clock.today()))
    admin_docx.add_title(document, "BÁO CÁO", f"Tình hình thực hiện các nhiệm vụ sản xuất sạch hơn năm {data.year}")
    total = data.total
    admin_docx.add_heading(document, "I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ")
    admin_docx.add_body(document, (
        f"Năm {data.year} có {format_number(len(data.lines))} nhiệm vụ được giao đang thực hiện hoặc đã kết thúc, "
        f"trong đó {format_number(data.closed())} nhiệm vụ đã nghiệm thu và quyết toán xong."))
    admin_docx.add_caption(document, "Bảng 1. Nhiệm vụ theo tình hình thực hiện")
    admin_docx.add_table(document, ["Tình hình thực hiện", "Số nhiệm vụ"],
                         [[str(label), format_number(count)] for label, count in data.by_status()],
                         total=["Tổng cộng", format_number(len(data.lines))], numeric_columns=(1,))

    admin_docx.add_heading(document, f"II. KINH PHÍ NĂM {data.year}")
    admin_docx.add_body(document, (
        f"Kinh phí năm {data.year} được phê duyệt {dong(total['approved'])} đồng, phân bổ {dong(total['allocated'])} đồng, "
        f"tạm ứng {dong(total['advanced'])} đồng, thanh toán {dong(total['paid'])} đồng, quyết toán "
        f"{dong(total['settled'])} đồng."))
    admin_docx.add_caption(document, "Bảng 2. Kinh phí theo nguồn và bước (đồng)")
    _stage_table(document, "Nguồn kinh phí", [(source.name_vi, data.by_source[source.pk]) for source in data.sources], total)
    admin_docx.add_caption(document, "Bảng 3. Kinh phí theo đề án thành phần (đồng)")
    _stage_table(document, "Đề án thành phần", data.by_component(), total)
    admin_docx.add_caption(document, "Bảng 4. Kinh phí theo đơn vị (đồng)")
    _stage_table(document, "Đơn vị", data.by_unit(), total)

    admin_docx.add_heading(document, "III. SẢN PHẨM ĐÃ HOÀN THÀNH")
    admin_docx.add_caption(document, "Bảng 5. Nhiệm vụ, tiến độ và sản phẩm")
    admin_docx.add_table(document, ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Tình hình", "Tiến độ (%)", "Sản phẩm"], [
        [str(index), line.task.name, line.task.implementing_body, labels[line.task.progress_status],
         format_number(line.task.progress_percent), "; ".join(line.deliverables)]
        for index, line in enumerate(data.lines, start=1)], size=Pt(10), numeric_columns=(0, 4))

    admin_docx.add_heading(document, "IV. NHIỆM VỤ CHẬM, CÓ NGUY CƠ HOẶC DỪNG THỰC HIỆN")
    troubled = data.troubled()
    if troubled:
        admin_docx.add_table(document, ["Nhiệm vụ", "Đơn vị", "Tình hình", "Lý do"], [
            [line.task.name, line.task.organisation.name_vi, labels[line.task.progress_status], line.problems]
            for line in troubled], size=Pt(10))
    else:
        admin_docx.add_body(document, "Không có.")
    admin_docx.add_heading(document, "V. ĐÓNG GÓP VÀO CÁC CHỈ TIÊU")
    if data.contributions:
        admin_docx.add_table(document, ["Chỉ tiêu", "Đơn vị tính", "Giá trị"], [
            [indicator.name_vi, indicator.unit, format_number(value, 0)] for indicator, value in data.contributions],
            numeric_columns=(2,))
    else:
        admin_docx.add_body(document, "Chưa có báo cáo nào ghi nhận kết quả theo chỉ tiêu.")
    admin_docx.add_closing(document, admin_docx.Closing(
        recipients=RECIPIENTS, signature=admin_docx.Signature(authority="KT. BỘ TRƯỞNG", title="THỨ TRƯỞNG", name="")))
    return admin_docx.to_bytes(document)


TASK_HEADERS = ["TT", "Đơn vị", "Đơn vị thực hiện", "Nhiệm vụ", "Đề án thành phần", "Hoạt động ưu tiên",
                "Quyết định giao", "Tình hình", "Tiến độ (%)", *[f"{h} (đồng)" for h in STAGE_HEADERS], "Sản phẩm"]


def build_xlsx(data: Implementation) -> bytes:
    """Annex: every task with its money by stage, then the summaries; totals are values equal to the sum of their rows."""
    workbook = StreamingWorkbook()
    bold = workbook.style(bold=True, font_name="Times New Roman")
    labels = status_labels()

    sheet = workbook.add_sheet("Nhiệm vụ")
    sheet.append([Styled(f"PHỤ LỤC. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM {data.year}", bold)])
    sheet.append([f"(Số liệu lập lúc {clock.now():%d/%m/%Y %H:%M})"])
    sheet.append([Styled(title, bold) for title in TASK_HEADERS])
    for index, line in enumerate(data.lines, start=1):
        task = line.task
        sheet.append([
            index, task.organisation.name_vi, task.implementing_body, task.name, str(task.component or ""),
            task.priority_name, task.decision_number, labels[task.progress_status], task.progress_percent,
            *[line.money[stage] for stage in ledger.STAGES], "; ".join(line.deliverables)])
    total = data.total
    sheet.append([Styled("Tổng cộng", bold), *[""] * 8, *[total[stage] for stage in ledger.STAGES], ""])

    for title, first, rows in (
            ("Theo nguồn", "Nguồn kinh phí", [(s.name_vi, data.by_source[s.pk]) for s in data.sources]),
            ("Theo đơn vị", "Đơn vị", data.by_unit()), ("Theo đề án", "Đề án thành phần", data.by_component()),
            ("Theo hoạt động ưu tiên", "Hoạt động ưu tiên", data.by_priority())):
        summary = workbook.add_sheet(title)
        summary.append([Styled(text, bold) for text in [first, *[f"{h} (đồng)" for h in STAGE_HEADERS]]])
        for label, money in rows:
            summary.append([label, *[money[stage] for stage in ledger.STAGES]])
        summary.append([Styled("Tổng cộng", bold), *[total[stage] for stage in ledger.STAGES]])
    return workbook.close()
