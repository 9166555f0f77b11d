"""Demo: the 2017 tasks carried out over a year, one in every state — closed, on track, late, at risk,
stopped, past its end without acceptance — with money at every stage, reports sent, returned and
accepted, and public deliverables. Built through the services, with the clock moved event by event."""
from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Membership, Role
from collection.models import Status
from core import clock
from core import docx as admin_docx
from programmes.models import FundingSource
from rounds import services as round_services
from rounds.models import Proposal

from . import services
from .models import AssignedTask, ProgressStatus, Stage
from .selectors import assignable_rows

DECISION = "2315/QĐ-BCT"


def _at(day, hour=9):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _person(code, role):
    membership = Membership.objects.filter(organisation__code=code, role=role).select_related("user").first()
    return membership.user if membership else None


def _document(title: str, body: str, name: str) -> SimpleUploadedFile:
    """A small real Word document, so the demo's evidence files open."""
    document = admin_docx.new_document()
    admin_docx.add_title(document, "TÀI LIỆU", title)
    admin_docx.add_body(document, body)
    return SimpleUploadedFile(name, admin_docx.to_bytes(document))


def _accept_waiting_proposals(office):
    """The round's demo leaves Bộ Xây dựng and Quảng Ninh sent: the office accepts them in July 2016."""
    clock.set_now(_at(date(2016, 7, 5)))
    for proposal in Proposal.objects.filter(submission__status=Status.SUBMITTED, round__plan_year=2017,
                                            organisation__code__in=("quang-ninh", "bxd")):
        round_services.accept(proposal=proposal, user=office, approved={row.pk: row.central_vnd for row in proposal.rows.all()})


def _report(task, index, *, status, percent, work_done, problems="", next_steps="", spent=0, deliverables=(),
            sent_on=None, returned=None, accepted_on=None):
    officer, leader = _person(task.organisation.code, Role.UNIT_OFFICER), _person(task.organisation.code, Role.UNIT_LEADER)
    office = _person("vp-sxsh", Role.OFFICE_REVIEWER)
    report = task.reports.order_by("submission__call__deadline", "id")[index]
    clock.set_now(_at(sent_on or report.due_on))
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
        clock.set_now(_at(fixed_on))
        services.save_report(report=report, user=officer, data={**data, "work_done": work_done + "\nĐã bổ sung theo yêu cầu."})
        services.send_report(report=report, user=leader)
    if accepted_on:
        clock.set_now(_at(accepted_on))
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
    previous = clock.now() if clock._frozen_at else None
    try:
        _accept_waiting_proposals(office)
        central, local = FundingSource.objects.get(code="central"), FundingSource.objects.get(code="local")
        rows = {row.name: row for row in assignable_rows().filter(proposal__round__plan_year=2017)}
        clock.set_now(_at(date(2017, 1, 16)))
        plans = [
            # (name start, implementing body, start, end, milestone)
            ("Tập huấn nâng cao", "Trung tâm Sản xuất sạch hơn Việt Nam", date(2017, 2, 1), date(2017, 11, 30),
             (date(2017, 5, 31), "Bộ tài liệu tập huấn")),
            ("Hỗ trợ kỹ thuật áp dụng SXSH tại 5", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội",
             date(2017, 3, 1), date(2018, 6, 30), (date(2017, 9, 30), "Báo cáo đánh giá SXSH tại 5 cơ sở")),
            ("Phát hành bản tin", None, date(2017, 3, 1), date(2017, 12, 31), (date(2017, 6, 30), "Bản tin số 1 và số 2")),
            ("Hỗ trợ đánh giá SXSH tại 3", None, date(2017, 3, 1), date(2017, 12, 31), (date(2017, 8, 31), "Báo cáo đánh giá")),
            ("Biên soạn hướng dẫn kỹ thuật", "Viện Vật liệu xây dựng", date(2017, 2, 15), date(2017, 10, 31),
             (date(2017, 6, 30), "Dự thảo hướng dẫn")),
        ]
        tasks = []
        for prefix, body, start, end, milestone in plans:
            row = next((row for name, row in rows.items() if name.startswith(prefix)), None)
            if row is None:
                continue
            tasks.append(services.assign_task(
                row=row, user=office, implementing_body=body or row.proposal.organisation.working_body or "",
                decision_number=DECISION, decision_date=date(2017, 1, 16), decision_signer="Cao Quốc Hưng",
                lead_officer=office, start_date=start, end_date=end, report_every_months=6,
                funding={(central, 2017): row.approved_central_vnd, (local, 2017): row.other_vnd}, milestones=[milestone]))
        stdout.write(f"execution: {len(tasks)} tasks assigned by decision {DECISION}")
        _carry_out(tasks, central, local, office)
    finally:
        clock.set_now(previous)


def _money(task, office, source, stage, amount, on, **extra):
    clock.set_now(_at(on))
    services.record_money(task=task, user=office, source=source, year=2017, stage=stage, amount_vnd=amount,
                          entry_date=on, document=extra.pop("document", f"Chứng từ {on:%d/%m/%Y}"), **extra)


def _carry_out(tasks, central, local, office):
    named = {task.name: task for task in tasks}

    def find(prefix):
        return next((task for name, task in named.items() if name.startswith(prefix)), None)

    training = find("Tập huấn nâng cao")
    if training:  # closed: reports accepted, accepted by the council, settled to the đồng
        _money(training, office, central, Stage.ALLOCATED, 300_000_000, date(2017, 2, 10), document="Quyết định giao dự toán 215/QĐ-BCT")
        _money(training, office, central, Stage.ADVANCED, 90_000_000, date(2017, 3, 1))
        _report(training, 0, status=ProgressStatus.ON_TRACK, percent=55, spent=150_000_000,
                work_done="Đã tổ chức 3 lớp tập huấn cho 126 cán bộ Sở Công Thương và doanh nghiệp.",
                next_steps="Tổ chức 2 lớp nâng cao tại Sóc Sơn và Đông Anh.",
                deliverables=[("Bộ tài liệu tập huấn đánh giá SXSH", _document(
                    "Tài liệu tập huấn đánh giá sản xuất sạch hơn", "Phần 1. Khái niệm\nPhần 2. Phương pháp đánh giá",
                    "tai-lieu-tap-huan.docx"), True),
                    ("Danh sách học viên 3 lớp", _document("Danh sách học viên", "126 học viên", "danh-sach-hoc-vien.docx"), False)],
                sent_on=date(2017, 7, 28), returned=("Đề nghị bổ sung danh sách học viên có chữ ký.", date(2017, 8, 4)),
                accepted_on=date(2017, 8, 8))
        _money(training, office, central, Stage.PAID, 280_000_000, date(2017, 11, 20))
        _report(training, 1, status=ProgressStatus.DONE, percent=100, spent=280_000_000,
                work_done="Hoàn thành 5 lớp tập huấn cho 214 học viên; 31 doanh nghiệp đăng ký đánh giá SXSH.",
                deliverables=[("Báo cáo tổng kết 5 lớp tập huấn", _document("Báo cáo tổng kết", "5 lớp, 214 học viên",
                                                                           "bao-cao-tong-ket.docx"), True)],
                sent_on=date(2017, 11, 28), accepted_on=date(2017, 12, 2))
        clock.set_now(_at(date(2017, 12, 15)))
        services.complete_milestone(milestone=training.milestones.first(), user=office, done_on=date(2017, 5, 30))
        services.record_acceptance(task=training, user=office, verdict="passed", decided_on=date(2017, 12, 15))
        _money(training, office, central, Stage.SETTLED, 280_000_000, date(2017, 12, 28), document="Quyết toán 12/2017")
        services.close_task(task=training, user=office)

    support = find("Hỗ trợ kỹ thuật áp dụng SXSH tại 5")
    if support:  # on track, money in every stage, an adjustment with its decision
        _money(support, office, central, Stage.APPROVED, 49_500_000, date(2017, 2, 20), adjustment=True,
               reason="Bổ sung đánh giá cơ sở thứ 6", decision="412/QĐ-BCT ngày 20/02/2017")
        _money(support, office, central, Stage.ALLOCATED, 500_000_000, date(2017, 3, 10))
        _money(support, office, local, Stage.ALLOCATED, 200_000_000, date(2017, 3, 10))
        _money(support, office, central, Stage.ADVANCED, 150_000_000, date(2017, 4, 1))
        _report(support, 0, status=ProgressStatus.ON_TRACK, percent=40, spent=180_000_000,
                work_done="Đã khảo sát và đánh giá nhanh 5 cơ sở dệt nhuộm.", next_steps="Đánh giá chi tiết và đề xuất giải pháp.",
                deliverables=[("Ảnh khảo sát tại cơ sở", SimpleUploadedFile("khao-sat.png", _PNG), True)],
                sent_on=date(2017, 8, 25), accepted_on=date(2017, 9, 1))
        _money(support, office, central, Stage.PAID, 230_000_000, date(2017, 10, 5))
        _money(support, office, local, Stage.PAID, 120_000_000, date(2017, 10, 5))
        _money(support, office, central, Stage.SETTLED, 150_000_000, date(2017, 12, 20))

    newsletter = find("Phát hành bản tin")
    if newsletter:  # late, with a milestone missed
        _money(newsletter, office, central, Stage.ALLOCATED, 120_000_000, date(2017, 3, 20))
        _money(newsletter, office, central, Stage.ADVANCED, 40_000_000, date(2017, 4, 10))
        _report(newsletter, 0, status=ProgressStatus.LATE, percent=30, spent=40_000_000,
                work_done="Đã biên tập bản tin số 1.", problems="Chậm ký hợp đồng in do thủ tục đấu thầu.",
                next_steps="Phát hành số 1 và số 2 trong quý IV.", sent_on=date(2017, 9, 5), accepted_on=date(2017, 9, 12))

    assessment = find("Hỗ trợ đánh giá SXSH tại 3")
    if assessment:  # stopped, with its reason; money allocated but not all paid
        _money(assessment, office, central, Stage.ALLOCATED, 600_000_000, date(2017, 3, 20))
        _money(assessment, office, central, Stage.ADVANCED, 100_000_000, date(2017, 4, 15))
        _money(assessment, office, central, Stage.PAID, 100_000_000, date(2017, 6, 15))
        _report(assessment, 0, status=ProgressStatus.STOPPED, percent=15, spent=100_000_000,
                work_done="Đã khảo sát 1 doanh nghiệp.",
                problems="Hai doanh nghiệp than rút khỏi nhiệm vụ do tái cơ cấu; đề nghị dừng thực hiện phần còn lại.",
                sent_on=date(2017, 8, 30), accepted_on=date(2017, 9, 6))

    guideline = find("Biên soạn hướng dẫn kỹ thuật")
    if guideline:  # at risk, past its end without acceptance, a report still owed
        _money(guideline, office, central, Stage.ALLOCATED, 200_000_000, date(2017, 3, 1))
        _report(guideline, 0, status=ProgressStatus.AT_RISK, percent=45, spent=60_000_000,
                work_done="Đã hoàn thành dự thảo hướng dẫn.", problems="Thiếu số liệu của các nhà máy xi măng lò quay.",
                sent_on=date(2017, 8, 10), accepted_on=date(2017, 8, 20))


# A one-pixel PNG: the demo's "photo" from a site visit.
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
