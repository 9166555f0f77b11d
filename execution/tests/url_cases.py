from datetime import date, datetime

from core import clock
from core.testing.access import UrlCase
from core.testing.world import (
    EVERYONE,
    LOGGED_IN,
    OFFICE,
    OFFICE_REVIEWER,
    OWN_UNIT,
    OWN_UNIT_AND_OFFICE,
    UNIT_LEADER,
    UNIT_OFFICER,
)
from execution import services
from execution.models import Stage
from organisations.models import Organisation, OrganisationKind
from plans.tests.factories import signed_pdf, source

from .factories import accepted_row, assigned_task, received_dossier_task


def cases(world):
    """Dates sit before mid-2016 so that the POSTs succeed whatever app's clock runs the requests."""
    self_funded = received_dossier_task(world, organisation=Organisation.objects.create(
        code="tu-bo-tri", kind=OrganisationKind.PROVINCE, name_vi="Sở Công Thương tự bố trí kinh phí"))
    officer, leader, office = world.user(UNIT_OFFICER), world.user(UNIT_LEADER), world.user(OFFICE_REVIEWER)
    task = assigned_task(world, start_date=date(2016, 3, 1), end_date=date(2016, 12, 31), decision_date=date(2016, 2, 20),
                         funding={(source("central"), 2016): 300_000_000}, milestones=[(date(2016, 5, 1), "Tài liệu")])
    waiting = accepted_row(world, organisation=world.other_unit, name="Chờ giao")
    clock.set_now(datetime(2017, 1, 10, 9, 0))
    accepted, sent = task.reports.all()
    pending = services.request_report(task=task, user=office, title="Báo cáo đột xuất", due_on=date(2017, 1, 31))
    content = {"progress_status": "on_track", "percent": 30, "work_done": "Đã tập huấn", "spent_vnd": 0}
    for report in (accepted, sent, pending):
        services.save_report(report=report, user=officer, data=content)
    public = services.add_deliverable(report=accepted, user=officer, title="Tài liệu", upload=signed_pdf(), is_public=True)
    private = services.add_deliverable(report=sent, user=officer, title="Danh sách học viên", upload=signed_pdf())
    for report in (accepted, sent):
        services.send_report(report=report, user=leader)
    services.accept_report(report=accepted, user=office)
    services.record_acceptance(task=task, user=office, verdict="failed", decided_on=date(2016, 12, 20),
                               minutes_file=signed_pdf("bien-ban.pdf"))
    task.refresh_from_db()
    pending.refresh_from_db()
    milestone = task.milestones.first()
    version = {"version": task.lock_version}
    own = {"pk": task.pk}
    money = {**version, "stage": Stage.ALLOCATED, "source": source("central").pk, "year": "2016",
             "amount_vnd": "1.000.000", "entry_date": "01/05/2016"}
    return [
        UrlCase("execution:index", allowed=LOGGED_IN),
        UrlCase("execution:assignable", allowed=OFFICE),
        UrlCase("execution:assign", {"row_id": waiting.pk}, allowed=OFFICE),
        UrlCase("execution:assign_dossier_task", {"task_id": self_funded.pk}, allowed=OFFICE),
        UrlCase("execution:task", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("execution:milestone_add", own, method="post",
                data={**version, "planned_on": "20/05/2016", "deliverable": "Báo cáo"}, allowed=OFFICE),
        UrlCase("execution:milestone_done", {**own, "milestone_id": milestone.pk}, method="post",
                data={**version, "done_on": "20/05/2016"}, allowed=OFFICE),
        UrlCase("execution:money_add", own, method="post", data=money, allowed=OFFICE),
        UrlCase("execution:report_request", own, method="post",
                data={**version, "title": "Báo cáo nhanh", "due_on": "01/12/2016"}, allowed=OFFICE),
        UrlCase("execution:acceptance", own, method="post",
                data={**version, "verdict": "passed", "decided_on": "15/05/2016"}, allowed=OFFICE),
        UrlCase("execution:close", own, method="post", data=version, allowed=OFFICE, note="refused, then redirected"),
        UrlCase("execution:decision_file", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("execution:minutes_file", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("execution:report", {"pk": pending.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("execution:report", {"pk": pending.pk}, method="post",
                data={"version": pending.submission.lock_version, "progress_status": "late", "percent": "40", "work_done": "Đã làm"},
                allowed=OWN_UNIT),
        UrlCase("execution:deliverable_add", {"pk": pending.pk}, method="post",
                data={"version": pending.submission.lock_version, "title": "Ảnh"}, allowed=OWN_UNIT),
        UrlCase("execution:report_send", {"pk": pending.pk}, method="post", data={"version": pending.submission.lock_version},
                allowed=frozenset({UNIT_LEADER})),
        UrlCase("execution:report_return", {"pk": sent.pk}, method="post", data={"reason": "Bổ sung"}, allowed=OFFICE),
        UrlCase("execution:report_accept", {"pk": sent.pk}, method="post", allowed=OFFICE),
        UrlCase("execution:deliverable_file", {"pk": private.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("execution:deliverable_file", {"pk": public.pk}, allowed=EVERYONE, note="public, of an accepted report"),
        UrlCase("execution:year_report", {"year": 2016}, allowed=OFFICE),
        UrlCase("execution:year_report_docx", {"year": 2016}, allowed=OFFICE),
        UrlCase("execution:year_report_xlsx", {"year": 2016}, allowed=OFFICE),
        UrlCase("execution:year_report_pdf", {"year": 2016}, allowed=OFFICE),
        UrlCase("accountability:index", allowed=EVERYONE),
        UrlCase("accountability:programme_year", {"code": task.programme.code, "year": 2017}, allowed=EVERYONE),
        UrlCase("api:execution-task-list", allowed=LOGGED_IN),
        UrlCase("api:execution-task-detail", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:execution-report-list", allowed=LOGGED_IN),
        UrlCase("api:execution-report-detail", {"pk": sent.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:execution-money-list", allowed=LOGGED_IN),
        UrlCase("api:execution-money-detail", {"pk": task.money.first().pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("api:open_dataset", {"name": "execution", "fmt": "csv"}, allowed=EVERYONE),
    ]
