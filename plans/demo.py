"""Demo: action plans 2016–2020 and the 2017 plan dossiers, in every state, told up to the demo's today."""
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Membership, Role
from core import clock
from organisations.models import Organisation
from programmes.models import ComponentProject, FundingSource, Programme

from . import services
from .models import ActionPlan

# A one-page PDF, enough to stand for a scanned signed decision.
SIGNED_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
              b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
PLAN_TASKS = [  # (name, component order, start, end, {(year, source code): đồng})
    ("Tuyên truyền, nâng cao nhận thức về sản xuất sạch hơn", 1, 2016, 2020,
     {(2016, "local"): 150_000_000, (2017, "local"): 200_000_000, (2018, "extension"): 250_000_000}),
    ("Hỗ trợ kỹ thuật áp dụng SXSH tại doanh nghiệp", 3, 2017, 2019,
     {(2017, "extension"): 400_000_000, (2017, "enterprise"): 600_000_000, (2018, "central"): 300_000_000}),
]
DOSSIER_TASKS = [  # (name, plan task index or None, {source code: đồng})
    ("Tập huấn SXSH cho 100 doanh nghiệp", 0, {"local": 200_000_000, "central": 150_000_000}),
    ("Đánh giá SXSH tại 5 cơ sở chế biến thực phẩm", 1, {"extension": 400_000_000, "enterprise": 600_000_000}),
]


def _person(code, role):
    membership = Membership.objects.filter(organisation__code=code, role=role).select_related("user").first()
    return membership.user if membership else None


def load(stdout):
    programme = Programme.objects.get(code="sxsh-2020")
    phase = programme.phases.get(code="2016-2020")
    if ActionPlan.objects.filter(phase=phase).exists():
        stdout.write("plans: demo plans already there")
        return
    sources = {source.code: source for source in FundingSource.objects.all()}
    components = {component.order: component for component in ComponentProject.objects.filter(programme=programme)}
    plans, call = {}, None
    with clock.Story() as story:
        if not story.reached(date(2016, 5, 16)):
            stdout.write("plans: the demo's today is before the action plans")
            return
        for code in ("ha-noi", "quang-ninh", "tkv", "bxd"):
            officer = _person(code, Role.UNIT_OFFICER)
            organisation = Organisation.objects.filter(code=code).first()
            if officer is None or organisation is None:
                continue
            plan = services.plan_for(organisation=organisation, phase=phase)
            plans[code] = [services.save_plan_task(
                plan=plan, user=officer,
                data={"name": name, "component": components.get(order), "start_year": start, "end_year": end,
                      "responsible_body": organisation.working_body or organisation.name_vi},
                funding={(year, sources[source]): amount for (year, source), amount in funding.items()})
                for name, order, start, end, funding in PLAN_TASKS]
        if story.reached(date(2016, 6, 6)):
            for code in ("ha-noi", "tkv"):  # issued; Quảng Ninh and BXD still drafting
                if code in plans:
                    services.issue_plan(plan=plans[code][0].plan, user=_person(code, Role.UNIT_OFFICER),
                                        decision_number=f"{1200 + len(code)}/QĐ-UBND", decision_date=date(2016, 6, 3),
                                        signer="Chủ tịch UBND",
                                        signed_file=SimpleUploadedFile("quyet-dinh-ban-hanh.pdf", SIGNED_PDF))
        if not story.reached(date(2016, 11, 1)):
            return _done(stdout, plans, call)
        units = Organisation.objects.reporting_units().valid_on(date(2016, 12, 15))
        call = services.open_call(programme=programme, plan_year=2017, deadline=date(2016, 12, 15), invited=units,
                                  instructions="Các đơn vị gửi 01 bộ hồ sơ kế hoạch năm 2017 về Bộ Công Thương "
                                               "(qua Vụ Khoa học và Công nghệ) trước ngày 15/12/2016.")
        office = _person("vp-sxsh", Role.OFFICE_REVIEWER)
        for code in ("ha-noi", "quang-ninh", "tkv", "bxd"):
            officer = _person(code, Role.UNIT_OFFICER)
            organisation = Organisation.objects.filter(code=code).first()
            if officer is None or organisation is None or code not in plans:
                continue
            dossier = services.dossier_for(call=call, organisation=organisation)
            for name, plan_index, funding in DOSSIER_TASKS:
                services.save_dossier_task(dossier=dossier, user=officer,
                                           data={"name": name, "action_task": plans[code][plan_index]},
                                           funding={sources[source]: amount for source, amount in funding.items()})
        # Hà Nội: on time, acknowledged. TKV: on time, returned. BXD: draft. Quảng Ninh: late.
        if story.reached(date(2016, 12, 10)):
            for code in ("ha-noi", "tkv"):
                leader = _person(code, Role.UNIT_LEADER)
                if leader:
                    services.submit_dossier(dossier=call.dossiers.get(organisation__code=code), user=leader)
            if office:
                services.acknowledge(dossier=call.dossiers.get(organisation__code="ha-noi"), user=office)
                services.return_dossier(dossier=call.dossiers.get(organisation__code="tkv"), user=office,
                                        comment="Đề nghị bổ sung thuyết minh nguồn vốn doanh nghiệp.")
        leader = _person("quang-ninh", Role.UNIT_LEADER)
        if story.reached(date(2016, 12, 20)) and leader:
            services.submit_dossier(dossier=call.dossiers.get(organisation__code="quang-ninh"), user=leader)
    _done(stdout, plans, call)


def _done(stdout, plans, call):
    dossiers = call.dossiers.count() if call else 0
    stdout.write(f"plans: {len(plans)} demo action plans, {dossiers} dossiers for 2017")
