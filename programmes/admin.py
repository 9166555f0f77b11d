from django.contrib import admin

from .models import ComponentProject, FundingSource, Programme, ProgrammePhase


class PhaseInline(admin.TabularInline):
    model = ProgrammePhase
    extra = 0


class ComponentInline(admin.TabularInline):
    model = ComponentProject
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "code", "start_year", "end_year"]
    inlines = [PhaseInline, ComponentInline]


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "code", "order", "is_central_budget"]
