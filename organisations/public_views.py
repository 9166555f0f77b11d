"""The public focal-unit directory (letter 4108 §1a): anyone may read it, nothing private is on it."""
from django.shortcuts import render

from . import selectors
from .forms import DirectoryFilter


def directory(request):
    filters = DirectoryFilter(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    units = selectors.public_directory(kind=data.get("kind", ""), province=data.get("province", ""),
                                       query=data.get("q", ""))
    in_place = sum(1 for unit in units if getattr(unit, "focal_unit", None) and unit.focal_unit.is_in_place)
    return render(request, "organisations/directory.html",
                  {"filters": filters, "units": units, "in_place": in_place})
