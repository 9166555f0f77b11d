"""Open data: published aggregates with stable column names (documented in docs/OPEN_DATA.md).

Only accepted proposals are published: what the office has reviewed, not drafts or pending requests."""
from django.db.models import Sum

from evaluation.models import ReportingPeriod
from evaluation.selectors import dashboard
from execution.selectors import OPEN_DATA_COLUMNS as EXECUTION_COLUMNS
from execution.selectors import open_data_rows as execution_rows
from organisations.models import KIND_GROUP, OrganisationKind
from organisations.selectors import focal_unit_shares
from plans.models import DossierFunding, DossierStatus
from rounds.models import ProposalStatus, TaskRow

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


DATASETS = {
    "funding": {"columns": FUNDING_COLUMNS, "rows": funding_rows,
                "title": "Kinh phí đề xuất và được duyệt theo năm, đơn vị, đề án thành phần, hoạt động ưu tiên"},
    "focal-units": {"columns": FOCAL_UNIT_COLUMNS, "rows": focal_unit_rows,
                    "title": "Tỷ lệ đơn vị có đơn vị đầu mối sản xuất sạch hơn theo nhóm"},
    "plan-funding": {"columns": PLAN_FUNDING_COLUMNS, "rows": plan_funding_rows,
                     "title": "Kinh phí kế hoạch năm đã được tiếp nhận theo năm, đơn vị, đề án thành phần và nguồn"},
    "indicators": {"columns": INDICATOR_COLUMNS, "rows": indicator_rows,
                   "title": "Giá trị các chỉ tiêu của Chiến lược theo kỳ báo cáo: toàn quốc, loại đơn vị, tỉnh"},
    "execution": {"columns": EXECUTION_COLUMNS, "rows": execution_rows,
                  "title": "Nhiệm vụ được giao: đơn vị, tình hình, tiến độ, kinh phí theo bước và sản phẩm công khai"},
}
