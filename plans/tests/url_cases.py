from datetime import date, datetime

from core import clock
from core.testing.access import UrlCase
from core.testing.world import (
    ADMIN_ONLY,
    LOGGED_IN,
    OFFICE,
    OTHER_OFFICER,
    OWN_UNIT,
    OWN_UNIT_AND_OFFICE,
    UNIT_LEADER,
    UNIT_OFFICER,
)
from plans import services

from .factories import open_2017_call, phase_2016_2020, plan_task, signed_pdf, source


def cases(world):
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    officer, _leader = world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    phase = phase_2016_2020()
    plan = services.plan_for(organisation=world.unit, phase=phase)
    task = services.save_plan_task(plan=plan, user=officer, data=plan_task(), funding={(2016, source("local")): 5_000_000})
    # The other unit's plan is issued, with a signed file only its people and the office may download.
    theirs = services.plan_for(organisation=world.other_unit, phase=phase)
    services.save_plan_task(plan=theirs, user=world.user(OTHER_OFFICER), data=plan_task(), funding={})
    services.issue_plan(plan=theirs, user=world.user(OTHER_OFFICER), decision_number="1/QĐ", decision_date=date(2016, 8, 1),
                        signer="A", signed_file=signed_pdf())
    call = open_2017_call(world)
    dossier = services.dossier_for(call=call, organisation=world.unit)
    dossier_task = services.save_dossier_task(dossier=dossier, user=officer, data={"name": "Tập huấn"},
                                              funding={source("local"): 1_000_000})
    attachment = services.add_attachment(dossier=dossier, user=officer, upload=signed_pdf("thuyet-minh.pdf"))
    dossier.refresh_from_db()
    plan.refresh_from_db()
    # The other unit's dossier is submitted, for the office's review.
    their_dossier = services.dossier_for(call=call, organisation=world.other_unit)
    services.save_dossier_task(dossier=their_dossier, user=world.user(OTHER_OFFICER), data={"name": "X"}, funding={})
    from accounts.models import Role
    from core.testing.world import make_user
    their_leader = make_user("qn-leader@test.vn", world.other_unit, Role.UNIT_LEADER)
    services.submit_dossier(dossier=their_dossier, user=their_leader)

    own_plan = {"phase_code": phase.code, "code": world.unit.code}
    other_plan = {"phase_code": phase.code, "code": world.other_unit.code}
    own = {"year": 2017, "code": world.unit.code}
    other = {"year": 2017, "code": world.other_unit.code}
    OTHER_AND_OFFICE = OFFICE | {OTHER_OFFICER}
    funding = {"version": plan.lock_version, "name": "Nhiệm vụ", "start_year": "2016", "end_year": "2017",
               "amount-2016-local": "1,5"}
    return [
        UrlCase("plans:index", allowed=LOGGED_IN),
        UrlCase("plans:action_plan", own_plan, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("plans:plan_task_add", own_plan, allowed=OWN_UNIT),
        UrlCase("plans:plan_task_add", own_plan, method="post", data=funding, allowed=OWN_UNIT),
        UrlCase("plans:plan_task_edit", {**own_plan, "task_id": task.pk}, allowed=OWN_UNIT),
        UrlCase("plans:plan_task_delete", {**own_plan, "task_id": task.pk}, method="post",
                data={"version": plan.lock_version + 1}, allowed=OWN_UNIT),
        UrlCase("plans:plan_issue", own_plan, allowed=OWN_UNIT),
        UrlCase("plans:plan_reopen", other_plan, method="post", data={"reason": "Điều chỉnh"}, allowed=frozenset({OTHER_OFFICER})),
        UrlCase("plans:signed_file", other_plan, allowed=OTHER_AND_OFFICE),
        UrlCase("plans:call_create", allowed=ADMIN_ONLY),
        UrlCase("plans:call_board", {"year": 2017}, allowed=OFFICE),
        UrlCase("plans:dossier", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("plans:dossier_grid", own, method="post", data={"action": "paste", "column": "name", "text": "A\tB"},
                allowed=OWN_UNIT),
        UrlCase("plans:dossier_task_add", own, allowed=OWN_UNIT),
        UrlCase("plans:dossier_task_edit", {**own, "task_id": dossier_task.pk}, allowed=OWN_UNIT),
        UrlCase("plans:dossier_task_delete", {**own, "task_id": dossier_task.pk}, method="post",
                data={"version": dossier.lock_version + 1}, allowed=OWN_UNIT),
        UrlCase("plans:dossier_summary", own, method="post", data={"version": dossier.lock_version + 1, "summary": "T"},
                allowed=OWN_UNIT),
        UrlCase("plans:dossier_attach", own, method="post", data={}, allowed=OWN_UNIT),
        UrlCase("plans:attachment", {**own, "attachment_id": attachment.pk}, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("plans:dossier_submit", own, method="post", data={"version": dossier.lock_version + 1},
                allowed=frozenset({UNIT_LEADER})),
        UrlCase("plans:dossier_review", other, method="post", data={"action": "return", "comment": "Bổ sung"}, allowed=OFFICE),
        UrlCase("plans:dossier_version", {**other, "number": 1}, allowed=OTHER_AND_OFFICE),
    ]
