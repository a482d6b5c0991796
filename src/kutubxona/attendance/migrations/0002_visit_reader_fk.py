"""`Visit.reader_id`, a plain number until now, becomes a foreign key to `readers.Reader` on the
same column (no data copied; the unique rule stays as it was).

An id whose reader no longer exists cannot be a foreign key: such visits become visits of
nobody identified (reader NULL, like the paper diary's history) rather than being deleted,
because they still count for line 16. Going back, the column is a plain number again and the
ids kept; the ones set to NULL stay NULL (their readers are gone).
"""

import django.db.models.deletion
from django.db import migrations, models

UNIQUE = "visit_once_per_reader_sector_day"


def forget_missing_readers(apps, schema_editor):
    visit = apps.get_model("attendance", "Visit")
    reader = apps.get_model("readers", "Reader")
    known = reader._base_manager.values("pk")
    visit._base_manager.filter(reader_id__isnull=False).exclude(reader_id__in=known).update(reader_id=None)


def reader_fk(**extra):
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to="readers.reader",
        verbose_name="reader",
        **extra,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0001_initial"),
        ("readers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_missing_readers, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            # The column keeps its name: only its type (bigint), index and constraint change.
            database_operations=[
                migrations.AlterField("visit", "reader_id", reader_fk(db_column="reader_id")),
            ],
            state_operations=[
                migrations.RemoveConstraint("visit", UNIQUE),
                migrations.RemoveField("visit", "reader_id"),
                migrations.AddField("visit", "reader", reader_fk()),
                migrations.AddConstraint(
                    "visit",
                    models.UniqueConstraint(fields=("institution", "sector", "reader", "day"), name=UNIQUE),
                ),
            ],
        ),
    ]
