"""Rounds and proposals: the fields copied into collection by 0002_rounds_on_collection are dropped. A migration of its own,
so the copy is committed before the tables are altered (PostgreSQL refuses to alter a table with
pending constraint checks in the same transaction)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("rounds", "0002_rounds_on_collection"),
    ]

    operations = [
        migrations.AlterField(
            model_name="round", name="call",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s", to="collection.call"),
        ),
        migrations.AlterField(
            model_name="proposal", name="submission",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.submission"),
        ),
        migrations.AlterModelOptions(
            name="round", options={"ordering": ["-plan_year", "-call__deadline"], "verbose_name": "đợt đề xuất",
                                   "verbose_name_plural": "đợt đề xuất"},
        ),
        migrations.RemoveField(model_name="round", name="programme"),
        migrations.RemoveField(model_name="round", name="title"),
        migrations.RemoveField(model_name="round", name="opens_on"),
        migrations.RemoveField(model_name="round", name="deadline"),
        migrations.RemoveField(model_name="round", name="accepts_late"),
        migrations.RemoveField(model_name="round", name="instructions"),
        migrations.RemoveField(model_name="round", name="reminder_days"),
        migrations.RemoveField(model_name="round", name="invited"),
        migrations.RemoveField(model_name="round", name="created_at"),
        migrations.RemoveField(model_name="proposal", name="status"),
        migrations.RemoveField(model_name="proposal", name="lock_version"),
        migrations.RemoveField(model_name="proposal", name="submitted_at"),
        migrations.RemoveField(model_name="proposal", name="submitted_late"),
        migrations.RemoveField(model_name="proposal", name="updated_at"),
        migrations.DeleteModel(name="ProposalEvent"),
        migrations.DeleteModel(name="ProposalVersion"),
    ]
