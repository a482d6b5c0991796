"""`Request.reader_id`, a plain number until now, becomes a foreign key to `readers.Reader` on the
same column (no data copied).

An id whose reader no longer exists cannot be a foreign key: it becomes NULL and the request
keeps the reader's name and card as typed (it still counts for line 19). Going back, the column
is a plain number again with the ids kept.
"""

import django.db.models.deletion
from django.db import migrations, models


def forget_missing_readers(apps, schema_editor):
    request = apps.get_model("interlibrary", "Request")
    reader = apps.get_model("readers", "Reader")
    known = reader._base_manager.values("pk")
    request._base_manager.filter(reader_id__isnull=False).exclude(reader_id__in=known).update(reader_id=None)


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
        ("interlibrary", "0001_initial"),
        ("readers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_missing_readers, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            # The column keeps its name: only its type (bigint), index and constraint change.
            database_operations=[
                migrations.AlterField("request", "reader_id", reader_fk(db_column="reader_id")),
            ],
            state_operations=[
                migrations.RemoveField("request", "reader_id"),
                migrations.AddField("request", "reader", reader_fk()),
            ],
        ),
    ]
