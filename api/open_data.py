"""Open data: published aggregates with stable column names (documented in docs/OPEN_DATA.md).

Only accepted proposals are published: what the office has reviewed, not drafts or pending requests."""
from django.db.models import Sum

from organisations.models import KIND_GROUP, OrganisationKind
from organisations.selectors import focal_unit_shares
from rounds.models import ProposalStatus, TaskRow

FUNDING_COLUMNS = [
    "year", "round_id", "organisation_code", "organisation_name", "organisation_group", "province_code",
    "component_project", "priority_activity", "central_requested_vnd", "central_approved_vnd", "counterpart_vnd",
]
FOCAL_UNIT_COLUMNS = ["organisation_group", "units", "with_focal_unit", "share_percent"]


def funding_rows() -> list[dict]:
    rows = (
        TaskRow.objects.filter(proposal__status=ProposalStatus.ACCEPTED)
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


DATASETS = {
    "funding": {"columns": FUNDING_COLUMNS, "rows": funding_rows,
                "title": "Kinh phí đề xuất và được duyệt theo năm, đơn vị, đề án thành phần, hoạt động ưu tiên"},
    "focal-units": {"columns": FOCAL_UNIT_COLUMNS, "rows": focal_unit_rows,
                    "title": "Tỷ lệ đơn vị có đơn vị đầu mối sản xuất sạch hơn theo nhóm"},
}
