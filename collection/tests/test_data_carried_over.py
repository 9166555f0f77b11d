"""A database built at the migrations before collection (rounds 0001, plans 0001, evaluation 0001),
with data like the demo's, migrates onto collection with nothing lost: every proposal, row, version,
dossier, funding line, report, value and event compared field by field."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("rounds", "0001_initial"), ("plans", "0001_initial"), ("evaluation", "0001_indicators_and_periods")]
AFTER = [("rounds", "0003_rounds_drop_copied_fields"), ("plans", "0003_dossiers_drop_copied_fields"),
         ("evaluation", "0003_periods_drop_copied_fields")]


def at(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def build_old(apps) -> dict:
    """The three kinds as the old models held them: every state, a return with its reason, a row comment."""
    m = {name: apps.get_model(app, name) for app, name in [
        ("organisations", "Organisation"), ("accounts", "User"), ("programmes", "Programme"),
        ("programmes", "ProgrammePhase"), ("programmes", "FundingSource"), ("rounds", "Round"), ("rounds", "Proposal"),
        ("rounds", "TaskRow"), ("rounds", "ProposalVersion"), ("rounds", "ProposalEvent"), ("plans", "DossierCall"),
        ("plans", "Dossier"), ("plans", "DossierTask"), ("plans", "DossierFunding"), ("plans", "DossierVersion"),
        ("plans", "PlanEvent"), ("plans", "ActionPlan"), ("evaluation", "ReportingPeriod"), ("evaluation", "UnitReport"),
        ("evaluation", "Indicator"), ("evaluation", "IndicatorValue")]}
    units = [m["Organisation"].objects.create(code=code, kind="province", name_vi=name) for code, name in
             [("ha-noi", "UBND Thành phố Hà Nội"), ("quang-ninh", "UBND Tỉnh Quảng Ninh"), ("tkv", "Tập đoàn TKV"),
              ("bxd", "Bộ Xây dựng")]]
    leader = m["User"].objects.create(email="leader@test.vn", full_name="Lãnh đạo", password="x")
    office = m["User"].objects.create(email="office@test.vn", full_name="Văn phòng", password="x")
    programme = m["Programme"].objects.create(code="sxsh-2020", name_vi="Chiến lược SXSH", start_year=2009, end_year=2020)
    phase = m["ProgrammePhase"].objects.create(programme=programme, code="2016-2020", name_vi="2016–2020",
                                               start_year=2016, end_year=2020)
    local = m["FundingSource"].objects.create(code="local", order=1, name_vi="Ngân sách địa phương")

    round_obj = m["Round"].objects.create(
        programme=programme, title="Đề xuất nhiệm vụ năm 2017", plan_year=2017, opens_on=date(2016, 5, 13),
        deadline=date(2016, 6, 15), accepts_late=True, instructions="Gửi trước hạn", money_unit="trieu",
        reminder_days="14,7,2", letter_number="4108/BCT-KHCN", created_at=at(date(2016, 5, 13)))
    round_obj.invited.set(units)
    states = [("accepted", False, 1), ("returned", False, 1), ("submitted", True, 2), ("draft", False, 0)]
    for unit, (status, late, sends) in zip(units, states):
        proposal = m["Proposal"].objects.create(
            round=round_obj, organisation=unit, status=status, lock_version=3 + sends, submitted_late=late,
            submitted_at=at(date(2016, 6, 14 + 2 * late)) if sends else None, updated_at=at(date(2016, 6, 20)))
        rows = [m["TaskRow"].objects.create(
            proposal=proposal, position=i, name=f"Nhiệm vụ {i} của {unit.code}", objectives="Mục tiêu", products="Báo cáo",
            period="2017", central_vnd=300_000_000 * i + 1, other_vnd=120_000_000 * i,
            approved_central_vnd=250_000_000 * i if status == "accepted" else None) for i in (1, 2)]
        for number in range(1, sends + 1):
            m["ProposalVersion"].objects.create(
                proposal=proposal, number=number, submitted_at=at(date(2016, 6, 10 + number)), submitted_by=leader,
                late=late and number == sends, rows=[{"name": r.name, "central_vnd": r.central_vnd} for r in rows],
                central_vnd=sum(r.central_vnd for r in rows), other_vnd=sum(r.other_vnd for r in rows))
            m["ProposalEvent"].objects.create(proposal=proposal, actor=leader, action="submit", note=f"Lần gửi {number}",
                                              created_at=at(date(2016, 6, 10 + number)))
        if status == "returned":
            m["ProposalEvent"].objects.create(proposal=proposal, actor=office, action="return", note="Bổ sung sản phẩm",
                                              created_at=at(date(2016, 6, 12)))
        m["ProposalEvent"].objects.create(proposal=proposal, row=rows[0], actor=office, action="comment",
                                          note="Làm rõ kinh phí", created_at=at(date(2016, 6, 13)))

    call = m["DossierCall"].objects.create(programme=programme, plan_year=2017, deadline=date(2016, 12, 15),
                                           instructions="01 bộ hồ sơ")
    call.invited.set(units[:3])
    for unit, status in zip(units[:3], ["acknowledged", "returned", "draft"]):
        dossier = m["Dossier"].objects.create(call=call, organisation=unit, status=status, summary=f"Thuyết minh {unit.code}",
                                              lock_version=2, submitted_late=status == "acknowledged",
                                              submitted_at=at(date(2016, 12, 16)) if status != "draft" else None,
                                              updated_at=at(date(2016, 12, 16)))
        task = m["DossierTask"].objects.create(dossier=dossier, position=1, name=f"Tập huấn {unit.code}", responsible_body="Sở")
        m["DossierFunding"].objects.create(task=task, source=local, amount_vnd=200_000_007)
        if status != "draft":
            m["DossierVersion"].objects.create(dossier=dossier, number=1, submitted_at=at(date(2016, 12, 16)),
                                               submitted_by=leader, late=True, total_vnd=200_000_007,
                                               snapshot={"summary": dossier.summary, "tasks": [{"name": task.name}]})
            m["PlanEvent"].objects.create(dossier=dossier, actor=leader, action="submit", note="Lần 1",
                                          created_at=at(date(2016, 12, 16)))
        if status != "draft":
            m["PlanEvent"].objects.create(dossier=dossier, actor=office, action="acknowledge" if status == "acknowledged"
                                          else "return", note="Thiếu dự toán", created_at=at(date(2016, 12, 17)))
    plan = m["ActionPlan"].objects.create(organisation=units[0], phase=phase, status="issued", updated_at=at(date(2016, 7, 1)))
    m["PlanEvent"].objects.create(action_plan=plan, actor=leader, action="issue", note="12/QĐ", created_at=at(date(2016, 7, 1)))

    period = m["ReportingPeriod"].objects.create(
        programme=programme, title="Đánh giá 2009 - 2015", start_year=2009, end_year=2015, opens_on=date(2016, 3, 1),
        deadline=date(2016, 6, 30), accepts_late=False, instructions="Số liệu đến hết 2015", created_at=at(date(2016, 3, 1)))
    period.invited.set(units)
    indicator = m["Indicator"].objects.create(programme=programme, code="aware", order=1, name_vi="Nhận thức", unit="%",
                                              aggregation="ratio_of_sums")
    for unit, status in zip(units[:2], ["submitted", "draft"]):
        report = m["UnitReport"].objects.create(
            period=period, organisation=unit, status=status, submitted_by=leader if status == "submitted" else None,
            submitted_at=at(date(2016, 6, 29)) if status == "submitted" else None, submitted_late=False,
            updated_at=at(date(2016, 6, 29)))
        m["IndicatorValue"].objects.create(report=report, indicator=indicator, numerator=Decimal("40.5"),
                                           denominator=Decimal(100), comment="ước tính")
    return {"round": round_obj.pk, "call": call.pk, "period": period.pk}


def snapshot_old(apps) -> dict:
    P, T = apps.get_model("rounds", "Proposal"), apps.get_model("rounds", "TaskRow")
    return {
        "proposals": sorted((p.round_id, p.organisation_id, p.status, p.lock_version, p.submitted_at, p.submitted_late)
                            for p in P.objects.all()),
        "rows": sorted(T.objects.values_list("proposal__organisation_id", "position", "name", "central_vnd", "other_vnd",
                                             "approved_central_vnd")),
        "proposal_versions": sorted((v.proposal.organisation_id, v.number, v.submitted_at, v.late, v.rows, v.central_vnd,
                                     v.other_vnd) for v in apps.get_model("rounds", "ProposalVersion").objects.all()),
        "proposal_events": sorted((e.proposal.organisation_id, e.action, e.actor_id, e.note, e.created_at,
                                   e.row.name if e.row else None)
                                  for e in apps.get_model("rounds", "ProposalEvent").objects.all()),
        "dossiers": sorted(apps.get_model("plans", "Dossier").objects.values_list(
            "organisation_id", "status", "summary", "lock_version", "submitted_at", "submitted_late")),
        "funding": sorted(apps.get_model("plans", "DossierFunding").objects.values_list(
            "task__dossier__organisation_id", "task__name", "source_id", "amount_vnd")),
        "dossier_versions": sorted(apps.get_model("plans", "DossierVersion").objects.values_list(
            "dossier__organisation_id", "number", "submitted_at", "late", "total_vnd")),
        "dossier_events": sorted(apps.get_model("plans", "PlanEvent").objects.filter(dossier__isnull=False).values_list(
            "dossier__organisation_id", "action", "actor_id", "note", "created_at")),
        "plan_events": sorted(apps.get_model("plans", "PlanEvent").objects.filter(action_plan__isnull=False).values_list(
            "action_plan_id", "action", "note")),
        "reports": sorted(apps.get_model("evaluation", "UnitReport").objects.values_list(
            "period_id", "organisation_id", "status", "submitted_at", "submitted_late", "submitted_by_id")),
        "values": sorted(apps.get_model("evaluation", "IndicatorValue").objects.values_list(
            "report__organisation_id", "indicator_id", "value", "numerator", "denominator", "comment")),
        "rounds": list(apps.get_model("rounds", "Round").objects.values_list(
            "pk", "title", "plan_year", "opens_on", "deadline", "accepts_late", "reminder_days", "letter_number")),
        "round_invited": sorted(apps.get_model("rounds", "Round").invited.through.objects.values_list("organisation_id")),
    }


def snapshot_new() -> dict:
    from collection.models import SubmissionEvent, SubmissionVersion
    from evaluation.models import IndicatorValue, UnitReport
    from plans.models import Dossier, DossierFunding, PlanEvent
    from rounds.models import Proposal, Round, TaskRow

    rows_by_id = {row.pk: row.name for row in TaskRow.objects.all()}
    return {
        "proposals": sorted((p.round_id, p.organisation_id, p.status, p.lock_version, p.submitted_at, p.submitted_late)
                            for p in Proposal.objects.all()),
        "rows": sorted(TaskRow.objects.values_list("proposal__organisation_id", "position", "name", "central_vnd", "other_vnd",
                                                   "approved_central_vnd")),
        "proposal_versions": sorted(
            (v.submission.organisation_id, v.number, v.submitted_at, v.late, v.content["rows"], v.content["central_vnd"],
             v.content["other_vnd"]) for v in SubmissionVersion.objects.filter(submission__call__kind="proposals")),
        "proposal_events": sorted((e.submission.organisation_id, e.kind, e.actor_id, e.note, e.created_at,
                                   rows_by_id.get(e.item_id)) for e in SubmissionEvent.objects.filter(
            submission__call__kind="proposals")),
        "dossiers": sorted((d.organisation_id, d.status, d.summary, d.lock_version, d.submitted_at, d.submitted_late)
                           for d in Dossier.objects.all()),
        "funding": sorted(DossierFunding.objects.values_list(
            "task__dossier__organisation_id", "task__name", "source_id", "amount_vnd")),
        "dossier_versions": sorted(SubmissionVersion.objects.filter(submission__call__kind="dossiers").values_list(
            "submission__organisation_id", "number", "submitted_at", "late", "total_vnd")),
        "dossier_events": sorted(SubmissionEvent.objects.filter(submission__call__kind="dossiers").values_list(
            "submission__organisation_id", "kind", "actor_id", "note", "created_at")),
        "plan_events": sorted(PlanEvent.objects.values_list("action_plan_id", "action", "note")),
        "reports": sorted((r.period_id, r.organisation_id, r.status, r.submitted_at, r.submitted_late, r.submission.submitted_by_id)
                          for r in UnitReport.objects.all()),
        "values": sorted(IndicatorValue.objects.values_list(
            "report__organisation_id", "indicator_id", "value", "numerator", "denominator", "comment")),
        "rounds": [(r.pk, r.title, r.plan_year, r.opens_on, r.deadline, r.accepts_late, r.reminder_days, r.letter_number)
                   for r in Round.objects.all()],
        "round_invited": sorted(Round.objects.get().invited.values_list("pk")),
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_three_kinds_migrates_onto_collection_with_nothing_lost():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        ids = build_old(old_apps)
        before = snapshot_old(old_apps)
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    after = snapshot_new()
    for key in before:
        assert after[key] == before[key], key
    assert len(before["rows"]) == 8 and len(before["proposal_events"]) == 9 and len(before["dossier_events"]) == 4

    from collection.board import completeness_board
    from collection.models import Call, Senders, Submission
    from evaluation.models import ReportingPeriod
    from plans.models import DossierCall
    from rounds.models import Round

    round_call = Round.objects.get(pk=ids["round"]).call
    assert (round_call.kind, round_call.senders, round_call.invited.count()) == ("proposals", Senders.LEADER, 4)
    returned = Submission.objects.get(call=round_call, status="returned")
    assert returned.return_reason == "Bổ sung sản phẩm"
    board = completeness_board(round_call)
    # TKV first sent on time, then sent a late correction: on time, as its first send counts.
    assert (board.expected, board.actual, board.actual_on_time) == (4, 2, 2)
    dossier_call = DossierCall.objects.get(pk=ids["call"])
    assert (dossier_call.plan_year, dossier_call.opens_on, dossier_call.deadline) == (2017, date(2016, 1, 1), date(2016, 12, 15))
    assert Submission.objects.get(call=dossier_call.call, status="returned").return_reason == "Thiếu dự toán"
    period = ReportingPeriod.objects.get(pk=ids["period"])
    assert (period.call.senders, period.accepts_late, period.title) == (Senders.OFFICERS, False, "Đánh giá 2009 - 2015")
    sent = Submission.objects.get(call=period.call, status="submitted")
    assert sent.versions.get().content == {"values": {"aware": {"value": None, "numerator": "40.5000",
                                                                "denominator": "100.0000", "comment": "ước tính"}}}
    assert completeness_board(period.call).actual == 1
    assert Call.objects.count() == 3
