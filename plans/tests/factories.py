"""Plans and dossiers for tests, built through the services as a unit would."""
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from plans import services
from programmes import reference
from programmes.models import ComponentProject, FundingSource, Programme, ProgrammePhase


def strategy() -> Programme:
    """The Strategy with its phases, component projects and funding sources from data/reference."""
    reference.load(Path(settings.BASE_DIR) / "data" / "reference")
    return Programme.objects.get(code="sxsh-2020")


def phase_2016_2020() -> ProgrammePhase:
    return strategy().phases.get(code="2016-2020")


def source(code: str) -> FundingSource:
    return FundingSource.objects.get(code=code)


def component(order: int) -> ComponentProject:
    return ComponentProject.objects.get(programme__code="sxsh-2020", order=order)


def signed_pdf(name="quyet-dinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% signed decision\n%%EOF\n", content_type="application/pdf")


def plan_task(name="Tập huấn SXSH cho doanh nghiệp", start=2016, end=2018, comp=1):
    return {"name": name, "start_year": start, "end_year": end, "component": component(comp),
            "responsible_body": "Sở Công Thương"}


def open_2017_call(world, deadline=date(2016, 12, 15)):
    return services.open_call(programme=strategy(), plan_year=2017, opens_on=date(2016, 6, 1), deadline=deadline,
                              invited=[world.unit, world.other_unit])
