"""Reporting periods and unit reports move onto the collection core: each ReportingPeriod gets a
Call (any officer of a unit sends, as before), each UnitReport a Submission. A report already sent
gets its first frozen version (its values as stored) and its "sent" event, so boards count it as
before."""
import django.db.models.deletion
from django.db import migrations, models


def _plain(number):
    return None if number is None else str(number)


def to_collection(apps, schema_editor):
    ReportingPeriod = apps.get_model("evaluation", "ReportingPeriod")
    UnitReport = apps.get_model("evaluation", "UnitReport")
    IndicatorValue = apps.get_model("evaluation", "IndicatorValue")
    Call = apps.get_model("collection", "Call")
    Submission = apps.get_model("collection", "Submission")
    SubmissionVersion = apps.get_model("collection", "SubmissionVersion")
    SubmissionEvent = apps.get_model("collection", "SubmissionEvent")
    for period in ReportingPeriod.objects.order_by("pk"):
        call = Call.objects.create(
            kind="indicators", programme_id=period.programme_id, title=period.title, opens_on=period.opens_on,
            deadline=period.deadline, accepts_late=period.accepts_late, instructions=period.instructions,
            senders="officers", created_at=period.created_at)
        call.invited.set(period.invited.all())
        period.call_ref = call
        period.save(update_fields=["call_ref"])
    for report in UnitReport.objects.select_related("period").order_by("pk"):
        submission = Submission.objects.create(
            call_id=report.period.call_ref_id, organisation_id=report.organisation_id, status=report.status,
            lock_version=1 if report.status == "submitted" else 0, submitted_at=report.submitted_at,
            submitted_late=report.submitted_late, submitted_by_id=report.submitted_by_id, updated_at=report.updated_at)
        if report.status == "submitted":
            values = {
                row.indicator.code: {"value": _plain(row.value), "numerator": _plain(row.numerator),
                                     "denominator": _plain(row.denominator), "comment": row.comment}
                for row in IndicatorValue.objects.filter(report=report).select_related("indicator")
            }
            SubmissionVersion.objects.create(submission=submission, number=1, submitted_at=report.submitted_at,
                                             submitted_by_id=report.submitted_by_id, late=report.submitted_late,
                                             content={"values": values})
            SubmissionEvent.objects.create(submission=submission, kind="submit", actor_id=report.submitted_by_id,
                                           note="Lần gửi 1", created_at=report.submitted_at)
        report.submission = submission
        report.save(update_fields=["submission"])


class Migration(migrations.Migration):

    dependencies = [
        ("collection", "0001_calls_and_submissions"),
        ("evaluation", "0001_indicators_and_periods"),
    ]

    operations = [
        # The new link is added under a temporary name while the period's own calendar still exists.
        migrations.AddField(
            model_name="reportingperiod", name="call_ref",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                       to="collection.call"),
        ),
        migrations.AddField(
            model_name="unitreport", name="submission",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.submission"),
        ),
        migrations.RunPython(to_collection, migrations.RunPython.noop),
    ]
