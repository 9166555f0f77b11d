"""Demo: the 2017 round of letter 4108 with units in every state of the board, told up to the demo's today."""
from datetime import date

from accounts.models import Membership, Role
from core import clock
from organisations.models import Organisation
from programmes.models import Programme

from . import services
from .models import Round

TITLE = "Đề xuất nhiệm vụ năm 2017"
TASKS = {
    "ha-noi": [("Tập huấn nâng cao năng lực đánh giá sản xuất sạch hơn cho cán bộ Sở Công Thương", 300_000_000, 120_000_000, 1),
               ("Hỗ trợ kỹ thuật áp dụng SXSH tại 5 cơ sở dệt nhuộm", 450_500_000, 200_000_000, 2)],
    "quang-ninh": [("Phát hành bản tin SXSH tỉnh", 120_000_000, 30_500_000, 0),
                   ("Hỗ trợ đánh giá SXSH tại 3 doanh nghiệp than", 1_200_000_000, 400_000_000, 2)],
    "tkv": [("Xây dựng mô hình sản xuất sạch hơn cho cụm công nghiệp", 1_250_000_000, 500_000_000, 2)],
    "bxd": [("Biên soạn hướng dẫn kỹ thuật SXSH ngành xi măng", 320_000_000, 0, 2)],
    "thanh-hoa": [("Tập huấn SXSH cho doanh nghiệp", 150_000_000, 50_000_000, 1)],
    "evn": [("Phổ biến điển hình tiết kiệm năng lượng", 200_000_000, 100_000_000, 0)],
}


def _person(code, role):
    membership = Membership.objects.filter(organisation__code=code, role=role).select_related("user").first()
    return membership.user if membership else None


def load(stdout):
    if Round.objects.filter(call__title=TITLE).exists():
        stdout.write("rounds: demo round already there")
        return
    programme = Programme.objects.get(code="sxsh-2020")
    units = Organisation.objects.reporting_units().valid_on(date(2016, 5, 13))
    with clock.Story() as story:
        if not story.reached(date(2016, 5, 13)):
            stdout.write("rounds: the demo's today is before the round opens")
            return
        round_obj = services.open_round(
            programme=programme, title=TITLE, plan_year=2017, opens_on=date(2016, 5, 13), deadline=date(2016, 6, 15),
            invited=units, accepts_late=True, money_unit="trieu", letter_number="4108/BCT-KHCN",
            instructions="Căn cứ các hoạt động ưu tiên của Bộ Công Thương, các Bộ, ngành và địa phương đề xuất nhu cầu "
                         "tham gia, phối hợp thực hiện theo mẫu tại Phụ lục, gửi về Bộ trước ngày 15 tháng 6 năm 2016.",
        )
        priorities = round_obj.options("priority")
        components = round_obj.options("component")
        for code, tasks in TASKS.items():
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None or not round_obj.invited.filter(pk=organisation.pk).exists():
                continue
            proposal = services.proposal_for(round_obj=round_obj, organisation=organisation)
            for name, central, other, priority in tasks:
                services.save_row(proposal=proposal, user=None, data={
                    "name": name, "central_vnd": central, "other_vnd": other, "priority": priorities[priority],
                    "component": components[2] if components else None, "period": "Năm 2017"})
        office = _person("vp-sxsh", Role.OFFICE_REVIEWER)
        # Hà Nội: on time, then accepted. Quảng Ninh: late. TKV: on time, returned. BXD: submitted on time.
        if story.reached(date(2016, 6, 6)):
            for code in ("ha-noi", "tkv", "bxd"):
                leader = _person(code, Role.UNIT_LEADER)
                if leader:
                    services.submit(proposal=round_obj.proposals.get(organisation__code=code), user=leader)
        if office and story.reached(date(2016, 6, 8)):
            hanoi = round_obj.proposals.get(organisation__code="ha-noi")
            services.accept(proposal=hanoi, user=office, approved={row.pk: row.central_vnd for row in hanoi.rows.all()})
            services.return_for_revision(proposal=round_obj.proposals.get(organisation__code="tkv"), user=office,
                                         comment="Đề nghị bổ sung sản phẩm dự kiến và thời gian thực hiện.")
        leader = _person("quang-ninh", Role.UNIT_LEADER)
        if story.reached(date(2016, 6, 20)) and leader:
            services.submit(proposal=round_obj.proposals.get(organisation__code="quang-ninh"), user=leader)
    stdout.write(f"rounds: demo round '{TITLE}' with {round_obj.proposals.count()} proposals")
