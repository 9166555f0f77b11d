from core.testing.access import UrlCase
from core.testing.world import OFFICE
from plans.models import DossierCall
from plans.tests.factories import open_2017_call


def cases(world):
    if not DossierCall.objects.filter(plan_year=2017).exists():
        open_2017_call(world)
    year = {"year": 2017}
    return [
        UrlCase("reports:national", allowed=OFFICE),
        UrlCase("reports:national", allowed=OFFICE, query="?year=2017"),
        UrlCase("reports:pm_report", year, allowed=OFFICE),
        UrlCase("reports:pm_report", year, method="post", data={"title": "Báo cáo", "number": "1/BC-BCT",
                                                               "signer_title": "THỨ TRƯỞNG", "signer_name": "Trần Văn A"},
                 allowed=OFFICE),
        UrlCase("reports:pm_report_docx", year, allowed=OFFICE),
        UrlCase("reports:pm_report_xlsx", year, allowed=OFFICE),
        UrlCase("reports:pm_report_pdf", year, allowed=OFFICE),
    ]
