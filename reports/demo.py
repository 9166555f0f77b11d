"""Demo: the 2017 report to the Prime Minister, numbered and signed, ready to download."""
from datetime import date

from programmes.models import Programme

from . import pm_report
from .models import PrimeMinisterReport

YEAR = 2017


def load(stdout):
    programme = Programme.objects.get(code="sxsh-2020")
    if PrimeMinisterReport.objects.filter(programme=programme, year=YEAR).exists():
        stdout.write("reports: demo report already there")
        return
    report = pm_report.default_report(programme=programme, year=YEAR)
    report.number, report.report_date, report.signer_name = "35/BC-BCT", date(2016, 12, 28), "Nguyễn Văn Minh"
    report.save()
    stdout.write(f"reports: report to the Prime Minister for {YEAR} ({report.number})")
