from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kutubxona.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from kutubxona.catalog import fulltext  # noqa: F401  (registers reading a PDF's text layer)
        from kutubxona.search import tasks  # noqa: F401  (registers the reindex job)
