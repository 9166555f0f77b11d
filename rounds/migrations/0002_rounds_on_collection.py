"""Rounds and proposals move onto the collection core: each Round gets a Call (calendar, invited
units), each Proposal a Submission (state, sending, versions, typed events). Nothing is lost: every
version keeps its rows and amounts, every event its actor, note, time and row."""
import django.db.models.deletion
from django.db import migrations, models


def to_collection(apps, schema_editor):
    Round = apps.get_model("rounds", "Round")
    Proposal = apps.get_model("rounds", "Proposal")
    ProposalVersion = apps.get_model("rounds", "ProposalVersion")
    ProposalEvent = apps.get_model("rounds", "ProposalEvent")
    Call = apps.get_model("collection", "Call")
    Submission = apps.get_model("collection", "Submission")
    SubmissionVersion = apps.get_model("collection", "SubmissionVersion")
    SubmissionEvent = apps.get_model("collection", "SubmissionEvent")
    for round_obj in Round.objects.order_by("pk"):
        call = Call.objects.create(
            kind="proposals", programme_id=round_obj.programme_id, title=round_obj.title, opens_on=round_obj.opens_on,
            deadline=round_obj.deadline, accepts_late=round_obj.accepts_late, instructions=round_obj.instructions,
            reminder_days=round_obj.reminder_days, senders="leader", created_at=round_obj.created_at)
        call.invited.set(round_obj.invited.all())
        round_obj.call = call
        round_obj.save(update_fields=["call"])
    for proposal in Proposal.objects.select_related("round").order_by("pk"):
        events = list(ProposalEvent.objects.filter(proposal=proposal).order_by("created_at", "id"))
        versions = list(ProposalVersion.objects.filter(proposal=proposal).order_by("number"))
        decisions = [e for e in events if e.action in ("submit", "return")]
        reason = decisions[-1].note if decisions and decisions[-1].action == "return" else ""
        submission = Submission.objects.create(
            call_id=proposal.round.call_id, organisation_id=proposal.organisation_id, status=proposal.status,
            lock_version=proposal.lock_version, submitted_at=proposal.submitted_at, submitted_late=proposal.submitted_late,
            submitted_by_id=versions[-1].submitted_by_id if versions else None, return_reason=reason,
            updated_at=proposal.updated_at)
        SubmissionVersion.objects.bulk_create(
            SubmissionVersion(submission=submission, number=v.number, submitted_at=v.submitted_at,
                              submitted_by_id=v.submitted_by_id, late=v.late,
                              content={"rows": v.rows, "central_vnd": v.central_vnd, "other_vnd": v.other_vnd},
                              total_vnd=v.central_vnd + v.other_vnd)
            for v in versions)
        SubmissionEvent.objects.bulk_create(
            SubmissionEvent(submission=submission, kind=e.action, actor_id=e.actor_id, note=e.note, item_id=e.row_id,
                            created_at=e.created_at)
            for e in events)
        proposal.submission = submission
        proposal.save(update_fields=["submission"])


class Migration(migrations.Migration):

    dependencies = [
        ("collection", "0001_calls_and_submissions"),
        ("rounds", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="round", name="call",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.call"),
        ),
        migrations.AddField(
            model_name="proposal", name="submission",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.submission"),
        ),
        migrations.RunPython(to_collection, migrations.RunPython.noop),
    ]
