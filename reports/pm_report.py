"""The report to the Prime Minister (.docx, Decree 30 layout); its annex workbook is pm_annex.

The office writes the words (PrimeMinisterReport); every figure comes from ReportData, read at download.
The sections follow letter 4108: focal units (1a), the evaluation against the targets and the action
plans (1b), the proposals for central-budget support (2a), the units' own plans (2b), then difficulties
and recommendations; units that did not send are listed in an annex table."""
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from docx.shared import Pt

from core import clock
from core import docx as admin_docx
from core.vn import format_money, format_number
from evaluation.report import shown, target_label
from organisations.models import KIND_ORDER, OrganisationKind

from .models import PrimeMinisterReport
from .selectors import Consolidation, ReportData

MONEY_UNIT = "trieu"  # tables of the report are in triệu đồng; the .xlsx annex keeps whole đồng
ISSUER = "BỘ CÔNG THƯƠNG"
DEFAULT_RECIPIENTS = ["Như trên", "Phó Thủ tướng Chính phủ (để b/c)", "Bộ trưởng (để b/c)", "Lưu: VT, KHCN"]
DEFAULT_DIFFICULTIES = ("Một số đơn vị chưa chỉ định đơn vị đầu mối, chưa ban hành kế hoạch hành động hoặc gửi hồ sơ "
                        "chậm so với thời hạn; nguồn kinh phí bố trí cho hoạt động sản xuất sạch hơn tại địa phương còn hạn chế.")
DEFAULT_PROPOSALS = ("Đề nghị Thủ tướng Chính phủ chỉ đạo các Bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
                     "Trung ương và các Tập đoàn, Tổng công ty nhà nước tiếp tục triển khai Chiến lược, bố trí kinh phí "
                     "thực hiện các nhiệm vụ đã đề xuất và gửi báo cáo đúng thời hạn.")
NOT_ASKED = "—"
PROPOSAL_HEADERS = ["Số nhiệm vụ", "Đề nghị NSTW", "Đối ứng các nguồn khác", "NSTW được duyệt"]


def default_report(*, programme, year) -> PrimeMinisterReport:
    """An unsaved report with the standard wording, ready for the office to edit."""
    return PrimeMinisterReport(
        programme=programme, year=year,
        title=f"Tình hình thực hiện Chiến lược sản xuất sạch hơn trong công nghiệp và kế hoạch năm {year}",
        introduction=(f"Thực hiện {programme.legal_basis or programme.name_vi}, Bộ Công Thương đã đề nghị các Bộ, ngành, "
                      f"Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương và các Tập đoàn, Tổng công ty nhà nước "
                      f"xây dựng kế hoạch hành động, đề xuất nhiệm vụ và kế hoạch năm {year}. Bộ Công Thương báo cáo "
                      f"Thủ tướng Chính phủ như sau:"),
        assessment="", difficulties=DEFAULT_DIFFICULTIES, proposals=DEFAULT_PROPOSALS,
        recipients="\n".join(DEFAULT_RECIPIENTS), signer_name=settings.LETTER_SIGNER_NAME,
    )


def money(vnd: int) -> str:
    return format_money(vnd, MONEY_UNIT) or "0"


def dong(vnd: int) -> str:
    return format_money(vnd, "dong") or "0"


def percent(count: int, total: int) -> str:
    return format_number(round(100 * count / total, 1), 1) if total else "—"


def kind_label(kind: str) -> str:
    return str(OrganisationKind(kind).label)


# --- plain tables, shared by the .docx and the .xlsx ---

def kind_count_rows(data: Consolidation, counted) -> list[tuple[str, int, int]]:
    """(kind, units, units for which `counted(line)` holds) per kind of unit, in the letter's order."""
    units, counts = defaultdict(int), defaultdict(int)
    for line in data.lines:
        units[line.organisation.kind] += 1
        counts[line.organisation.kind] += bool(counted(line))
    return [(kind_label(kind), units[kind], counts[kind]) for kind in KIND_ORDER if units[kind]]


@dataclass
class ProposalLine:
    label: str
    tasks: int = 0
    central_vnd: int = 0
    other_vnd: int = 0
    approved_vnd: int = 0

    def add(self, group):
        self.tasks += group.tasks
        self.central_vnd += group.central_vnd
        self.other_vnd += group.other_vnd
        self.approved_vnd += group.approved_vnd
        return self


def proposal_lines(data: ReportData, by: str) -> list[ProposalLine]:
    """The sent proposals' sums by "priority", "component", "kind" or "unit", in the list's or letter's order."""
    units = {unit.organisation_id: unit for unit in data.proposals.units}
    unit_rank = {organisation_id: rank for rank, organisation_id in enumerate(units)}
    key = {
        "priority": lambda g: ((g.priority_order, g.priority), g.priority),
        "component": lambda g: ((g.component_order, g.component), g.component),
        "kind": lambda g: ((KIND_ORDER.index(units[g.organisation_id].kind),), kind_label(units[g.organisation_id].kind)),
        "unit": lambda g: ((unit_rank[g.organisation_id],), units[g.organisation_id].name),
    }[by]
    lines = {}
    for group in data.proposals.groups:
        rank, label = key(group)
        lines.setdefault(rank, ProposalLine(label)).add(group)
    return [lines[rank] for rank in sorted(lines)]


def proposal_total(data: ReportData) -> ProposalLine:
    total = ProposalLine("Tổng cộng")
    for group in data.proposals.groups:
        total.add(group)
    return total


@dataclass
class UnitState:
    """A unit asked for its proposal, its annual dossier or both (None where it was not asked)."""

    name: str
    kind: str
    dossier: object  # selectors.UnitLine | None
    proposal: object  # rounds.selectors.ProposalUnit | None

    @property
    def proposal_label(self) -> str:
        return self.proposal.status_label if self.proposal else NOT_ASKED

    @property
    def dossier_label(self) -> str:
        return str(self.dossier.dossier_status_label) if self.dossier else NOT_ASKED

    @property
    def sent_everything(self) -> bool:
        return (self.proposal is None or self.proposal.sent) and (self.dossier is None or self.dossier.dossier_received)


def unit_states(data: ReportData) -> list[UnitState]:
    """Every unit of the dossier call or the proposal rounds, in the letter's order."""
    proposals = {unit.organisation_id: unit for unit in data.proposals.units}
    states = [UnitState(line.organisation.name_vi, line.organisation.kind, line, proposals.pop(line.organisation.pk, None))
              for line in data.dossiers.lines]
    states += [UnitState(unit.name, unit.kind, None, unit) for unit in proposals.values()]
    return sorted(states, key=lambda state: (KIND_ORDER.index(state.kind), state.name))


def not_sent_rows(data: ReportData) -> list[list[str]]:
    """Units that have not sent their proposal or their annual dossier: [unit, kind, proposal, dossier]."""
    return [[state.name, kind_label(state.kind), state.proposal_label, state.dossier_label]
            for state in unit_states(data) if not state.sent_everything]


# --- .docx ---

def _count_table(document, rows, header: str):
    body = [[label, format_number(units), format_number(count), percent(count, units)] for label, units, count in rows]
    units, count = sum(r[1] for r in rows), sum(r[2] for r in rows)
    admin_docx.add_table(document, ["Loại đơn vị", "Số đơn vị", header, "Tỷ lệ (%)"], body,
                         total=["Tổng cộng", format_number(units), format_number(count), percent(count, units)],
                         numeric_columns=(1, 2, 3))


def _money_table(document, data: Consolidation, first_header: str, rows: list[tuple]):
    headers = [first_header, *[source.name_vi for source in data.sources], "Tổng cộng"]
    body = [[label, *[money(amount) for amount in amounts], money(total)] for label, amounts, total in rows]
    totals = [sum(amounts[i] for _l, amounts, _t in rows) for i in range(len(data.sources))]
    footer = ["Tổng cộng", *[money(amount) for amount in totals], money(sum(totals))]
    admin_docx.add_table(document, headers, body, total=footer, size=Pt(10), numeric_columns=range(1, len(headers)))


def _proposal_cells(line: ProposalLine) -> list[str]:
    return [line.label, format_number(line.tasks), money(line.central_vnd), money(line.other_vnd), money(line.approved_vnd)]


def _proposal_table(document, data: ReportData, first_header: str, by: str):
    admin_docx.add_table(document, [first_header, *PROPOSAL_HEADERS],
                         [_proposal_cells(line) for line in proposal_lines(data, by)],
                         total=_proposal_cells(proposal_total(data)), size=Pt(11), numeric_columns=(1, 2, 3, 4))


class _Captions:
    """Numbers the tables in the order they appear."""

    def __init__(self, document):
        self.document, self.number = document, 0

    def __call__(self, text):
        self.number += 1
        admin_docx.add_caption(self.document, f"Bảng {self.number}. {text}")


def _focal_units(document, report, data: ReportData, caption):
    dossiers = data.dossiers
    admin_docx.add_heading(document, "1. Đơn vị đầu mối về sản xuất sạch hơn")
    admin_docx.add_body(document, (
        f"Đến ngày {clock.today():%d/%m/%Y}, trong tổng số {format_number(dossiers.units)} đơn vị phải báo cáo, "
        f"{format_number(dossiers.with_focal_unit)} đơn vị ({percent(dossiers.with_focal_unit, dossiers.units)}%) đã chỉ "
        f"định hoặc thành lập đơn vị đầu mối về sản xuất sạch hơn."))
    caption("Đơn vị đầu mối về sản xuất sạch hơn, theo loại đơn vị")
    _count_table(document, kind_count_rows(dossiers, lambda line: line.has_focal_unit), "Đã có đơn vị đầu mối")


def _evaluation(document, report, data: ReportData, caption):
    evaluation, dossiers = data.evaluation, data.dossiers
    years = evaluation["years"] if evaluation else ""
    period = f" giai đoạn {years}" if evaluation else ""
    admin_docx.add_heading(document, f"2. Kết quả thực hiện{period} so với mục tiêu của Chiến lược và việc ban hành "
                                     f"kế hoạch hành động")
    if evaluation is None:
        admin_docx.add_body(document, "Chưa có kỳ đánh giá kết quả thực hiện các chỉ tiêu của Chiến lược.")
    else:
        admin_docx.add_body(document, (
            f"Có {format_number(evaluation['actual'])}/{format_number(evaluation['expected'])} đơn vị "
            f"({shown(evaluation['rate'])}%) đã gửi báo cáo đánh giá giai đoạn {years}. Kết quả toàn quốc so với "
            f"mục tiêu của Chiến lược như sau:"))
        caption(f"Kết quả thực hiện các chỉ tiêu giai đoạn {years} so với mục tiêu")
        admin_docx.add_table(document, ["Chỉ tiêu", "Đơn vị tính", "Kết quả toàn quốc", "Mục tiêu", "Chênh lệch"], [
            [line["name"], line["unit"], shown(line["value"]),
             target_label(line["target"]) + (f" ({line['target']['year']})" if line["target"] else ""), shown(line["gap"])]
            for line in evaluation["lines"]], numeric_columns=(2, 4))
    phase = f" giai đoạn {dossiers.phase.start_year}–{dossiers.phase.end_year}" if dossiers.phase else ""
    admin_docx.add_body(document, (
        f"Về kế hoạch hành động{phase}: {format_number(dossiers.with_issued_plan)} đơn vị "
        f"({percent(dossiers.with_issued_plan, dossiers.units)}%) đã ban hành kế hoạch hành động."))
    caption("Kế hoạch hành động đã ban hành, theo loại đơn vị")
    _count_table(document, kind_count_rows(dossiers, lambda line: line.plan_issued), "Đã ban hành")
    if dossiers.plan_by_year:
        caption("Kinh phí trong kế hoạch hành động đã ban hành, theo năm và nguồn (triệu đồng)")
        _money_table(document, dossiers, "Năm", [(str(year), amounts, total) for year, amounts, total in dossiers.plan_year_rows()])


def _proposals(document, report, data: ReportData, caption):
    summary, total = data.proposals, proposal_total(data)
    admin_docx.add_heading(document, "1. Đề xuất nhiệm vụ hỗ trợ từ ngân sách Trung ương")
    if not summary.rounds:
        admin_docx.add_body(document, f"Chưa có đợt đề xuất nhiệm vụ cho năm {data.year}.")
        return
    sent = summary.sent
    late = [unit for unit in sent if unit.late]
    returned = [unit for unit in summary.units if unit.returned]
    letters = ", ".join(r["letter_number"] for r in summary.rounds if r["letter_number"])
    admin_docx.add_body(document, (
        f"{'Thực hiện công văn số ' + letters + ', c' if letters else 'C'}ó {format_number(len(sent))}/"
        f"{format_number(len(summary.units))} đơn vị đã gửi đề xuất nhiệm vụ năm {data.year} "
        f"({format_number(len(late))} đơn vị gửi muộn; {format_number(len(returned))} đơn vị được trả lại để hoàn thiện, "
        f"chưa gửi lại), với {format_number(total.tasks)} nhiệm vụ. Tổng kinh phí đề nghị hỗ trợ từ ngân sách Trung ương "
        f"là {dong(total.central_vnd)} đồng, kinh phí đối ứng từ các nguồn khác là {dong(total.other_vnd)} đồng; "
        f"kinh phí ngân sách Trung ương được duyệt là {dong(total.approved_vnd)} đồng."))
    for text, first, by in (("theo hoạt động ưu tiên", "Hoạt động ưu tiên", "priority"),
                            ("theo đề án thành phần", "Đề án thành phần", "component"),
                            ("theo loại đơn vị", "Loại đơn vị", "kind"), ("theo đơn vị", "Đơn vị", "unit")):
        caption(f"Đề xuất nhiệm vụ {text} (triệu đồng)")
        _proposal_table(document, data, first, by)


def _dossiers(document, report, data: ReportData, caption):
    dossiers = data.dossiers
    admin_docx.add_heading(document, "2. Kế hoạch năm của các đơn vị")
    admin_docx.add_body(document, (
        f"Có {format_number(dossiers.with_dossier)}/{format_number(dossiers.units)} đơn vị đã gửi hồ sơ kế hoạch năm "
        f"{data.year} ({format_number(len(dossiers.late))} đơn vị gửi muộn). Tổng kinh phí trong hồ sơ các đơn vị đã gửi là "
        f"{dong(dossiers.total_vnd)} đồng, trong đó: "
        + "; ".join(f"{source.name_vi} {dong(dossiers.by_source.get(source.pk, 0))} đồng" for source in dossiers.sources)
        + "."))
    caption("Kinh phí kế hoạch năm theo đề án thành phần và nguồn (triệu đồng)")
    _money_table(document, dossiers, "Đề án thành phần", dossiers.component_rows())
    caption("Kinh phí kế hoạch năm theo loại đơn vị và nguồn (triệu đồng)")
    _money_table(document, dossiers, "Loại đơn vị", dossiers.kind_rows())


def _assessment(document, report, data: ReportData, caption):
    admin_docx.add_body(document, report.assessment)


# The report's parts and their sections in the letter's order. A later kind (progress reports on assigned
# tasks) adds its section function here and its reader to selectors.report_data, and touches nothing else.
PARTS = [
    ("I. TÌNH HÌNH TRIỂN KHAI CHIẾN LƯỢC", (_focal_units, _evaluation, _assessment)),
    ("II. KẾ HOẠCH NĂM {year}", (_proposals, _dossiers)),
]


def build_docx(report: PrimeMinisterReport, data: ReportData) -> bytes:
    document = admin_docx.new_document()
    caption = _Captions(document)
    admin_docx.add_letterhead(document, admin_docx.Letterhead(
        issuer=ISSUER, number=report.number, day=report.report_date or clock.today()))
    admin_docx.add_title(document, "BÁO CÁO", report.title)
    admin_docx.add_addressees(document, ["Thủ tướng Chính phủ"])
    admin_docx.add_body(document, report.introduction)

    for heading, sections in PARTS:
        admin_docx.add_heading(document, heading.format(year=data.year))
        for section in sections:
            section(document, report, data, caption)
    admin_docx.add_heading(document, "III. KHÓ KHĂN, VƯỚNG MẮC")
    admin_docx.add_body(document, report.difficulties)
    admin_docx.add_heading(document, "IV. KIẾN NGHỊ")
    admin_docx.add_body(document, report.proposals)
    admin_docx.add_body(document, "Bộ Công Thương kính báo cáo Thủ tướng Chính phủ xem xét, chỉ đạo./.")
    admin_docx.add_closing(document, admin_docx.Closing(
        recipients=report.recipient_list or DEFAULT_RECIPIENTS,
        signature=admin_docx.Signature(authority=report.signer_authority, title=report.signer_title,
                                       name=report.signer_name)))

    missing = not_sent_rows(data)
    if missing:
        document.add_page_break()
        admin_docx.add_title(document, "PHỤ LỤC", f"Đơn vị chưa gửi đề xuất nhiệm vụ hoặc hồ sơ kế hoạch năm {data.year}")
        admin_docx.add_table(document, ["TT", "Đơn vị", "Loại đơn vị", "Đề xuất nhiệm vụ", "Hồ sơ kế hoạch năm"],
                             [[str(index), *row] for index, row in enumerate(missing, start=1)], size=Pt(11))
    return admin_docx.to_bytes(document)
