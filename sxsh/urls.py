from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from core.views import serve_media

admin.site.site_header = "SXSH — Quản trị"
admin.site.site_title = "SXSH"

# Every app owns its URL prefix, so the folder can be guessed from the URL.
urlpatterns = [
    path("", include("portal.urls")),
    path("", include("organisations.public_urls")),
    path("du-lieu-mo/", include("api.open_urls")),
    path("app/", include("core.urls")),
    path("organisations/", include("organisations.urls")),
    path("accounts/", include("accounts.urls")),
    path("programmes/", include("programmes.urls")),
    path("collection/", include("collection.urls")),
    path("exports/", include("exports.urls")),
    path("rounds/", include("rounds.urls")),
    path("plans/", include("plans.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("execution/", include("execution.urls")),
    path("accountability/", include("execution.public_urls")),
    path("notifications/", include("notifications.urls")),
    path("reports/", include("reports.urls")),
    path("api/", include("api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
]
