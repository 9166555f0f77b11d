from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MoneyField
from organisations.models import Organisation, OrganisationGroup, kinds_of_group
from programmes.models import ComponentProject, FundingSource, Programme

from .models import ActionPlanTask

MONEY_UNIT = "trieu"  # plans are written in triệu đồng; stored as whole đồng


def amount_field_name(source, year=None) -> str:
    return f"amount-{year}-{source.code}" if year else f"amount-{source.code}"


class _FundingMixin:
    """Adds one money field per (year, source) or per source, and reads them back as {key: đồng}."""

    def add_funding_fields(self, sources, years=None, initial=None):
        initial = initial or {}
        self.funding_layout = []
        for year in years or [None]:
            line = []
            for source in sources:
                name = amount_field_name(source, year)
                key = (year, source.pk) if year else source.pk
                self.fields[name] = MoneyField(label=f"{source.name_vi} — {year}" if year else source.name_vi,
                                               required=False, unit=MONEY_UNIT, initial=initial.get(key))
                line.append(name)
            self.funding_layout.append((year, line))

    def funding_rows(self):
        """[(year, [bound field, ...])] for the grid in the template."""
        return [(year, [self[name] for name in names]) for year, names in self.funding_layout]

    def funding(self, sources, years=None) -> dict:
        amounts = {}
        for year in years or [None]:
            for source in sources:
                value = self.cleaned_data.get(amount_field_name(source, year)) or 0
                if value:
                    amounts[(year, source) if year else source] = value
        return amounts


class PlanTaskForm(_FundingMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Tên nhiệm vụ"), max_length=1000)
    component = forms.ModelChoiceField(label=_("Đề án thành phần"), queryset=ComponentProject.objects.none(), required=False)
    start_year = forms.IntegerField(label=_("Từ năm"))
    end_year = forms.IntegerField(label=_("Đến năm"))
    responsible_body = forms.CharField(label=_("Cơ quan chủ trì"), max_length=255, required=False)

    def __init__(self, *args, phase, funding_initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(FundingSource.objects.all())
        self.years = phase.years
        self.fields["component"].queryset = ComponentProject.objects.filter(programme=phase.programme)
        for key in ("start_year", "end_year"):
            self.fields[key].min_value = phase.start_year
            self.fields[key].max_value = phase.end_year
            self.fields[key].widget.attrs.update(min=phase.start_year, max=phase.end_year)
        self.add_funding_fields(self.sources, self.years, funding_initial)

    def task_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in ("name", "component", "start_year", "end_year", "responsible_body")}


class IssuePlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision_number = forms.CharField(label=_("Số quyết định ban hành"), max_length=64, required=False)
    decision_date = forms.DateField(label=_("Ngày ban hành"), required=False,
                                    widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    signer = forms.CharField(label=_("Người ký"), max_length=255, required=False)
    signed_file = forms.FileField(label=_("Văn bản đã ký (PDF hoặc Word)"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 2}))


class DossierTaskForm(_FundingMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # A new task's form carries its own key (also in its address: core.grid.new_row_page), so posting it
    # again (Back, then save) changes that task.
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Tên nhiệm vụ"), max_length=1000)
    action_task = forms.ModelChoiceField(label=_("Thuộc nhiệm vụ của kế hoạch hành động"), required=False,
                                         queryset=ActionPlanTask.objects.none())
    component = forms.ModelChoiceField(label=_("Đề án thành phần"), queryset=ComponentProject.objects.none(), required=False)
    responsible_body = forms.CharField(label=_("Cơ quan chủ trì"), max_length=255, required=False)

    def __init__(self, *args, dossier, funding_initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(FundingSource.objects.all())
        year = dossier.call.plan_year
        self.fields["action_task"].queryset = ActionPlanTask.objects.filter(
            plan__organisation=dossier.organisation, start_year__lte=year, end_year__gte=year)
        self.fields["component"].queryset = ComponentProject.objects.filter(programme=dossier.call.programme)
        self.add_funding_fields(self.sources, None, funding_initial)

    def task_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in ("name", "action_task", "component", "responsible_body")}


class SummaryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(label=_("Thuyết minh kế hoạch năm"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tài liệu kèm theo (PDF hoặc Word)"))


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("acknowledge", _("Tiếp nhận")), ("return", _("Trả lại"))])
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CallForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Chương trình"), queryset=Programme.objects.all())
    plan_year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Ngày mở"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    deadline = forms.DateField(label=_("Hạn gửi"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    invited_groups = forms.MultipleChoiceField(label=_("Đơn vị phải gửi, theo nhóm"), choices=OrganisationGroup.choices,
                                               widget=forms.CheckboxSelectMultiple, initial=[g.value for g in OrganisationGroup])
    instructions = forms.CharField(label=_("Hướng dẫn"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def invited(self):
        kinds = [kind for group in self.cleaned_data["invited_groups"] for kind in kinds_of_group(group)]
        return Organisation.objects.reporting_units().valid_on(self.cleaned_data["opens_on"]).filter(kind__in=kinds)
