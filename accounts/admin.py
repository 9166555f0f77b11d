from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccountRequest, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_active", "is_staff"]
    search_fields = ["full_name", "email"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Thông tin", {"fields": ["full_name", "position", "phone", "notification_channel"]}),
        ("Quyền", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]


@admin.register(AccountRequest)
class AccountRequestAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "email", "organisation", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["full_name", "email"]
