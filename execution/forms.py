from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OFFICE_ROLES, User
from core.forms import MoneyField
from evaluation.models import Aggregation, Indicator
from programmes.models import FundingSource

from .indicators import RESULTS
from .models import ProgressStatus, Stage, Verdict

MONEY_UNIT = "dong"  # execution is exact to the đồng


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AssignForm(forms.Form):
    implementing_body = forms.CharField(label=_("Đơn vị thực hiện"), max_length=255,
                                        help_text=_("Đơn vị đề xuất hoặc một tổ chức khác, ví dụ một trung tâm tư vấn."))
    decision_number = forms.CharField(label=_("Số quyết định giao nhiệm vụ"), max_length=64)
    decision_date = _date(_("Ngày quyết định"))
    decision_signer = forms.CharField(label=_("Người ký"), max_length=255)
    decision_file = forms.FileField(label=_("Quyết định đã ký (PDF hoặc Word)"), required=False)
    lead_officer = forms.ModelChoiceField(label=_("Chuyên viên theo dõi"), queryset=User.objects.none(), required=False)
    start_date = _date(_("Ngày bắt đầu"))
    end_date = _date(_("Ngày kết thúc"))
    report_every_months = forms.IntegerField(label=_("Báo cáo tiến độ mỗi (tháng)"), initial=6,
                                             help_text=_("Ngoài ra mỗi cuối năm và khi kết thúc nhiệm vụ."))
    milestone_on = _date(_("Mốc tiến độ đầu tiên: thời hạn"), required=False)
    milestone = forms.CharField(label=_("Mốc tiến độ đầu tiên: sản phẩm"), max_length=500, required=False)

    def __init__(self, *args, years, funding_initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = User.objects.filter(memberships__role__in=OFFICE_ROLES).distinct()
        self.sources = list(FundingSource.objects.all())
        self.years = years
        self.funding_names = []
        for year in years:
            for source in self.sources:
                name = f"amount-{year}-{source.code}"
                self.fields[name] = MoneyField(label=_("%(source)s — năm %(year)s (đồng)") % {"source": source.name_vi, "year": year},
                                               required=False, unit=MONEY_UNIT,
                                               initial=(funding_initial or {}).get((source.code, year)))
                self.funding_names.append((name, source, year))

    def funding(self) -> dict:
        return {(source, year): self.cleaned_data.get(name) or 0 for name, source, year in self.funding_names}

    def milestones(self) -> list:
        data = self.cleaned_data
        return [(data["milestone_on"], data["milestone"])] if data.get("milestone") or data.get("milestone_on") else []


class MilestoneForm(VersionForm):
    planned_on = _date(_("Thời hạn"))
    deliverable = forms.CharField(label=_("Sản phẩm, kết quả"), max_length=500)


class MilestoneDoneForm(VersionForm):
    done_on = _date(_("Ngày hoàn thành"))


class MoneyForm(VersionForm):
    stage = forms.ChoiceField(label=_("Bước"), choices=Stage.choices)
    source = forms.ModelChoiceField(label=_("Nguồn kinh phí"), queryset=FundingSource.objects.all())
    year = forms.IntegerField(label=_("Năm ngân sách"))
    amount_vnd = MoneyField(label=_("Số tiền (đồng)"), unit=MONEY_UNIT)
    entry_date = _date(_("Ngày chứng từ"))
    document = forms.CharField(label=_("Chứng từ"), max_length=255, required=False)
    adjustment = forms.BooleanField(label=_("Đây là điều chỉnh"), required=False)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    decision = forms.CharField(label=_("Quyết định điều chỉnh"), max_length=255, required=False)


class RequestReportForm(VersionForm):
    title = forms.CharField(label=_("Kỳ báo cáo"), max_length=255)
    due_on = _date(_("Hạn gửi"))


class AcceptanceForm(VersionForm):
    verdict = forms.ChoiceField(label=_("Kết luận của hội đồng nghiệm thu"), choices=Verdict.choices)
    decided_on = _date(_("Ngày nghiệm thu"))
    conditions = forms.CharField(label=_("Điều kiện, yêu cầu hoàn thiện"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    minutes_file = forms.FileField(label=_("Biên bản nghiệm thu (PDF hoặc Word)"), required=False)


class ReportForm(VersionForm):
    progress_status = forms.ChoiceField(label=_("Tình hình thực hiện"),
                                        choices=[c for c in ProgressStatus.choices if c[0] != ProgressStatus.NOT_REPORTED])
    percent = forms.IntegerField(label=_("Tiến độ (%)"))
    work_done = forms.CharField(label=_("Kết quả đã thực hiện"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    problems = forms.CharField(label=_("Khó khăn, vướng mắc"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_steps = forms.CharField(label=_("Kế hoạch tiếp theo"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    spent_vnd = MoneyField(label=_("Kinh phí đã sử dụng (đồng)"), unit=MONEY_UNIT, required=False)

    def __init__(self, *args, programme, contributions=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Results a task can count towards: the programme's summed indicators fed by progress reports.
        self.indicators = list(Indicator.objects.filter(programme=programme, aggregation=Aggregation.SUM,
                                                        computed_key=RESULTS))
        for indicator in self.indicators:
            self.fields[f"indicator-{indicator.code}"] = forms.DecimalField(
                label=f"{indicator.name_vi} ({indicator.unit})", required=False, max_digits=19, decimal_places=4,
                initial=(contributions or {}).get(indicator.pk))

    def report_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in
                ("progress_status", "percent", "work_done", "problems", "next_steps", "spent_vnd")}

    def contributions(self) -> dict:
        return {indicator: self.cleaned_data.get(f"indicator-{indicator.code}") for indicator in self.indicators
                if self.cleaned_data.get(f"indicator-{indicator.code}") is not None}


class DeliverableForm(VersionForm):
    title = forms.CharField(label=_("Sản phẩm"), max_length=500)
    file = forms.FileField(label=_("Tệp minh chứng (PDF, Word, Excel hoặc ảnh)"), required=False)
    is_public = forms.BooleanField(label=_("Công khai trên trang trách nhiệm giải trình"), required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Nội dung cần hoàn thiện"), widget=forms.Textarea(attrs={"rows": 3}))
