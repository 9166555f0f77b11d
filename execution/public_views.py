"""The public accountability page: each assigned task's unit, status, progress, money and public deliverables."""
from django.shortcuts import get_object_or_404, render

from programmes.models import Programme

from . import selectors
from .models import AssignedTask


def index(request):
    """The programmes and years that have assigned tasks."""
    pairs = AssignedTask.objects.values_list("programme", "year").distinct().order_by("programme", "-year")
    programmes = Programme.objects.in_bulk({programme for programme, _year in pairs})
    return render(request, "execution/public_index.html",
                  {"pairs": [(programmes[programme], year) for programme, year in pairs]})


def programme_year(request, code, year):
    programme = get_object_or_404(Programme, code=code)
    lines = selectors.public_lines(programme=programme, year=year)
    totals = {stage: sum(line["money"][stage] for line in lines) for stage in ("approved", "paid")}
    return render(request, "execution/public_year.html",
                  {"programme": programme, "year": year, "lines": lines, "totals": totals})
