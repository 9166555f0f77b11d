"""Open data: published aggregates with stable column names (documented in docs/OPEN_DATA.md).

Only accepted proposals are published: what the office has reviewed, not drafts or pending requests."""
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluation.models import ReportingPeriod, ReportStatus, UnitReport
from evaluation.selectors import dashboard
from execution.models import ExecutionEvent
from execution.selectors import OPEN_DATA_COLUMNS as EXECUTION_COLUMNS
from execution.selectors import open_data_rows as execution_rows
from organisations.models import KIND_GROUP, FocalUnit, OrganisationKind
from organisations.selectors import focal_unit_shares
from plans.models import Dossier, DossierFunding, DossierStatus
from rounds.models import Proposal, ProposalStatus, TaskRow

LICENCE = {"name": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
           "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"}

FUNDING_COLUMNS = [
    "year", "round_id", "organisation_code", "organisation_name", "organisation_group", "province_code",
    "component_project", "priority_activity", "central_requested_vnd", "central_approved_vnd", "counterpart_vnd",
]
FOCAL_UNIT_COLUMNS = ["organisation_group", "units", "with_focal_unit", "share_percent"]


def funding_rows() -> list[dict]:
    rows = (
        TaskRow.objects.filter(proposal__submission__status=ProposalStatus.ACCEPTED)
        .values("proposal__round__plan_year", "proposal__round_id", "proposal__organisation__code",
                "proposal__organisation__name_vi", "proposal__organisation__kind", "component__code", "priority__code")
        .annotate(requested=Sum("central_vnd"), approved=Sum("approved_central_vnd"), other=Sum("other_vnd"))
        .order_by("proposal__round__plan_year", "proposal__organisation__code", "component__code", "priority__code")
    )
    return [
        {
            "year": row["proposal__round__plan_year"],
            "round_id": row["proposal__round_id"],
            "organisation_code": row["proposal__organisation__code"],
            "organisation_name": row["proposal__organisation__name_vi"],
            "organisation_group": str(KIND_GROUP[row["proposal__organisation__kind"]].value),
            "province_code": row["proposal__organisation__code"] if row["proposal__organisation__kind"] == OrganisationKind.PROVINCE else "",
            "component_project": row["component__code"] or "",
            "priority_activity": row["priority__code"] or "",
            "central_requested_vnd": row["requested"] or 0,
            "central_approved_vnd": row["approved"] or 0,
            "counterpart_vnd": row["other"] or 0,
        }
        for row in rows
    ]


def focal_unit_rows() -> list[dict]:
    groups = ["ministries", "provinces", "enterprises", "total"]
    return [
        {"organisation_group": group, "units": share.total, "with_focal_unit": share.with_focal_unit,
         "share_percent": share.percent if share.percent is not None else ""}
        for group, share in zip(groups, focal_unit_shares())
    ]


PLAN_FUNDING_COLUMNS = [
    "year", "organisation_code", "organisation_name", "organisation_group", "province_code", "component_project",
    "funding_source", "amount_vnd",
]
INDICATOR_COLUMNS = [
    "period_id", "period_title", "start_year", "end_year", "indicator_code", "indicator_name", "unit", "scope",
    "scope_code", "value", "target_year", "target", "gap",
]


def plan_funding_rows() -> list[dict]:
    """Annual plan dossiers the office has acknowledged: funding by year, unit, component and source."""
    rows = (
        DossierFunding.objects.filter(task__dossier__submission__status=DossierStatus.ACKNOWLEDGED)
        .values("task__dossier__call__plan_year", "task__dossier__organisation__code", "task__dossier__organisation__name_vi",
                "task__dossier__organisation__kind", "task__component__code", "source__code")
        .annotate(amount=Sum("amount_vnd"))
        .order_by("task__dossier__call__plan_year", "task__dossier__organisation__code", "task__component__code", "source__code")
    )
    return [
        {
            "year": row["task__dossier__call__plan_year"],
            "organisation_code": row["task__dossier__organisation__code"],
            "organisation_name": row["task__dossier__organisation__name_vi"],
            "organisation_group": str(KIND_GROUP[row["task__dossier__organisation__kind"]].value),
            "province_code": (row["task__dossier__organisation__code"]
                              if row["task__dossier__organisation__kind"] == OrganisationKind.PROVINCE else ""),
            "component_project": row["task__component__code"] or "",
            "funding_source": row["source__code"],
            "amount_vnd": row["amount"],
        }
        for row in rows
    ]


def _number(value):
    return "" if value is None else str(value.normalize() if hasattr(value, "normalize") else value)


def indicator_rows() -> list[dict]:
    """Indicator values of every reporting period from submitted reports: national, per kind, per province."""
    rows = []
    for period in ReportingPeriod.objects.order_by("start_year", "end_year", "pk"):
        data = dashboard(period)
        for line in data.lines:
            if not line.available:
                continue
            common = {
                "period_id": period.pk, "period_title": period.title, "start_year": period.start_year,
                "end_year": period.end_year, "indicator_code": line.indicator.code, "indicator_name": line.indicator.name_vi,
                "unit": line.indicator.unit,
            }
            target = line.target
            rows.append({**common, "scope": "national", "scope_code": "", "value": _number(line.value),
                         "target_year": target.milestone_year if target else "",
                         "target": _number(target.target_min) if target else "", "gap": _number(line.gap)})
            for scope, values in (("kind", line.by_kind), ("province", line.by_province)):
                for code, value in sorted(values.items()):
                    rows.append({**common, "scope": scope, "scope_code": str(code), "value": _number(value),
                                 "target_year": "", "target": "", "gap": ""})
    return rows


# What each column means, in Vietnamese, for the open-data page (docs/OPEN_DATA.md says the same in English).
COLUMN_HELP = {
    "year": _("Năm kế hoạch"),
    "round_id": _("Mã số đợt đề xuất"),
    "organisation_code": _("Mã ổn định của đơn vị"),
    "organisation_name": _("Tên đơn vị"),
    "organisation_group": _("Nhóm đơn vị: ministries (Bộ, ngành), provinces (địa phương), enterprises (tập đoàn, "
                            "tổng công ty); total là tổng số"),
    "province_code": _("Mã tỉnh khi đơn vị là UBND tỉnh, thành phố; để trống với đơn vị khác"),
    "component_project": _("Mã đề án thành phần của Chiến lược; trống khi chưa phân loại"),
    "priority_activity": _("Mã hoạt động ưu tiên của đợt; trống khi chưa phân loại"),
    "central_requested_vnd": _("Kinh phí đề nghị từ ngân sách Trung ương (đồng)"),
    "central_approved_vnd": _("Kinh phí ngân sách Trung ương được Văn phòng duyệt (đồng)"),
    "counterpart_vnd": _("Kinh phí đối ứng từ nguồn khác (đồng)"),
    "units": _("Số đơn vị đang có hiệu lực"),
    "with_focal_unit": _("Số đơn vị đã chỉ định hoặc thành lập đơn vị đầu mối"),
    "share_percent": _("Tỷ lệ phần trăm, một chữ số thập phân"),
    "funding_source": _("Mã nguồn kinh phí"),
    "amount_vnd": _("Số tiền (đồng)"),
    "period_id": _("Mã số kỳ báo cáo"),
    "period_title": _("Tên kỳ báo cáo"),
    "start_year": _("Năm đầu kỳ"),
    "end_year": _("Năm cuối kỳ"),
    "indicator_code": _("Mã chỉ tiêu"),
    "indicator_name": _("Tên chỉ tiêu"),
    "unit": _("Đơn vị tính"),
    "scope": _("Phạm vi: national (toàn quốc), kind (loại đơn vị), province (tỉnh)"),
    "scope_code": _("Loại đơn vị hoặc mã tỉnh; trống với toàn quốc"),
    "value": _("Giá trị, số thập phân với dấu chấm"),
    "target_year": _("Năm mốc của mục tiêu (dòng toàn quốc)"),
    "target": _("Mục tiêu (dòng toàn quốc)"),
    "gap": _("Chênh lệch giá trị − mục tiêu; âm là chưa đạt"),
    "programme": _("Mã chương trình"),
    "task_id": _("Mã số nhiệm vụ được giao"),
    "task_name": _("Tên nhiệm vụ"),
    "implementing_body": _("Đơn vị thực hiện"),
    "decision_number": _("Số quyết định giao nhiệm vụ"),
    "decision_date": _("Ngày quyết định giao nhiệm vụ (yyyy-mm-dd)"),
    "start_date": _("Ngày bắt đầu (yyyy-mm-dd)"),
    "end_date": _("Ngày kết thúc (yyyy-mm-dd)"),
    "status": _("Tình hình thực hiện theo báo cáo tiến độ gần nhất"),
    "progress_percent": _("Tiến độ (%)"),
    "approved_vnd": _("Kinh phí được duyệt (đồng)"),
    "allocated_vnd": _("Kinh phí được cấp (đồng)"),
    "advanced_vnd": _("Kinh phí đã tạm ứng (đồng)"),
    "paid_vnd": _("Kinh phí đã thanh toán (đồng)"),
    "settled_vnd": _("Kinh phí đã quyết toán (đồng)"),
    "public_deliverables": _("Sản phẩm công khai, cách nhau bởi dấu chấm phẩy"),
}


def _day(moment):
    return timezone.localdate(moment) if moment else None


def execution_updated():
    return _day(ExecutionEvent.objects.aggregate(at=Max("created_at"))["at"])


def funding_updated():
    return _day(Proposal.objects.filter(submission__status=ProposalStatus.ACCEPTED).aggregate(at=Max("submission__updated_at"))["at"])


def focal_units_updated():
    return _day(FocalUnit.objects.aggregate(at=Max("updated_at"))["at"])


def plan_funding_updated():
    return _day(Dossier.objects.filter(submission__status=DossierStatus.ACKNOWLEDGED).aggregate(at=Max("submission__updated_at"))["at"])


def indicators_updated():
    return _day(UnitReport.objects.filter(submission__status=ReportStatus.SUBMITTED).aggregate(at=Max("submission__submitted_at"))["at"])


DATASETS = {
    "funding": {"columns": FUNDING_COLUMNS, "rows": funding_rows, "updated": funding_updated,
                "title": "Kinh phí đề xuất và được duyệt theo năm, đơn vị, đề án thành phần, hoạt động ưu tiên",
                "description": _("Các đề xuất nhiệm vụ Văn phòng đã chấp nhận (không gồm bản nháp, đề xuất đang xem "
                                 "xét): mỗi dòng một năm, đợt, đơn vị, đề án thành phần và hoạt động ưu tiên.")},
    "focal-units": {"columns": FOCAL_UNIT_COLUMNS, "rows": focal_unit_rows, "updated": focal_units_updated,
                    "title": "Tỷ lệ đơn vị có đơn vị đầu mối sản xuất sạch hơn theo nhóm",
                    "description": _("Số đơn vị đang có hiệu lực và số đã chỉ định hoặc thành lập đơn vị đầu mối "
                                     "sản xuất sạch hơn, theo ba nhóm của công văn 4108 và tổng số.")},
    "plan-funding": {"columns": PLAN_FUNDING_COLUMNS, "rows": plan_funding_rows, "updated": plan_funding_updated,
                     "title": "Kinh phí kế hoạch năm đã được tiếp nhận theo năm, đơn vị, đề án thành phần và nguồn",
                     "description": _("Hồ sơ kế hoạch năm Văn phòng đã tiếp nhận: kinh phí theo năm, đơn vị, đề án "
                                      "thành phần và nguồn kinh phí.")},
    "indicators": {"columns": INDICATOR_COLUMNS, "rows": indicator_rows, "updated": indicators_updated,
                   "title": "Giá trị các chỉ tiêu của Chiến lược theo kỳ báo cáo: toàn quốc, loại đơn vị, tỉnh",
                   "description": _("Giá trị các chỉ tiêu tính từ báo cáo đã gửi của các đơn vị, so với mục tiêu "
                                    "của Chiến lược: toàn quốc, theo loại đơn vị và theo tỉnh.")},
    "execution": {"columns": EXECUTION_COLUMNS, "rows": execution_rows, "updated": execution_updated,
                  "title": "Nhiệm vụ được giao: đơn vị, tình hình, tiến độ, kinh phí theo bước và sản phẩm công khai",
                  "description": _("Các nhiệm vụ Văn phòng đã giao thực hiện: đơn vị thực hiện, tình hình, tiến độ, kinh "
                                   "phí được duyệt, cấp, tạm ứng, thanh toán, quyết toán và sản phẩm công khai.")},
}
