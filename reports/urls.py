from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("national/", views.national, name="national"),
    path("prime-minister/<int:year>/", views.pm_report_edit, name="pm_report"),
    path("prime-minister/<int:year>/bao-cao.docx", views.pm_report_docx, name="pm_report_docx"),
    path("prime-minister/<int:year>/phu-luc.xlsx", views.pm_report_xlsx, name="pm_report_xlsx"),
    path("prime-minister/<int:year>/bao-cao.pdf", views.pm_report_pdf, name="pm_report_pdf"),
]
