import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalog", "0003_analytics_fulltext_collection"),
        ("institutions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDoc",
            fields=[
                (
                    "record",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_doc",
                        serialize=False,
                        to="catalog.record",
                    ),
                ),
                ("title", models.TextField(blank=True)),
                ("author", models.TextField(blank=True)),
                ("subject", models.TextField(blank=True)),
                ("notes", models.TextField(blank=True)),
                ("codes", models.TextField(blank=True)),
                (
                    "institution",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="institutions.institution",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[("term", models.CharField(max_length=100, primary_key=True, serialize=False))],
        ),
    ]
