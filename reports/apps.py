from django.apps import AppConfig

from exports import kinds as export_kinds


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo tổng hợp"

    def ready(self):
        # Imported once the apps are loaded: the writer reads models.
        from . import pm_annex

        export_kinds.register(pm_annex.JOB_KIND, write=pm_annex.run_job, office=True)
