"""Reporting periods and unit reports: the fields copied into collection by 0002_periods_on_collection are dropped. A migration of its own,
so the copy is committed before the tables are altered (PostgreSQL refuses to alter a table with
pending constraint checks in the same transaction)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("evaluation", "0002_periods_on_collection"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="unitreport", name="evaluation__period__e703f4_idx"),
        migrations.RemoveField(model_name="reportingperiod", name="programme"),
        migrations.RemoveField(model_name="reportingperiod", name="title"),
        migrations.RemoveField(model_name="reportingperiod", name="opens_on"),
        migrations.RemoveField(model_name="reportingperiod", name="deadline"),
        migrations.RemoveField(model_name="reportingperiod", name="accepts_late"),
        migrations.RemoveField(model_name="reportingperiod", name="instructions"),
        migrations.RemoveField(model_name="reportingperiod", name="invited"),
        migrations.RemoveField(model_name="reportingperiod", name="created_at"),
        migrations.AlterField(
            model_name="reportingperiod", name="call_ref",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.call"),
        ),
        migrations.RenameField(model_name="reportingperiod", old_name="call_ref", new_name="call"),
        migrations.AlterField(
            model_name="unitreport", name="submission",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.submission"),
        ),
        migrations.RemoveField(model_name="unitreport", name="status"),
        migrations.RemoveField(model_name="unitreport", name="submitted_at"),
        migrations.RemoveField(model_name="unitreport", name="submitted_late"),
        migrations.RemoveField(model_name="unitreport", name="submitted_by"),
        migrations.RemoveField(model_name="unitreport", name="updated_at"),
    ]
