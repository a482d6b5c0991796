from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterlibraryConfig(AppConfig):
    name = "kutubxona.interlibrary"
    label = "interlibrary"
    verbose_name = _("Interlibrary loans")

    def ready(self) -> None:
        from kutubxona.core.signals import readers_anonymised, readers_merged
        from kutubxona.interlibrary import receivers

        readers_anonymised.connect(receivers.clear_anonymised, dispatch_uid="interlibrary.clear_anonymised")
        readers_merged.connect(receivers.move_merged, dispatch_uid="interlibrary.move_merged")
