"""Late sending ends on a closing date: a call accepting late sending without one gets its deadline + 30
days (collection.models.LATE_SENDING_DAYS), a call refusing late sending keeps none, a closing date before
the deadline becomes the deadline; then the database holds the rule."""
from datetime import timedelta

from django.db import migrations, models

LATE_SENDING_DAYS = 30  # collection.models.LATE_SENDING_DAYS when this migration was written


def give_closing_dates(apps, schema_editor):
    Call = apps.get_model("collection", "Call")
    Call.objects.filter(accepts_late=False).exclude(closes_on=None).update(closes_on=None)
    for call in Call.objects.filter(accepts_late=True, closes_on=None).only("pk", "deadline"):
        Call.objects.filter(pk=call.pk).update(closes_on=call.deadline + timedelta(days=LATE_SENDING_DAYS))
    Call.objects.filter(accepts_late=True, closes_on__lt=models.F("deadline")).update(closes_on=models.F("deadline"))


class Migration(migrations.Migration):

    # After the kinds' carry-over onto collection, so that the calls it creates get their closing dates too.
    dependencies = [
        ("collection", "0002_progress_kind"),
        ("rounds", "0002_rounds_on_collection"),
        ("plans", "0002_dossiers_on_collection"),
        ("evaluation", "0002_periods_on_collection"),
    ]

    operations = [
        migrations.RunPython(give_closing_dates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="call",
            constraint=models.CheckConstraint(
                condition=models.Q(("accepts_late", False), ("closes_on__isnull", True))
                | models.Q(("accepts_late", True), ("closes_on__gte", models.F("deadline")), ("closes_on__isnull", False)),
                name="call_late_sending_has_a_closing_date"),
        ),
    ]
