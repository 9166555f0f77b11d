"""REST API. Reads go through the same `accounts.permissions.scope(queryset, user)` as the pages; writes go through
rounds.services, so the same rules, permissions and version checks apply."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated

from accounts import permissions
from evaluation.models import Indicator
from organisations.models import Organisation, OrganisationKind
from plans.models import ActionPlan, Dossier, DossierStatus, PlanStatus
from portal.models import Category, Item
from rounds import services
from rounds.models import Proposal, ProposalStatus, Round, TaskRow

from .serializers import (
    ActionPlanSerializer,
    DossierSerializer,
    ErrorSerializer,
    IndicatorSerializer,
    OrganisationSerializer,
    PortalItemSerializer,
    ProposalSerializer,
    RoundSerializer,
    TaskRowSerializer,
)


def _whole_number(text) -> int | None:
    """A filter's integer, or None: never a number too large for the database's integers."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The registry (public): ministries, provinces, state groups and corporations, with validity dates."""

    serializer_class = OrganisationSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"  # a slug: the schema says so, and a stray "#" never reaches the view

    @extend_schema(parameters=[
        OpenApiParameter("kind", str, enum=[k for k in OrganisationKind.values if k != OrganisationKind.OFFICE]),
        OpenApiParameter("valid_on", OpenApiTypes.DATE, description="units in force on that day (yyyy-mm-dd)"),
    ])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        organisations = Organisation.objects.reporting_units().select_related("successor").in_letter_order()
        if self.request.query_params.get("kind"):
            organisations = organisations.filter(kind=self.request.query_params["kind"])
        if self.request.query_params.get("valid_on"):
            try:
                from datetime import date

                organisations = organisations.valid_on(date.fromisoformat(self.request.query_params["valid_on"]))
            except ValueError:
                raise ValidationError({"valid_on": "Ngày không hợp lệ (định dạng yyyy-mm-dd)."}) from None
        return organisations


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoundSerializer

    def get_queryset(self):
        return permissions.scope(Round.objects.all(), self.request.user).select_related("call__programme").order_by("-plan_year", "id")


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("round", int), OpenApiParameter("organisation", str),
    OpenApiParameter("status", str, enum=ProposalStatus.values)]))
class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProposalSerializer

    def get_queryset(self):
        proposals = (
            permissions.scope(Proposal.objects.all(), self.request.user)
            .select_related("organisation")
            .annotate(central_vnd=Sum("rows__central_vnd", default=0), other_vnd=Sum("rows__other_vnd", default=0))
            .order_by("id")
        )
        params = self.request.query_params
        if (round_id := _whole_number(params.get("round"))) is not None:
            proposals = proposals.filter(round_id=round_id)
        if params.get("organisation"):
            proposals = proposals.filter(organisation__code=params["organisation"])
        if params.get("status"):
            proposals = proposals.filter(submission__status=params["status"])
        return proposals


def _call(action):
    """Run a service and translate its refusals into HTTP answers."""
    try:
        return action()
    except services.StaleProposal as error:
        raise Conflict(" ".join(error.messages)) from None
    except DjangoPermissionDenied:
        raise PermissionDenied("Bạn không có quyền sửa đề xuất của đơn vị này.") from None
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}) from None


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale"


@extend_schema_view(
    create=extend_schema(responses={201: TaskRowSerializer, 403: ErrorSerializer, 409: ErrorSerializer}),
    update=extend_schema(responses={200: TaskRowSerializer, 403: ErrorSerializer, 409: ErrorSerializer}),
    partial_update=extend_schema(responses={200: TaskRowSerializer, 403: ErrorSerializer, 409: ErrorSerializer}),
    destroy=extend_schema(parameters=[OpenApiParameter("version", int)],
                          responses={204: None, 403: ErrorSerializer, 409: ErrorSerializer}),
)
class TaskRowViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                     mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The rows of one proposal. Writing needs the unit's officer or leader and an editable proposal."""

    serializer_class = TaskRowSerializer
    permission_classes = [IsAuthenticated]

    def proposal(self) -> Proposal:
        if not hasattr(self, "_proposal"):
            self._proposal = get_object_or_404(permissions.scope(Proposal.objects.all(), self.request.user), pk=self.kwargs["proposal_pk"])
        return self._proposal

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TaskRow.objects.none()
        return self.proposal().rows.select_related("priority", "component")

    def _data(self, serializer):
        data = dict(serializer.validated_data)
        return data.pop("version", None), data

    def perform_create(self, serializer):
        version, data = self._data(serializer)
        serializer.instance = _call(lambda: services.save_row(
            proposal=self.proposal(), user=self.request.user, data=data, expected_version=version))

    def perform_update(self, serializer):
        version, data = self._data(serializer)
        row = serializer.instance
        merged = {key: data.get(key, getattr(row, key)) for key in ("name", "objectives", "products", "period", "central_vnd",
                                                                     "other_vnd", "notes")}
        serializer.instance = _call(lambda: services.save_row(
            proposal=self.proposal(), user=self.request.user, data=merged, row=row, expected_version=version))

    def perform_destroy(self, instance):
        version = self.request.query_params.get("version")
        if version is not None and not version.isdigit():
            raise ValidationError({"version": "Phải là số nguyên."})
        _call(lambda: services.delete_row(proposal=self.proposal(), user=self.request.user, row=instance, expected_version=version))


class PortalItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Published portal items (public)."""

    serializer_class = PortalItemSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        items = Item.objects.published().select_related("organisation").order_by("-published_at", "-id")
        if self.request.query_params.get("category"):
            items = items.filter(category=self.request.query_params["category"])
        return items

    @extend_schema(parameters=[OpenApiParameter("category", str, enum=Category.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


# --- Plans, dossiers and indicators (read-only; writes go through the pages and plans.services) --

@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("organisation", str), OpenApiParameter("phase", str),
    OpenApiParameter("status", str, enum=PlanStatus.values)]))
class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Action plans: the office sees all, a unit its own (another unit's plan answers 404)."""

    serializer_class = ActionPlanSerializer

    def get_queryset(self):
        plans = (permissions.scope(ActionPlan.objects.all(), self.request.user).select_related("organisation", "phase")
                 .prefetch_related("tasks__component", "tasks__funding__source").order_by("id"))
        params = self.request.query_params
        for param, field in (("organisation", "organisation__code"), ("phase", "phase__code"), ("status", "status")):
            if params.get(param):
                plans = plans.filter(**{field: params[param]})
        return plans


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("organisation", str), OpenApiParameter("year", int),
    OpenApiParameter("status", str, enum=DossierStatus.values)]))
class DossierViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual plan dossiers, drafts included for their own unit and the office."""

    serializer_class = DossierSerializer

    def get_queryset(self):
        dossiers = (permissions.scope(Dossier.objects.all(), self.request.user).select_related("organisation", "call")
                    .prefetch_related("tasks__component", "tasks__funding__source").order_by("id"))
        params = self.request.query_params
        if params.get("organisation"):
            dossiers = dossiers.filter(organisation__code=params["organisation"])
        if (year := _whole_number(params.get("year"))) is not None:
            dossiers = dossiers.filter(call__plan_year=year)
        if params.get("status"):
            dossiers = dossiers.filter(submission__status=params["status"])
        return dossiers


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicator catalogue with its targets (public); values are open data (/api/open/indicators.json)."""

    serializer_class = IndicatorSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return Indicator.objects.select_related("programme").prefetch_related("targets").order_by("programme", "order", "code")
