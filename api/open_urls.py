"""The open-data page at the portal's Vietnamese path; the files themselves are served under /api/open/."""
from django.urls import path

from . import open_views

app_name = "open_data"

urlpatterns = [
    path("", open_views.page, name="page"),
]
