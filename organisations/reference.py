"""Loads the registry from data/reference, idempotently.

Both sets of provinces (63 in force in 2016, 34 from 2025) and of ministries (before and after the
2025 restructuring) are kept. A unit whose code continues in the new set stays one organisation; a
unit that was absorbed gets an end date and a `successor`; a new code starts on the effective date."""
import csv
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from .models import Organisation, OrganisationKind

OFFICE_CODE = "vp-sxsh"
PROVINCES_2025_FROM = date(2025, 7, 1)
# Huế became a centrally-run city on 1 January 2025, ahead of the July merger.
PROVINCE_EFFECTIVE_OVERRIDES = {"hue": date(2025, 1, 1)}
MINISTRIES_2025_FROM = date(2025, 3, 1)

MINISTRY_KINDS = {"ministry": OrganisationKind.MINISTRY, "ministry-level agency": OrganisationKind.MINISTRY_AGENCY}
CORPORATION_KINDS = {"state group": OrganisationKind.STATE_GROUP, "general corporation": OrganisationKind.GENERAL_CORPORATION}


def read_csv(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def english_place(code: str) -> str:
    return " ".join(part.capitalize() for part in code.split("-"))


def province_fields(row: dict) -> dict:
    area = row["name_vi"]
    is_city = row["kind"] == "city"
    return {
        "kind": OrganisationKind.PROVINCE,
        "name_vi": f"UBND {area}",
        "name_en": f"People's Committee of {english_place(row['code'])}",
        "area_name": area,
        "is_city": is_city,
        "working_body": f"Sở Công Thương {area[0].lower() + area[1:]}",
    }


def _upsert(code: str, fields: dict) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(code=code, defaults=fields)
    return organisation


def _apply_merger(old_rows: list[dict], new_rows: list[dict], new_fields, effective: dict | date) -> None:
    """Create the new set and link every absorbed old unit to the unit it merged into."""
    old_codes = {row["code"] for row in old_rows}
    new_codes = {row["code"] for row in new_rows}
    for row in new_rows:
        starts = effective.get(row["code"]) if isinstance(effective, dict) else effective
        fields = new_fields(row)
        if row["code"] in old_codes:
            fields.update({"valid_to": None})  # the unit continues, possibly enlarged
        else:
            fields.update({"valid_from": starts, "valid_to": None})
        new_unit = _upsert(row["code"], fields)
        for old_code in filter(None, row.get("merged_from", "").split(";")):
            old_code = old_code.strip()
            if old_code == row["code"] or old_code in new_codes:
                continue
            Organisation.objects.filter(code=old_code).update(
                valid_to=(starts or PROVINCES_2025_FROM) - timedelta(days=1), successor=new_unit
            )


@transaction.atomic
def load(data_dir: Path) -> dict:
    _upsert(
        OFFICE_CODE,
        {
            "kind": OrganisationKind.OFFICE,
            "name_vi": "Văn phòng giúp việc Ban điều hành Chiến lược sản xuất sạch hơn trong công nghiệp",
            "name_en": "Support Office of the Cleaner Production Strategy Steering Board",
            "short_name": "Văn phòng SXSH",
            "working_body": "Vụ Khoa học và Công nghệ, Bộ Công Thương",
            "address": "54 Hai Bà Trưng, Hoàn Kiếm, Hà Nội",
            "phone": "024 2220 2306",
            "email": "haknv@moit.gov.vn",
        },
    )

    ministries_2016 = read_csv(data_dir, "ministries_2016.csv")
    ministries_2025 = read_csv(data_dir, "ministries_2025.csv")
    for row in ministries_2016:
        _upsert(row["code"], {"kind": MINISTRY_KINDS[row["kind"]], "name_vi": row["name_vi"], "name_en": row["name_en"]})
    _apply_merger(
        ministries_2016,
        ministries_2025,
        lambda row: {"kind": MINISTRY_KINDS[row["kind"]], "name_vi": row["name_vi"], "name_en": row["name_en"]},
        MINISTRIES_2025_FROM,
    )

    provinces_2016 = read_csv(data_dir, "provinces_2016.csv")
    provinces_2025 = read_csv(data_dir, "provinces_2025.csv")
    for row in provinces_2016:
        _upsert(row["code"], {**province_fields(row), "gso_code": row["gso_code"], "region": row["region"]})
    overrides = {row["code"]: PROVINCE_EFFECTIVE_OVERRIDES.get(row["code"], PROVINCES_2025_FROM) for row in provinces_2025}
    _apply_merger(provinces_2016, provinces_2025, province_fields, overrides)

    for row in read_csv(data_dir, "corporations.csv"):
        _upsert(
            row["code"],
            {
                "kind": CORPORATION_KINDS[row["kind"]],
                "name_vi": row["name_vi"],
                "short_name": row["short_name"],
                "sector": row["sector"],
            },
        )
    return {"organisations": Organisation.objects.count()}
