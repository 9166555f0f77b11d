"""Dossier calls and dossiers move onto the collection core: each DossierCall gets a Call, each
Dossier a Submission; dossier versions and events become collection's. Calls had no opening date:
they are taken as opened on 1 January of the year before the plan year (or on the deadline if
earlier), and late dossiers stay accepted as before."""
from datetime import date

import django.db.models.deletion
from django.db import migrations, models


def to_collection(apps, schema_editor):
    DossierCall = apps.get_model("plans", "DossierCall")
    Dossier = apps.get_model("plans", "Dossier")
    DossierVersion = apps.get_model("plans", "DossierVersion")
    PlanEvent = apps.get_model("plans", "PlanEvent")
    Call = apps.get_model("collection", "Call")
    Submission = apps.get_model("collection", "Submission")
    SubmissionVersion = apps.get_model("collection", "SubmissionVersion")
    SubmissionEvent = apps.get_model("collection", "SubmissionEvent")
    for old in DossierCall.objects.order_by("pk"):
        call = Call.objects.create(
            kind="dossiers", programme_id=old.programme_id, title=f"Hồ sơ kế hoạch năm {old.plan_year}",
            opens_on=min(date(old.plan_year - 1, 1, 1), old.deadline), deadline=old.deadline, accepts_late=True,
            instructions=old.instructions, senders="leader")
        call.invited.set(old.invited.all())
        old.call_ref = call
        old.save(update_fields=["call_ref"])
    for dossier in Dossier.objects.select_related("call").order_by("pk"):
        events = list(PlanEvent.objects.filter(dossier=dossier).order_by("created_at", "id"))
        versions = list(DossierVersion.objects.filter(dossier=dossier).order_by("number"))
        decisions = [e for e in events if e.action in ("submit", "return")]
        reason = decisions[-1].note if decisions and decisions[-1].action == "return" else ""
        submission = Submission.objects.create(
            call_id=dossier.call.call_ref_id, organisation_id=dossier.organisation_id, status=dossier.status,
            lock_version=dossier.lock_version, submitted_at=dossier.submitted_at, submitted_late=dossier.submitted_late,
            submitted_by_id=versions[-1].submitted_by_id if versions else None, return_reason=reason,
            updated_at=dossier.updated_at)
        SubmissionVersion.objects.bulk_create(
            SubmissionVersion(submission=submission, number=v.number, submitted_at=v.submitted_at,
                              submitted_by_id=v.submitted_by_id, late=v.late, content=v.snapshot, total_vnd=v.total_vnd)
            for v in versions)
        SubmissionEvent.objects.bulk_create(
            SubmissionEvent(submission=submission, kind=e.action, actor_id=e.actor_id, note=e.note, created_at=e.created_at)
            for e in events)
        dossier.submission = submission
        dossier.save(update_fields=["submission"])
    PlanEvent.objects.filter(dossier__isnull=False).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("collection", "0001_calls_and_submissions"),
        ("plans", "0001_initial"),
    ]

    operations = [
        # The new link is added under a temporary name while the old programme/plan year still exist.
        migrations.AddField(
            model_name="dossiercall", name="call_ref",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                       to="collection.call"),
        ),
        migrations.AddField(
            model_name="dossier", name="submission",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.submission"),
        ),
        migrations.RunPython(to_collection, migrations.RunPython.noop),
    ]
