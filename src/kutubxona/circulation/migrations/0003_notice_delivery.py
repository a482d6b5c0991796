"""Notices are sent by a background job: status, attempts, last try and error. Notices made
before were sent (or their failure logged) from the request: they become `sent`, so the job
runner does not send them again."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0002_initial"),
        ("institutions", "0003_reading_room_networks_help"),
        ("readers", "0002_reader_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="notice",
            name="error",
            field=models.CharField(blank=True, max_length=500, verbose_name="error"),
        ),
        migrations.AddField(
            model_name="notice",
            name="status",
            field=models.CharField(
                choices=[("queued", "waiting to be sent"), ("sent", "sent"), ("failed", "could not be sent")],
                default="sent",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="notice",
            name="status",
            field=models.CharField(
                choices=[("queued", "waiting to be sent"), ("sent", "sent"), ("failed", "could not be sent")],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="tried_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last tried"),
        ),
        migrations.AlterField(
            model_name="notice",
            name="kind",
            field=models.CharField(
                choices=[
                    ("overdue", "overdue"),
                    ("hold_ready", "hold ready"),
                    ("ill_arrived", "interlibrary loan arrived"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="notice",
            name="sent_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="made"),
        ),
        migrations.AddIndex(
            model_name="notice",
            index=models.Index(fields=["institution", "status"], name="circulation_institu_6ce779_idx"),
        ),
    ]
