from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Category, Item
from .search import search as run_search

from .services import HOME_CACHE_KEY


def latest_items():
    items = cache.get(HOME_CACHE_KEY)
    if items is None:
        items = list(Item.objects.published().select_related("organisation")[:12])
        cache.set(HOME_CACHE_KEY, items, 60)
    return items


def home(request):
    return render(request, "portal/home.html", {"items": latest_items()})


def contact(request):
    return render(request, "portal/contact.html", {"office": settings.OFFICE_CONTACT})


def category_list(request, category):
    if category not in Category.values:
        raise Http404
    items = Item.objects.published().filter(category=category).select_related("organisation")
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(request, "portal/list.html", {"page": page, "category": Category(category)})


def detail(request, pk):
    item = get_object_or_404(Item.objects.published().select_related("organisation"), pk=pk)
    return render(request, "portal/detail.html", {"item": item})


def search(request):
    params = {key: request.GET.get(key, "").strip() for key in ("q", "category", "province", "organisation", "year")}
    items = run_search(query=params["q"], category=params["category"], province=params["province"],
                       organisation=params["organisation"], year=params["year"])
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(request, "portal/search.html", {"page": page, "params": params, "categories": Category.choices})
