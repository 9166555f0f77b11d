"""Read-only API of assigned tasks, their progress reports and their money, scoped like the pages
(accounts.permissions.scope): the office sees all, a unit its own. Registered in api/urls.py under
/api/v1/execution/."""
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from accounts import permissions
from core.vn import whole_number
from execution import ledger
from execution.models import AssignedTask, MoneyEntry, ProgressReport


class MoneyTotalsSerializer(serializers.Serializer):
    approved = serializers.IntegerField(help_text="whole đồng")
    allocated = serializers.IntegerField()
    advanced = serializers.IntegerField()
    paid = serializers.IntegerField()
    settled = serializers.IntegerField()


class AssignedTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    programme = serializers.CharField(source="programme.code")
    organisation = serializers.CharField(source="organisation.code")
    implementing_body = serializers.CharField()
    name = serializers.CharField()
    products = serializers.CharField()
    component = serializers.CharField(source="component.code", allow_null=True, default=None)
    priority_name = serializers.CharField()
    source_row = serializers.IntegerField(source="source_row_id", allow_null=True)
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    decision_signer = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    progress_status = serializers.CharField()
    progress_percent = serializers.IntegerField()
    closed_on = serializers.DateField(allow_null=True)
    money = serializers.SerializerMethodField()

    @extend_schema(responses=MoneyTotalsSerializer)
    def get_money(self, task) -> dict:
        totals = self.context.get("money", {}).get((task.pk,), ledger.empty())
        return {str(stage): amount for stage, amount in totals.items()}


class DeliverableSerializer(serializers.Serializer):
    title = serializers.CharField()
    is_public = serializers.BooleanField()
    file_name = serializers.CharField()


class ProgressReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    task = serializers.IntegerField(source="task_id")
    title = serializers.CharField()
    due_on = serializers.DateField(source="submission.call.deadline")
    status = serializers.CharField(source="submission.status")
    submitted_at = serializers.DateTimeField(source="submission.submitted_at", allow_null=True)
    submitted_late = serializers.BooleanField(source="submission.submitted_late")
    progress_status = serializers.CharField()
    percent = serializers.IntegerField()
    work_done = serializers.CharField()
    problems = serializers.CharField()
    next_steps = serializers.CharField()
    spent_vnd = serializers.IntegerField(help_text="whole đồng")
    deliverables = DeliverableSerializer(many=True)


class MoneyEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    task = serializers.IntegerField(source="task_id")
    source = serializers.CharField(source="source.code")
    year = serializers.IntegerField()
    stage = serializers.CharField()
    amount_vnd = serializers.IntegerField(help_text="whole đồng; an adjustment may be negative")
    entry_date = serializers.DateField()
    document = serializers.CharField()
    is_adjustment = serializers.BooleanField()
    reason = serializers.CharField()
    decision = serializers.CharField()


TASK_FILTER = [OpenApiParameter("task", int)]


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("year", int), OpenApiParameter("organisation", str)]))
class AssignedTaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssignedTaskSerializer

    def get_queryset(self):
        tasks = permissions.scope(AssignedTask.objects.all(), self.request.user).select_related(
            "programme", "organisation", "component").order_by("id")
        params = self.request.query_params
        if (year := whole_number(params.get("year"), max_digits=4)) is not None:
            tasks = tasks.filter(year=year)
        if params.get("organisation"):
            tasks = tasks.filter(organisation__code=params["organisation"])
        return tasks

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        # One query for the money of every task the user may see (a page holds at most 50).
        context["money"] = ledger.totals_by(MoneyEntry.objects.filter(task__in=self.get_queryset()), "task_id")
        return context


@extend_schema_view(list=extend_schema(parameters=TASK_FILTER))
class ProgressReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgressReportSerializer

    def get_queryset(self):
        reports = permissions.scope(ProgressReport.objects.all(), self.request.user).select_related(
            "submission__call").prefetch_related("deliverables").order_by("id")
        if (task := whole_number(self.request.query_params.get("task"))) is not None:
            reports = reports.filter(task_id=task)
        return reports


@extend_schema_view(list=extend_schema(parameters=TASK_FILTER))
class MoneyEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MoneyEntrySerializer

    def get_queryset(self):
        entries = permissions.scope(MoneyEntry.objects.all(), self.request.user).select_related("source").order_by("id")
        if (task := whole_number(self.request.query_params.get("task"))) is not None:
            entries = entries.filter(task_id=task)
        return entries
