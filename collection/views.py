from django.shortcuts import render

from accounts.permissions import office_required

from . import selectors


@office_required
def review_queue(request):
    return render(request, "collection/review_queue.html", {"waiting": selectors.review_queue()})
