from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kutubxona.planning"
    label = "planning"
    verbose_name = _("Work plan")

    def ready(self) -> None:
        from kutubxona.planning.registry import autodiscover

        autodiscover()
