from django.urls import path

from . import views

app_name = "execution"

urlpatterns = [
    path("", views.index, name="index"),
    path("assign/", views.assignable, name="assignable"),
    path("assign/<int:row_id>/", views.assign, name="assign"),
    path("assign/dossier-tasks/<int:task_id>/", views.assign_dossier_task, name="assign_dossier_task"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("tasks/<int:pk>/milestones/<int:milestone_id>/done/", views.milestone_done, name="milestone_done"),
    path("tasks/<int:pk>/money/", views.money_add, name="money_add"),
    path("tasks/<int:pk>/reports/", views.report_request, name="report_request"),
    path("tasks/<int:pk>/acceptance/", views.acceptance, name="acceptance"),
    path("tasks/<int:pk>/close/", views.close, name="close"),
    path("tasks/<int:pk>/decision/", views.decision_file, name="decision_file"),
    path("tasks/<int:pk>/minutes/", views.minutes_file, name="minutes_file"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/deliverables/", views.deliverable_add, name="deliverable_add"),
    path("reports/<int:pk>/send/", views.report_send, name="report_send"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("deliverables/<int:pk>/", views.deliverable_file, name="deliverable_file"),
    path("report/<int:year>/", views.year_report, name="year_report"),
    path("report/<int:year>/bao-cao.docx", views.year_report_docx, name="year_report_docx"),
    path("report/<int:year>/phu-luc.xlsx", views.year_report_xlsx, name="year_report_xlsx"),
    path("report/<int:year>/bao-cao.pdf", views.year_report_pdf, name="year_report_pdf"),
]
