import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from .open_data import COLUMN_HELP, DATASETS, LICENCE


def page(request):
    """The open datasets explained in Vietnamese: fields, licence, formats, date of the last change."""
    datasets = [
        {"name": name, "title": spec["title"], "description": spec["description"], "updated": spec["updated"](),
         "columns": [(column, COLUMN_HELP[column]) for column in spec["columns"]]}
        for name, spec in DATASETS.items()
    ]
    return render(request, "api/open_data.html", {"datasets": datasets, "licence": LICENCE})


def index(request):
    return JsonResponse({
        "datasets": [
            {"name": name, "title": spec["title"], "columns": spec["columns"],
             "csv": request.build_absolute_uri(reverse("api:open_dataset", args=[name, "csv"])),
             "json": request.build_absolute_uri(reverse("api:open_dataset", args=[name, "json"]))}
            for name, spec in DATASETS.items()
        ]
    })


def dataset(request, name, fmt):
    spec = DATASETS.get(name)
    if spec is None or fmt not in ("csv", "json"):
        raise Http404
    rows = spec["rows"]()
    if fmt == "json":
        return JsonResponse({"name": name, "columns": spec["columns"], "rows": rows}, json_dumps_params={"ensure_ascii": False})
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=spec["columns"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # Text that a spreadsheet would run as a formula is written with a leading apostrophe.
        writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v) for k, v in row.items()})
    response = HttpResponse("\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sxsh-{name}.csv"'
    return response
