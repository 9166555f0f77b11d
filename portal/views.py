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


def open_rounds():
    """Proposal rounds open today with their deadlines, cached for a minute like the latest items."""
    from core import clock
    from rounds.selectors import open_rounds as rounds_open_on

    today = clock.today()
    key = f"portal:home:rounds:{today.isoformat()}"
    rounds = cache.get(key)
    if rounds is None:
        rounds = [{"title": r.title, "plan_year": r.plan_year, "deadline": r.deadline, "late": r.deadline < today}
                  for r in rounds_open_on(today)[:5]]
        cache.set(key, rounds, 60)
    return rounds


def home(request):
    return render(request, "portal/home.html", {"items": latest_items(), "categories": Category.choices,
                                                "open_rounds": open_rounds()})


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


# --- Authoring and moderation (logged in) -------------------------------------------------------
from django.contrib import messages  # noqa: E402
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from accounts import permissions  # noqa: E402
from accounts.models import OFFICE_ROLES  # noqa: E402

from . import services  # noqa: E402
from .forms import BodyImageForm, ItemForm  # noqa: E402
from .models import Status  # noqa: E402


def _author_organisation(user):
    if permissions.is_office(user):
        return next(m.organisation for m in permissions.memberships(user) if m.role in OFFICE_ROLES)
    return permissions.unit_of(user)


def _own_item(request, pk):
    """An item the user may edit: its unit's, or the office's own. Others' answer 404 / 403."""
    item = get_object_or_404(permissions.scope(Item.objects.all(), request.user).exclude(status=Status.PUBLISHED)
                             if not permissions.is_office(request.user) else Item.objects.all(), pk=pk)
    if item.organisation_id != getattr(_author_organisation(request.user), "pk", None):
        raise PermissionDenied
    return item


@permissions.login_required
def manage(request):
    organisation = _author_organisation(request.user)
    own = Item.objects.filter(organisation=organisation) if organisation else Item.objects.none()
    queue = Item.objects.filter(status=Status.SUBMITTED).select_related("organisation") \
        if permissions.is_office(request.user) else None
    return render(request, "portal/manage.html", {"own": own[:100], "queue": queue})


@permissions.login_required
def edit(request, pk=None):
    item = _own_item(request, pk) if pk else None
    organisation = _author_organisation(request.user)
    if organisation is None:
        raise PermissionDenied
    form = ItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("file", "cover") or v}
        try:
            services.write(user=request.user, organisation=organisation, item=item, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu tin bài."))
            return redirect("portal:manage")
    images = item.images.all() if item else []
    return render(request, "portal/edit.html", {"form": form, "item": item, "images": images,
                                                "image_form": BodyImageForm(prefix="image") if item else None})


@require_POST
@permissions.login_required
def add_image(request, pk):
    """Upload an image for the body of a post; the edit page then offers to insert it."""
    item = _own_item(request, pk)
    form = BodyImageForm(request.POST, request.FILES, prefix="image")
    if form.is_valid():
        try:
            services.add_image(user=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã tải ảnh lên. Chèn ảnh vào nội dung rồi lưu bài."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("portal:edit", pk=item.pk)


@require_POST
@permissions.login_required
def submit(request, pk):
    item = _own_item(request, pk)
    try:
        services.submit(user=request.user, item=item)
        messages.success(request, _("Đã gửi Văn phòng duyệt."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portal:manage")


@require_POST
@permissions.office_required
def moderate(request, pk):
    item = get_object_or_404(Item, pk=pk)
    try:
        services.moderate(user=request.user, item=item, decision=request.POST.get("decision", ""),
                          comment=request.POST.get("comment", ""))
        messages.success(request, _("Đã ghi nhận quyết định."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portal:manage")


@permissions.login_required
def versions(request, pk):
    item = get_object_or_404(permissions.scope(Item.objects.all(), request.user), pk=pk)
    if not permissions.can_view_unit(request.user, item.organisation):
        raise Http404
    return render(request, "portal/versions.html", {"item": item, "versions": item.versions.select_related("by")})
