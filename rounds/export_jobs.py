"""The round's consolidated export and a unit's export, written in the request when small and as a
background job (exports app) when large; the kinds are registered in RoundsConfig.ready."""
from organisations.models import Organisation

from . import export, selectors
from .models import Round

CONSOLIDATED = "rounds.consolidated"
UNIT = "rounds.unit"


def consolidated_filename(round_obj: Round) -> str:
    return f"tong-hop-de-xuat-{round_obj.plan_year}.xlsx"


def unit_filename(round_obj: Round, organisation: Organisation) -> str:
    return f"de-xuat-{round_obj.plan_year}-{organisation.code}.xlsx"


def unit_title(round_obj: Round, organisation: Organisation) -> str:
    return f"{round_obj.title} — {organisation.name_vi}"


def write_consolidated(round_obj: Round, *, output=None, track=iter):
    """Every sent row of the round, unit by unit (the office's file)."""
    return export.write_consolidated(title=round_obj.title, plan_year=round_obj.plan_year, money_unit=round_obj.money_unit,
                                     rows=track(selectors.export_rows(round_obj)), output=output)


def write_unit(round_obj: Round, organisation: Organisation, *, output=None, track=iter):
    """One unit's rows whatever the state of its proposal."""
    return export.write_consolidated(title=unit_title(round_obj, organisation), plan_year=round_obj.plan_year,
                                     money_unit=round_obj.money_unit, output=output,
                                     rows=track(selectors.export_rows(round_obj, organisation_ids=[organisation.pk])))


def run_consolidated(parameters: dict, output, track) -> None:
    write_consolidated(Round.objects.get(pk=parameters["round"]), output=output, track=track)


def run_unit(parameters: dict, output, track) -> None:
    write_unit(Round.objects.get(pk=parameters["round"]), Organisation.objects.get(pk=parameters["organisation"]),
               output=output, track=track)
