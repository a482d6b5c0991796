from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadersConfig(AppConfig):
    name = "kutubxona.readers"
    label = "readers"
    verbose_name = _("Readers")

    def ready(self) -> None:
        from kutubxona.catalog.fulltext import register_reader_check
        from kutubxona.readers.session import is_registered_reader

        register_reader_check(is_registered_reader)
