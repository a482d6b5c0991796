from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElibraryConfig(AppConfig):
    name = "kutubxona.elibrary"
    label = "elibrary"
    verbose_name = _("Digital collections and QR boards")

    def ready(self) -> None:
        from kutubxona.core.signals import record_files_changed
        from kutubxona.elibrary import open_files

        record_files_changed.connect(open_files.warn_boards, dispatch_uid="elibrary.warn_boards")
