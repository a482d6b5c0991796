"""The language a reader's notices are written in; readers registered before it get Uzbek
(Latin), the interface's first language."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("readers", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reader",
            name="language",
            field=models.CharField(
                choices=[
                    ("uz", "Uzbek (Latin)"),
                    ("uz-cyrl", "Uzbek (Cyrillic)"),
                    ("ru", "Russian"),
                    ("en", "English"),
                ],
                default="uz",
                help_text="E-mails and SMS to the reader are written in it.",
                max_length=10,
                verbose_name="language of notices",
            ),
        ),
    ]
