from django.contrib import admin
from django_q.models import Failure, OrmQ, Success

from .models import Delivery, Notification

# django-q2's task lists allow no "add", which the admin would answer with 403 to office admins;
# finished and failed jobs are shown on the office's page (/notifications/office/) instead.
for model in (Success, Failure, OrmQ):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "event_date", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__email"]
    raw_id_fields = ["recipient", "organisation", "round"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["to_address", "status", "attempts", "sent_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["to_address"]
    raw_id_fields = ["notification"]
