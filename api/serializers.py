from rest_framework import serializers

from collection.models import Status
from organisations.models import Organisation
from portal.models import Item
from rounds.models import Proposal, Round, TaskRow


class OrganisationSerializer(serializers.ModelSerializer):
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["code", "kind", "name_vi", "name_en", "short_name", "working_body", "valid_from", "valid_to", "successor"]


class RoundSerializer(serializers.ModelSerializer):
    # The calendar is the round's collection.Call.
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True, source="call.programme")
    title = serializers.CharField(read_only=True, source="call.title")
    opens_on = serializers.DateField(read_only=True, source="call.opens_on")
    deadline = serializers.DateField(read_only=True, source="call.deadline")
    accepts_late = serializers.BooleanField(read_only=True, source="call.accepts_late")

    class Meta:
        model = Round
        fields = ["id", "title", "programme", "plan_year", "opens_on", "deadline", "accepts_late", "money_unit", "letter_number"]


class ProposalSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    central_vnd = serializers.IntegerField(read_only=True, help_text="Sum of the rows' central-budget requests, whole đồng")
    other_vnd = serializers.IntegerField(read_only=True, help_text="Sum of the rows' counterpart funding, whole đồng")
    # The state and sending are the proposal's collection.Submission.
    status = serializers.ChoiceField(choices=Status.choices, read_only=True, source="submission.status")
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True, source="submission.submitted_at")
    submitted_late = serializers.BooleanField(read_only=True, source="submission.submitted_late")
    lock_version = serializers.IntegerField(read_only=True, source="submission.lock_version")

    class Meta:
        model = Proposal
        fields = ["id", "round", "organisation", "status", "submitted_at", "submitted_late", "lock_version",
                  "central_vnd", "other_vnd"]


class TaskRowSerializer(serializers.ModelSerializer):
    priority = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    component = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    version = serializers.IntegerField(
        write_only=True, required=False,
        help_text="The proposal's lock_version as last read; a stale value is refused with 409",
    )
    central_vnd = serializers.IntegerField(min_value=0, max_value=10**15)
    other_vnd = serializers.IntegerField(min_value=0, max_value=10**15, required=False, default=0)

    class Meta:
        model = TaskRow
        fields = ["id", "position", "name", "objectives", "products", "period", "central_vnd", "other_vnd", "notes",
                  "priority", "component", "approved_central_vnd", "version"]
        read_only_fields = ["position", "approved_central_vnd"]


class PortalItemSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "category", "title", "summary", "organisation", "province", "tags", "published_at", "url"]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --- Plans, dossiers and indicators (read-only) -------------------------------------------------

class PlanFundingSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    source = serializers.CharField(source="source.code")
    amount_vnd = serializers.IntegerField(help_text="whole đồng")


class ActionPlanTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    component = serializers.CharField(source="component.code", allow_null=True, default=None)
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    responsible_body = serializers.CharField()
    funding = PlanFundingSerializer(many=True)


class ActionPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.code")
    phase = serializers.CharField(source="phase.code")
    status = serializers.CharField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    signer = serializers.CharField()
    tasks = ActionPlanTaskSerializer(many=True)


class DossierFundingSerializer(serializers.Serializer):
    source = serializers.CharField(source="source.code")
    amount_vnd = serializers.IntegerField(help_text="whole đồng")


class DossierTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    component = serializers.CharField(source="component.code", allow_null=True, default=None)
    action_task = serializers.IntegerField(source="action_task_id", allow_null=True)
    responsible_body = serializers.CharField()
    funding = DossierFundingSerializer(many=True)


class DossierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan_year = serializers.IntegerField(source="call.plan_year")
    organisation = serializers.CharField(source="organisation.code")
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    submitted_late = serializers.BooleanField()
    lock_version = serializers.IntegerField()
    tasks = DossierTaskSerializer(many=True)


class TargetSerializer(serializers.Serializer):
    milestone_year = serializers.IntegerField()
    target_min = serializers.DecimalField(max_digits=20, decimal_places=4)
    target_max = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    programme = serializers.CharField(source="programme.code")
    name_vi = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    aggregation = serializers.CharField()
    targets = TargetSerializer(many=True)
