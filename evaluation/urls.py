from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.period_list, name="list"),
    path("new/", views.period_create, name="create"),
    path("<int:pk>/", views.period_detail, name="detail"),
    path("<int:pk>/board/", views.board, name="board"),
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/report.docx", views.export_docx, name="export_docx"),
    path("<int:pk>/report.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/units/<slug:code>/", views.report_detail, name="report"),
    path("<int:pk>/units/<slug:code>/edit/", views.report_edit, name="report_edit"),
    path("<int:pk>/units/<slug:code>/autosave/", views.report_autosave, name="report_autosave"),
    path("<int:pk>/units/<slug:code>/submit/", views.report_submit, name="report_submit"),
]
