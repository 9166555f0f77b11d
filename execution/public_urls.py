from django.urls import path

from . import public_views

app_name = "accountability"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<slug:code>/<int:year>/", public_views.programme_year, name="programme_year"),
]
