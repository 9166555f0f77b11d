from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import execution as execution_api
from . import open_views, views

app_name = "api"

router = SimpleRouter()
router.register("v1/organisations", views.OrganisationViewSet, basename="organisation")
router.register("v1/rounds", views.RoundViewSet, basename="round")
router.register("v1/proposals", views.ProposalViewSet, basename="proposal")
router.register(r"v1/proposals/(?P<proposal_pk>\d+)/rows", views.TaskRowViewSet, basename="proposal-row")
router.register("v1/action-plans", views.ActionPlanViewSet, basename="action-plan")
router.register("v1/dossiers", views.DossierViewSet, basename="dossier")
router.register("v1/indicators", views.IndicatorViewSet, basename="indicator")
router.register("v1/portal-items", views.PortalItemViewSet, basename="portal-item")
router.register("v1/execution/tasks", execution_api.AssignedTaskViewSet, basename="execution-task")
router.register("v1/execution/reports", execution_api.ProgressReportViewSet, basename="execution-report")
router.register("v1/execution/money", execution_api.MoneyEntryViewSet, basename="execution-money")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/token/", views.TokenView.as_view(), name="token"),
    path("open/", open_views.index, name="open_index"),
    path("open/<slug:name>.<str:fmt>", open_views.dataset, name="open_dataset"),
    path("", include(router.urls)),
]
