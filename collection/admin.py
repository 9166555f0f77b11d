from django.contrib import admin

from .models import Call, Submission, SubmissionEvent


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "opens_on", "deadline", "accepts_late", "closes_on", "senders"]
    list_filter = ["kind", "programme"]
    # The invited units are fixed at opening (collection.services.change_call only adds): read-only here.
    readonly_fields = ["kind", "invited"]


class EventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "actor", "note", "item_id", "created_at"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["call", "organisation", "status", "submitted_at", "submitted_late"]
    list_filter = ["call", "status"]
    readonly_fields = ["call", "organisation", "status", "lock_version", "submitted_at", "submitted_late", "submitted_by",
                       "return_reason"]
    inlines = [EventInline]
