from django.contrib import admin

from .models import Indicator, ReportingPeriod, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "unit", "aggregation", "programme"]
    list_filter = ["programme", "aggregation"]
    inlines = [TargetInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["title", "start_year", "end_year", "opens_on", "deadline"]
