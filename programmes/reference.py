"""Loads the Strategy, its phases, component projects and funding sources from data/reference."""
import csv
from pathlib import Path

from .models import ComponentProject, FundingSource, Programme, ProgrammePhase

# The Strategy itself is not in a CSV: it is the programme every file refers to.
PROGRAMMES = [
    {
        "code": "sxsh-2020",
        "name_vi": "Chiến lược sản xuất sạch hơn trong công nghiệp đến năm 2020",
        "name_en": "Cleaner Production Strategy in Industry to 2020",
        "legal_basis": "Quyết định số 1419/QĐ-TTg ngày 07/09/2009 của Thủ tướng Chính phủ",
        "start_year": 2009,
        "end_year": 2020,
        "phases": [
            ("2009-2015", "Giai đoạn 2009 - 2015", "Phase 2009–2015", 2009, 2015),
            ("2016-2020", "Giai đoạn 2016 - 2020", "Phase 2016–2020", 2016, 2020),
        ],
    }
]


def read_csv(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(data_dir: Path) -> dict:
    counts = {"programmes": 0, "component_projects": 0, "funding_sources": 0}
    for spec in PROGRAMMES:
        fields = {k: v for k, v in spec.items() if k not in ("code", "phases")}
        programme, _ = Programme.objects.update_or_create(code=spec["code"], defaults=fields)
        counts["programmes"] += 1
        for code, name_vi, name_en, start, end in spec["phases"]:
            ProgrammePhase.objects.update_or_create(
                programme=programme,
                code=code,
                defaults={"name_vi": name_vi, "name_en": name_en, "start_year": start, "end_year": end},
            )
    programmes = {p.code: p for p in Programme.objects.all()}
    for row in read_csv(data_dir, "component_projects.csv"):
        ComponentProject.objects.update_or_create(
            programme=programmes[row["programme"]],
            code=row["code"],
            defaults={"order": int(row["order"]), "name_vi": row["name_vi"], "name_en": row["name_en"]},
        )
        counts["component_projects"] += 1
    for row in read_csv(data_dir, "funding_sources.csv"):
        FundingSource.objects.update_or_create(
            code=row["code"],
            defaults={
                "order": int(row["order"]),
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "is_central_budget": row["is_central_budget"].strip().lower() == "true",
            },
        )
        counts["funding_sources"] += 1
    return counts
