from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import FocalContact, FocalUnit, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name_vi", "code", "kind", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name_vi", "code", "short_name"]


class FocalContactInline(admin.TabularInline):
    model = FocalContact
    extra = 0


@admin.register(FocalUnit)
class FocalUnitAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "status", "name", "decision_number", "decision_date"]
    list_filter = ["status"]
    search_fields = ["organisation__name_vi", "name"]
    inlines = [FocalContactInline]
