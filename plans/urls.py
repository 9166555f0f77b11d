from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("action/<slug:phase_code>/<slug:code>/", views.action_plan, name="action_plan"),
    path("action/<slug:phase_code>/<slug:code>/tasks/new/", views.plan_task_edit, name="plan_task_add"),
    path("action/<slug:phase_code>/<slug:code>/tasks/<int:task_id>/", views.plan_task_edit, name="plan_task_edit"),
    path("action/<slug:phase_code>/<slug:code>/tasks/<int:task_id>/delete/", views.plan_task_delete, name="plan_task_delete"),
    path("action/<slug:phase_code>/<slug:code>/issue/", views.plan_issue, name="plan_issue"),
    path("action/<slug:phase_code>/<slug:code>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("action/<slug:phase_code>/<slug:code>/signed/", views.signed_file, name="signed_file"),
    path("dossiers/new/", views.call_create, name="call_create"),
    path("dossiers/<int:year>/", views.call_board, name="call_board"),
    path("dossiers/<int:year>/<slug:code>/", views.dossier, name="dossier"),
    path("dossiers/<int:year>/<slug:code>/grid/", views.dossier_grid, name="dossier_grid"),
    path("dossiers/<int:year>/<slug:code>/tasks/new/", views.dossier_task_edit, name="dossier_task_add"),
    path("dossiers/<int:year>/<slug:code>/tasks/<int:task_id>/", views.dossier_task_edit, name="dossier_task_edit"),
    path("dossiers/<int:year>/<slug:code>/tasks/<int:task_id>/delete/", views.dossier_task_delete, name="dossier_task_delete"),
    path("dossiers/<int:year>/<slug:code>/summary/", views.dossier_summary, name="dossier_summary"),
    path("dossiers/<int:year>/<slug:code>/attachments/", views.dossier_attach, name="dossier_attach"),
    path("dossiers/<int:year>/<slug:code>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("dossiers/<int:year>/<slug:code>/submit/", views.dossier_submit, name="dossier_submit"),
    path("dossiers/<int:year>/<slug:code>/review/", views.dossier_review, name="dossier_review"),
    path("dossiers/<int:year>/<slug:code>/versions/<int:number>/", views.dossier_version, name="dossier_version"),
]
