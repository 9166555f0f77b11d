from django.shortcuts import render

from accounts.permissions import login_required

from .models import FundingSource, Programme


@login_required
def programme_list(request):
    programmes = Programme.objects.prefetch_related("phases", "component_projects")
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes, "funding_sources": FundingSource.objects.all()},
    )
