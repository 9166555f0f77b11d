from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/read/", views.mark_read, name="read"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("office/", views.office, name="office"),
    path("deliveries/<int:pk>/retry/", views.retry, name="retry"),
    path("unit/<slug:code>/", views.unit_log, name="unit"),
    path("rounds/<int:pk>/letter.docx", views.round_letter, name="round_letter"),
    path("rounds/<int:pk>/letter.zip", views.round_letter_zip, name="round_letter_zip"),
]
