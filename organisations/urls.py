from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<slug:code>/", views.organisation_detail, name="detail"),
    path("<slug:code>/focal-unit/", views.focal_unit_edit, name="focal_unit_edit"),
    path("<slug:code>/history/", views.organisation_history, name="history"),
]
