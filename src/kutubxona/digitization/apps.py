from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitizationConfig(AppConfig):
    name = "kutubxona.digitization"
    label = "digitization"
    verbose_name = _("Digitisation")

    def ready(self) -> None:
        from kutubxona.digitization import ocr  # noqa: F401  (registers the job handler)
