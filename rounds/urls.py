from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("open/", views.public_list, name="public_list"),
    path("new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/edit/", views.round_edit, name="edit"),
    path("<int:pk>/board/", views.board, name="board"),
    path("<int:pk>/consolidation/", views.consolidation, name="consolidation"),
    path("<int:pk>/export.xlsx", views.export_all, name="export"),
    path("<int:pk>/units/<slug:code>/", views.proposal_detail, name="proposal"),
    path("<int:pk>/units/<slug:code>/grid/", views.grid_action, name="grid"),
    path("<int:pk>/units/<slug:code>/rows/new/", views.row_edit, name="row_add"),
    path("<int:pk>/units/<slug:code>/rows/<int:row_id>/", views.row_edit, name="row_edit"),
    path("<int:pk>/units/<slug:code>/rows/<int:row_id>/delete/", views.row_delete, name="row_delete"),
    path("<int:pk>/units/<slug:code>/template.xlsx", views.template_download, name="template"),
    path("<int:pk>/units/<slug:code>/upload/", views.upload, name="upload"),
    path("<int:pk>/units/<slug:code>/submit/", views.submit, name="submit"),
    path("<int:pk>/units/<slug:code>/comment/", views.comment, name="comment"),
    path("<int:pk>/units/<slug:code>/review/", views.review, name="review"),
    path("<int:pk>/units/<slug:code>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/units/<slug:code>/export.xlsx", views.export_unit, name="export_unit"),
]
