"""Demo: the tasks of the 2015 plan carried out up to the demo's today (10/06/2016), one in every state —
closed, on track with an adjustment, late, stopped, at risk, past its end without acceptance — with money
at every stage, reports sent, returned and accepted, and public deliverables. The 2015 proposal round
they come from is told first (opened May 2014, accepted July 2014). Built through the services, day by
day with clock.Story, so nothing is dated after the demo's today."""
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Membership, Role
from core import clock
from core import docx as admin_docx
from organisations.models import Organisation
from programmes.models import FundingSource, Programme
from rounds import services as round_services

from . import services
from .models import AssignedTask, ProgressStatus, Stage
from .selectors import assignable_rows

DECISION = "215/QĐ-BCT"
ROUND_TITLE = "Đề xuất nhiệm vụ năm 2015"
TASKS = {
    "ha-noi": [("Tập huấn nâng cao năng lực đánh giá sản xuất sạch hơn cho cán bộ Sở Công Thương", 300_000_000, 120_000_000),
               ("Hỗ trợ kỹ thuật áp dụng SXSH tại 5 cơ sở dệt nhuộm", 450_500_000, 200_000_000)],
    "quang-ninh": [("Phát hành bản tin SXSH tỉnh", 120_000_000, 30_500_000),
                   ("Hỗ trợ đánh giá SXSH tại 3 doanh nghiệp than", 1_200_000_000, 400_000_000)],
    "bxd": [("Biên soạn hướng dẫn kỹ thuật SXSH ngành xi măng", 320_000_000, 0)],
}
PLANS = [
    # (name start, implementing body or None for the unit's own, start, end, first milestone)
    ("Tập huấn nâng cao", "Trung tâm Sản xuất sạch hơn Việt Nam", date(2015, 2, 1), date(2015, 11, 30),
     (date(2015, 5, 31), "Bộ tài liệu tập huấn")),
    ("Hỗ trợ kỹ thuật áp dụng SXSH tại 5", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội",
     date(2015, 3, 1), date(2016, 6, 30), (date(2015, 9, 30), "Báo cáo đánh giá SXSH tại 5 cơ sở")),
    ("Phát hành bản tin", None, date(2015, 3, 1), date(2015, 12, 31), (date(2015, 6, 30), "Bản tin số 1 và số 2")),
    ("Hỗ trợ đánh giá SXSH tại 3", None, date(2015, 3, 1), date(2015, 12, 31), (date(2015, 8, 31), "Báo cáo đánh giá")),
    ("Biên soạn hướng dẫn kỹ thuật", "Viện Vật liệu xây dựng", date(2015, 2, 15), date(2016, 10, 31),
     (date(2015, 6, 30), "Dự thảo hướng dẫn")),
]


def _person(code, role):
    membership = Membership.objects.filter(organisation__code=code, role=role).select_related("user").first()
    return membership.user if membership else None


def _document(title: str, body: str, name: str) -> SimpleUploadedFile:
    """A small real Word document, so the demo's evidence files open."""
    document = admin_docx.new_document()
    admin_docx.add_title(document, "TÀI LIỆU", title)
    admin_docx.add_body(document, body)
    return SimpleUploadedFile(name, admin_docx.to_bytes(document))


def _round_2015(story, office):
    """The round the tasks come from: opened 15/05/2014, sent in June, accepted in July 2014."""
    units = [unit for unit in Organisation.objects.filter(code__in=TASKS).valid_on(date(2014, 5, 15))]
    if not story.reached(date(2014, 5, 15)) or not units:
        return None
    round_obj = round_services.open_round(
        programme=Programme.objects.get(code="sxsh-2020"), title=ROUND_TITLE, plan_year=2015, opens_on=date(2014, 5, 15),
        deadline=date(2014, 6, 15), invited=units, money_unit="trieu", letter_number="1650/BCT-KHCN", priority_list="2017")
    components = round_obj.options("component")
    proposals = {}
    for unit in units:
        proposal = round_services.proposal_for(round_obj=round_obj, organisation=unit)
        for name, central, other in TASKS[unit.code]:
            round_services.save_row(proposal=proposal, user=None, data={
                "name": name, "central_vnd": central, "other_vnd": other, "period": "Năm 2015",
                "products": "Tài liệu, báo cáo kết quả", "component": components[2] if components else None})
        proposals[unit.code] = proposal
    if story.reached(date(2014, 6, 10)):
        for code, proposal in proposals.items():
            leader = _person(code, Role.UNIT_LEADER)
            if leader:
                round_services.submit(proposal=proposal, user=leader)
    if story.reached(date(2014, 7, 8)):
        for proposal in proposals.values():
            proposal.refresh_from_db()
            if proposal.submission.status == "submitted":
                round_services.accept(proposal=proposal, user=office,
                                      approved={row.pk: row.central_vnd for row in proposal.rows.all()})
    return round_obj


def _report(story, task, index, *, status, percent, work_done, problems="", next_steps="", spent=0, deliverables=(),
            sent_on=None, returned=None, accepted_on=None):
    officer, leader = _person(task.organisation.code, Role.UNIT_OFFICER), _person(task.organisation.code, Role.UNIT_LEADER)
    office = _person("vp-sxsh", Role.OFFICE_REVIEWER)
    report = task.reports.order_by("submission__call__deadline", "id")[index]
    if not story.reached(sent_on or report.due_on):
        return report
    data = {"progress_status": status, "percent": percent, "work_done": work_done, "problems": problems,
            "next_steps": next_steps, "spent_vnd": spent}
    services.save_report(report=report, user=officer, data=data)
    for title, upload, public in deliverables:
        services.add_deliverable(report=report, user=officer, title=title, upload=upload, is_public=public)
    if sent_on is None:
        return report
    services.send_report(report=report, user=leader)
    if returned:
        reason, fixed_on = returned
        services.return_report(report=report, user=office, reason=reason)
        if not story.reached(fixed_on):
            return report
        services.save_report(report=report, user=officer, data={**data, "work_done": work_done + "\nĐã bổ sung theo yêu cầu."})
        services.send_report(report=report, user=leader)
    if accepted_on and story.reached(accepted_on):
        services.accept_report(report=report, user=office)
    return report


def load(stdout):
    if AssignedTask.objects.filter(decision_number=DECISION).exists():
        stdout.write("execution: demo tasks already there")
        return
    office = _person("vp-sxsh", Role.OFFICE_REVIEWER)
    if office is None:
        stdout.write("execution: no office reviewer in the demo, skipped")
        return
    with clock.Story() as story:
        if _round_2015(story, office) is None or not story.reached(date(2015, 1, 16)):
            stdout.write("execution: the demo's today comes before the 2015 tasks")
            return
        central, local = FundingSource.objects.get(code="central"), FundingSource.objects.get(code="local")
        rows = list(assignable_rows().filter(proposal__round__plan_year=2015))
        tasks = []
        for prefix, body, start, end, milestone in PLANS:
            row = next((row for row in rows if row.name.startswith(prefix)), None)
            if row is None:
                continue
            tasks.append(services.assign_task(
                row=row, user=office, implementing_body=body or row.proposal.organisation.working_body or "",
                decision_number=DECISION, decision_date=date(2015, 1, 16), decision_signer="Cao Quốc Hưng",
                lead_officer=office, start_date=start, end_date=end, report_every_months=6,
                funding={(central, 2015): row.approved_central_vnd, (local, 2015): row.other_vnd}, milestones=[milestone]))
        stdout.write(f"execution: {len(tasks)} tasks of the 2015 plan assigned by decision {DECISION}")
        _carry_out(story, tasks, central, local, office)


def _money(story, task, office, source, stage, amount, on, **extra):
    if not story.reached(on):
        return
    services.record_money(task=task, user=office, source=source, year=2015, stage=stage, amount_vnd=amount,
                          entry_date=on, document=extra.pop("document", f"Chứng từ {on:%d/%m/%Y}"), **extra)


def _carry_out(story, tasks, central, local, office):
    named = {task.name: task for task in tasks}

    def find(prefix):
        return next((task for name, task in named.items() if name.startswith(prefix)), None)

    training = find("Tập huấn nâng cao")
    if training:  # closed: reports accepted, accepted by the council, settled to the đồng
        _money(story, training, office, central, Stage.ALLOCATED, 300_000_000, date(2015, 2, 10), document="Quyết định giao dự toán 310/QĐ-BCT")
        _money(story, training, office, central, Stage.ADVANCED, 90_000_000, date(2015, 3, 1))
        _report(story, training, 0, status=ProgressStatus.ON_TRACK, percent=55, spent=150_000_000,
                work_done="Đã tổ chức 3 lớp tập huấn cho 126 cán bộ Sở Công Thương và doanh nghiệp.",
                next_steps="Tổ chức 2 lớp nâng cao tại Sóc Sơn và Đông Anh.",
                deliverables=[("Bộ tài liệu tập huấn đánh giá SXSH", _document(
                    "Tài liệu tập huấn đánh giá sản xuất sạch hơn", "Phần 1. Khái niệm\nPhần 2. Phương pháp đánh giá",
                    "tai-lieu-tap-huan.docx"), True),
                    ("Danh sách học viên 3 lớp", _document("Danh sách học viên", "126 học viên", "danh-sach-hoc-vien.docx"), False)],
                sent_on=date(2015, 7, 28), returned=("Đề nghị bổ sung danh sách học viên có chữ ký.", date(2015, 8, 4)),
                accepted_on=date(2015, 8, 8))
        _money(story, training, office, central, Stage.PAID, 280_000_000, date(2015, 11, 20))
        _report(story, training, 1, status=ProgressStatus.DONE, percent=100, spent=280_000_000,
                work_done="Hoàn thành 5 lớp tập huấn cho 214 học viên; 31 doanh nghiệp đăng ký đánh giá SXSH.",
                deliverables=[("Báo cáo tổng kết 5 lớp tập huấn", _document("Báo cáo tổng kết", "5 lớp, 214 học viên",
                                                                           "bao-cao-tong-ket.docx"), True)],
                sent_on=date(2015, 11, 28), accepted_on=date(2015, 12, 2))
        if story.reached(date(2015, 12, 15)):
            services.complete_milestone(milestone=training.milestones.first(), user=office, done_on=date(2015, 5, 30))
            services.record_acceptance(task=training, user=office, verdict="passed", decided_on=date(2015, 12, 15))
        _money(story, training, office, central, Stage.SETTLED, 280_000_000, date(2015, 12, 28), document="Quyết toán 12/2015")
        if story.reached(date(2016, 1, 8)):
            services.close_task(task=training, user=office)

    support = find("Hỗ trợ kỹ thuật áp dụng SXSH tại 5")
    if support:  # on track, money in every stage, an adjustment with its decision
        _money(story, support, office, central, Stage.APPROVED, 49_500_000, date(2015, 2, 20), adjustment=True,
               reason="Bổ sung đánh giá cơ sở thứ 6", decision="412/QĐ-BCT ngày 20/02/2015")
        _money(story, support, office, central, Stage.ALLOCATED, 500_000_000, date(2015, 3, 10))
        _money(story, support, office, local, Stage.ALLOCATED, 200_000_000, date(2015, 3, 10))
        _money(story, support, office, central, Stage.ADVANCED, 150_000_000, date(2015, 4, 1))
        _report(story, support, 0, status=ProgressStatus.ON_TRACK, percent=40, spent=180_000_000,
                work_done="Đã khảo sát và đánh giá nhanh 5 cơ sở dệt nhuộm.", next_steps="Đánh giá chi tiết và đề xuất giải pháp.",
                deliverables=[("Ảnh khảo sát tại cơ sở", SimpleUploadedFile("khao-sat.png", _PNG), True)],
                sent_on=date(2015, 8, 25), accepted_on=date(2015, 9, 1))
        _money(story, support, office, central, Stage.PAID, 230_000_000, date(2015, 10, 5))
        _money(story, support, office, local, Stage.PAID, 120_000_000, date(2015, 10, 5))
        _money(story, support, office, central, Stage.SETTLED, 150_000_000, date(2015, 12, 20))
        _report(story, support, 1, status=ProgressStatus.ON_TRACK, percent=60, spent=350_000_000,
                work_done="Đã đánh giá chi tiết 5 cơ sở, đề xuất 42 giải pháp SXSH.", next_steps="Hỗ trợ áp dụng giải pháp.",
                deliverables=[("Báo cáo đánh giá SXSH tại 5 cơ sở", _document("Báo cáo đánh giá", "42 giải pháp",
                                                                             "bao-cao-danh-gia.docx"), True)],
                sent_on=date(2016, 1, 12), accepted_on=date(2016, 1, 20))
        _report(story, support, 2, status=ProgressStatus.ON_TRACK, percent=75, spent=420_000_000,
                work_done="3 cơ sở đã áp dụng giải pháp, tiết kiệm 8% điện năng.",
                sent_on=date(2016, 3, 2), returned=("Đề nghị bổ sung số liệu tiết kiệm nước.", date(2016, 7, 1)))

    newsletter = find("Phát hành bản tin")
    if newsletter:  # late, with a milestone missed
        _money(story, newsletter, office, central, Stage.ALLOCATED, 120_000_000, date(2015, 3, 20))
        _money(story, newsletter, office, central, Stage.ADVANCED, 40_000_000, date(2015, 4, 10))
        _report(story, newsletter, 0, status=ProgressStatus.LATE, percent=30, spent=40_000_000,
                work_done="Đã biên tập bản tin số 1.", problems="Chậm ký hợp đồng in do thủ tục đấu thầu.",
                next_steps="Phát hành số 1 và số 2 trong quý IV.", sent_on=date(2015, 9, 5), accepted_on=date(2015, 9, 12))

    assessment = find("Hỗ trợ đánh giá SXSH tại 3")
    if assessment:  # stopped, with its reason; money allocated but not all paid
        _money(story, assessment, office, central, Stage.ALLOCATED, 600_000_000, date(2015, 3, 20))
        _money(story, assessment, office, central, Stage.ADVANCED, 100_000_000, date(2015, 4, 15))
        _money(story, assessment, office, central, Stage.PAID, 100_000_000, date(2015, 6, 15))
        _report(story, assessment, 0, status=ProgressStatus.STOPPED, percent=15, spent=100_000_000,
                work_done="Đã khảo sát 1 doanh nghiệp.",
                problems="Hai doanh nghiệp than rút khỏi nhiệm vụ do tái cơ cấu; đề nghị dừng thực hiện phần còn lại.",
                sent_on=date(2015, 8, 30), accepted_on=date(2015, 9, 6))

    guideline = find("Biên soạn hướng dẫn kỹ thuật")
    if guideline:  # at risk, past its end without acceptance, a report still owed
        _money(story, guideline, office, central, Stage.ALLOCATED, 200_000_000, date(2015, 3, 1))
        _report(story, guideline, 0, status=ProgressStatus.AT_RISK, percent=45, spent=60_000_000,
                work_done="Đã hoàn thành dự thảo hướng dẫn.", problems="Thiếu số liệu của các nhà máy xi măng lò quay.",
                sent_on=date(2015, 8, 10), accepted_on=date(2015, 8, 20))


# A one-pixel PNG: the demo's "photo" from a site visit.
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
