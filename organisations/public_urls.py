"""Public pages of the registry, at the portal's Vietnamese paths (a unit's public page, which gathers its
posts, tasks and indicators, is the portal's: portal:unit at /don-vi/<code>/)."""
from django.urls import path

from . import public_views

app_name = "organisations_public"

urlpatterns = [
    path("dau-moi/", public_views.directory, name="directory"),
]
