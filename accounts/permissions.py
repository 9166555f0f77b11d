"""Who may see and do what: the one place views, the API and templates ask.

Memberships are read once per request and cached on the user object."""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .models import OFFICE_ROLES, UNIT_ROLES, Role


def memberships(user) -> list:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_sxsh_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("organisation"))
        user._sxsh_memberships = cached
    return cached


def forget(user) -> None:
    """Drop the cached memberships after a role change."""
    if hasattr(user, "_sxsh_memberships"):
        del user._sxsh_memberships


def roles(user) -> set:
    return {m.role for m in memberships(user)}


def is_office(user) -> bool:
    return bool(roles(user) & OFFICE_ROLES)


def is_office_admin(user) -> bool:
    return Role.OFFICE_ADMIN in roles(user)


def organisation_ids(user, allowed_roles=UNIT_ROLES) -> set:
    return {m.organisation_id for m in memberships(user) if m.role in allowed_roles}


def unit_of(user):
    """The reporting unit an officer works for (the first, as nearly everyone has one)."""
    for membership in memberships(user):
        if membership.role in UNIT_ROLES:
            return membership.organisation
    return None


def is_member(user, organisation, allowed_roles=UNIT_ROLES) -> bool:
    organisation_id = getattr(organisation, "pk", organisation)
    return organisation_id in organisation_ids(user, allowed_roles)


def can_view_unit(user, organisation) -> bool:
    """Read a unit's records, drafts included: the office and the unit's own people."""
    return is_office(user) or is_member(user, organisation)


def can_edit_unit_drafts(user, organisation) -> bool:
    """Edit a unit's drafts: its officers and leaders, never another unit, never the office."""
    return is_member(user, organisation, UNIT_ROLES)


def can_submit_for_unit(user, organisation) -> bool:
    """Submit on the unit's behalf: its leader only."""
    return is_member(user, organisation, {Role.UNIT_LEADER})


def can_edit_registry(user, organisation) -> bool:
    """Focal-unit details: the unit itself, or the office administrator recording a letter."""
    return is_office_admin(user) or is_member(user, organisation)


def scope(queryset, user):
    """The rows of `queryset` the user may read: all of them for the office; for a unit's people, the rows
    of their own units. A model names the path from a row to its unit in `scoped_by` ("organisation"
    unless it says otherwise, e.g. "invited" for a call) and may open rows to everyone with a Q in
    `visible_to_everyone` (published portal items). Rows reached through a many-to-many path come once."""
    if is_office(user):
        return queryset
    model = queryset.model
    path = getattr(model, "scoped_by", "organisation")
    condition = Q(**{f"{path}__in": organisation_ids(user)})
    public = getattr(model, "visible_to_everyone", None)
    if public is not None:
        condition |= public
    if _reaches_many(model, path):
        return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def _reaches_many(model, path: str) -> bool:
    """Whether a lookup path crosses a many-to-many or reverse relation (a row could match twice)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def _guard(predicate):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


login_required = _guard(lambda user: True)
office_required = _guard(is_office)
office_admin_required = _guard(is_office_admin)
