"""Assigned tasks for tests, built through the services from an accepted proposal row, as the office would."""
from datetime import date, datetime

from accounts.models import Role
from core import clock
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, make_user
from execution import services
from plans import services as plan_services
from plans.models import DossierCall
from plans.tests.factories import open_2017_call, signed_pdf, source, strategy
from rounds import services as round_services
from rounds.models import Round
from rounds.tests.factories import open_2017_round
from rounds.tests.factories import task as task_row

ROUND_TITLE = "Đề xuất nhiệm vụ năm 2017 (thực hiện)"


def accepted_row(world, *, organisation=None, name="Tập huấn SXSH cho doanh nghiệp", central=300_000_000, other=120_000_000):
    """A row of an accepted 2017 proposal (sent and accepted in June 2016); approved central budget as requested."""
    clock.set_now(datetime(2016, 6, 1, 9, 0))
    strategy()
    organisation = organisation or world.unit
    round_obj = Round.objects.filter(call__title=ROUND_TITLE).first() or open_2017_round(world, title=ROUND_TITLE)
    proposal = round_services.proposal_for(round_obj=round_obj, organisation=organisation)
    officer = world.user(UNIT_OFFICER) if organisation == world.unit else None
    row = round_services.save_row(proposal=proposal, user=officer, data=task_row(
        name=name, central=central, other=other, component=round_obj.options("component")[0],
        priority=round_obj.options("priority")[0] if round_obj.options("priority") else None, products="Tài liệu tập huấn"))
    leader = proposal.organisation.memberships.filter(role=Role.UNIT_LEADER).first()
    leader = leader.user if leader else make_user(f"leader-{organisation.code}@test.vn", organisation, Role.UNIT_LEADER)
    round_services.submit(proposal=proposal, user=leader)
    round_services.accept(proposal=proposal, user=world.user(OFFICE_REVIEWER), approved={row.pk: central})
    row.refresh_from_db()
    return row


def assigned_task(world, row=None, **changes):
    """Assigned on 10/01/2017 (the clock is left there): 01/02–31/12/2017, a milestone on 30/06/2017."""
    row = row or accepted_row(world)
    clock.set_now(datetime(2017, 1, 10, 9, 0))
    fields = {
        "row": row, "user": world.user(OFFICE_REVIEWER), "implementing_body": "Trung tâm Sản xuất sạch hơn Việt Nam",
        "decision_number": "1234/QĐ-BCT", "decision_date": date(2017, 1, 10), "decision_signer": "Cao Quốc Hưng",
        "start_date": date(2017, 2, 1), "end_date": date(2017, 12, 31),
        "funding": {(source("central"), 2017): row.approved_central_vnd, (source("local"), 2017): row.other_vnd},
        "decision_file": signed_pdf(), "milestones": [(date(2017, 6, 30), "Tài liệu tập huấn")],
    }
    fields.update(changes)
    return services.assign_task(**fields)


def received_dossier_task(world, *, organisation=None, name="Trình diễn SXSH tại 3 cơ sở", local=200_000_000,
                          enterprise=300_000_000):
    """A task of a unit's 2017 annual plan dossier (the world's unit unless given), funded by itself,
    sent on 01/07/2016 and acknowledged."""
    clock.set_now(datetime(2016, 7, 1, 9, 0))
    call = DossierCall.objects.filter(plan_year=2017).first() or open_2017_call(world)
    if organisation is None:
        organisation, officer, leader = world.unit, world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    else:
        call.call.invited.add(organisation)
        officer = make_user(f"officer-{organisation.code}@test.vn", organisation, Role.UNIT_OFFICER)
        leader = make_user(f"leader-{organisation.code}@test.vn", organisation, Role.UNIT_LEADER)
    dossier = plan_services.dossier_for(call=call, organisation=organisation)
    task = plan_services.save_dossier_task(dossier=dossier, user=officer, data={"name": name},
                                           funding={source("local"): local, source("enterprise"): enterprise})
    plan_services.submit_dossier(dossier=dossier, user=leader)
    plan_services.acknowledge(dossier=dossier, user=world.user(OFFICE_REVIEWER))
    return task
