"""Dossier calls and dossiers: the fields copied into collection by 0002_dossiers_on_collection are dropped. A migration of its own,
so the copy is committed before the tables are altered (PostgreSQL refuses to alter a table with
pending constraint checks in the same transaction)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0002_dossiers_on_collection"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="dossiercall", name="one_dossier_call_per_year"),
        migrations.RemoveField(model_name="dossiercall", name="programme"),
        migrations.RemoveField(model_name="dossiercall", name="deadline"),
        migrations.RemoveField(model_name="dossiercall", name="invited"),
        migrations.RemoveField(model_name="dossiercall", name="instructions"),
        migrations.AlterField(
            model_name="dossiercall", name="call_ref",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.call"),
        ),
        migrations.RenameField(model_name="dossiercall", old_name="call_ref", new_name="call"),
        migrations.AlterField(
            model_name="dossier", name="submission",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="%(class)s",
                                       to="collection.submission"),
        ),
        migrations.RemoveField(model_name="dossier", name="status"),
        migrations.RemoveField(model_name="dossier", name="lock_version"),
        migrations.RemoveField(model_name="dossier", name="submitted_at"),
        migrations.RemoveField(model_name="dossier", name="submitted_late"),
        migrations.RemoveField(model_name="dossier", name="updated_at"),
        migrations.RemoveField(model_name="planevent", name="dossier"),
        migrations.DeleteModel(name="DossierVersion"),
    ]
